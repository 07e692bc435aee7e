using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOps.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Testing;

/// <summary>
/// The real host (Kestrel on loopback, a fresh SQLite file) pointed at a <see cref="FakeBotConnector"/>, with a directory
/// in which two liaisons have Bot Framework accounts: 宋蓉 of 省发展改革委 (fgw.lly, <c>29:fgw-lly</c>) and 董晓明 of 省教育厅
/// (jyt.lly, <c>29:jyt-lly</c>). Activities are posted to /api/messages exactly as the Bot Connector posts them.
/// </summary>
public sealed class BotFrameworkHarness : IAsyncDisposable
{
    public const string FgwUser = "29:fgw-lly";
    public const string FgwConversation = "a:fgw-personal";
    public const string JytUser = "29:jyt-lly";

    /// <summary>余波 of the office (office.clerk1) on Teams, when the harness is started with <c>clerkOnTeams</c>.</summary>
    public const string ClerkUser = "29:office-clerk1";

    /// <summary>The clerk's 1:1 conversation.</summary>
    public const string ClerkConversation = "a:office-clerk1-personal";

    private readonly bool _ownsConnector;
    private bool _stopped;

    private BotFrameworkHarness(FakeBotConnector connector, BotHost host, string folder, bool ownsConnector)
    {
        Connector = connector;
        Host = host;
        DataFolder = folder;
        _ownsConnector = ownsConnector;
        Client = host.CreateClient();
    }

    public FakeBotConnector Connector { get; }

    public BotHost Host { get; }

    public HttpClient Client { get; }

    public string DataFolder { get; }

    /// <summary>The database (pass it to a second harness to restart on it).</summary>
    public TestStorage Storage { get; private init; } = null!;

    private bool _ownsStorage;

    public string ServiceUrl => Connector.ServiceUrl;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Starts a host on <paramref name="folder"/> (a new one unless restarting) against <paramref name="connector"/> (a new one
    /// unless given); <paramref name="settings"/> override the connector's settings (null values remove a setting);
    /// <paramref name="services"/> are applied after the host's own registrations.
    /// </summary>
    public static async Task<BotFrameworkHarness> StartAsync(
        IDictionary<string, string?>? settings = null, string? folder = null, FakeBotConnector? connector = null,
        string provider = StorageProviders.Sqlite, TestStorage? storage = null, bool clerkOnTeams = false,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var ownsStorage = storage is null;
        storage ??= await TestStorage.CreateAsync(provider);
        var ownsConnector = connector is null;
        connector ??= await FakeBotConnector.StartAsync();
        folder ??= Directory.CreateTempSubdirectory("chatops-bf-").FullName;
        var all = connector.Settings;
        all["Storage:DataFolder"] = folder;
        all["Directory:SeedFile"] = WriteDirectory(folder, clerkOnTeams);
        all["Engine:PollInterval"] = "00:00:00.200";
        foreach (var (key, value) in storage.Settings)
        {
            all[key] = value;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        foreach (var key in all.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList())
        {
            all.Remove(key);
        }

        return new BotFrameworkHarness(connector, new BotHost(all, services), folder, ownsConnector) { Storage = storage, _ownsStorage = ownsStorage };
    }

    /// <summary>Posts an activity with a valid token of the connector (or the given one; "" for none).</summary>
    public Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token = null) =>
        PostRawAsync(Activities.Json(activity), token ?? Connector.Token(serviceUrl: activity["serviceUrl"]?.GetValue<string>()));

    /// <summary>Posts a raw body.</summary>
    public async Task<HttpResponseMessage> PostRawAsync(string body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Client.SendAsync(request, Ct);
    }

    /// <summary>
    /// A user says something in their 1:1 chat; returns the first bot message after it that contains <paramref name="expect"/>
    /// (<paramref name="edit"/> changes the activity before it is posted).
    /// </summary>
    public async Task<ConnectorCall> SayAsync(
        string text, string expect, string from = FgwUser, string conversation = FgwConversation, Action<JsonObject>? edit = null)
    {
        var before = Connector.Calls.Count;
        var message = Activities.Message(ServiceUrl, text, from, conversation);
        edit?.Invoke(message);
        var response = await PostAsync(message);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await Connector.WaitForMessageAsync(conversation, expect, before);
    }

    /// <summary>The user presses a button on a card the bot sent (<paramref name="edit"/> changes the activity before it is posted).</summary>
    public async Task<ConnectorCall> PressAsync(ConnectorCall card, string label, string expect, string from = FgwUser, Action<JsonObject>? edit = null)
    {
        var (_, data) = card.CardSubmits.Single(c => c.Title == label);

        // A person sees the card once the Bot Connector has answered the bot's send; the bot records the card it sent
        // (to grey it out when answered) right after that answer. The fake connector shows the call as it arrives, so
        // wait until the bot has finished sending it, as no person could press it sooner.
        await EventuallyAsync(
            async () => await CountAsync("outbox", $"channel_message_id = '{card.AssignedId}' AND status = 'Sent'") > 0,
            $"the card {card.AssignedId} recorded as sent");
        var before = Connector.Calls.Count;
        var submit = Activities.Submit(ServiceUrl, data, card.AssignedId!, from, card.ConversationId!);
        edit?.Invoke(submit);
        var response = await PostAsync(submit);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await Connector.WaitForMessageAsync(card.ConversationId!, expect, before);
    }

    public Task<long> CountAsync(string table, string? where = null) =>
        ScalarAsync<long>($"SELECT COUNT(*) FROM {table}{(where is null ? "" : " WHERE " + where)}");

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await Host.Services.GetRequiredService<Database>().OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(Ct);
        return (T)Convert.ChangeType(value!, typeof(T), CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until <paramref name="condition"/> holds (the workers run in the background).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(25, Ct);
        }

        Assert.Fail($"Timed out waiting for {what}.");
    }

    /// <summary>Stops the host (the connector keeps running) and leaves the data folder for a restart.</summary>
    public async Task StopHostAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            Client.Dispose();
            await Host.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync();
        if (_ownsConnector)
        {
            await Connector.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (_ownsStorage)
        {
            await Storage.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Still held by the OS: the temp folder is cleaned by the system.
        }
    }

    /// <summary>The sample directory with Bot Framework accounts instead of WeCom for two liaisons.</summary>
    private static string WriteDirectory(string folder, bool clerkOnTeams)
    {
        var path = Path.Combine(folder, "directory.yaml");
        if (File.Exists(path))
        {
            return path;
        }

        // The sample's own Teams people and group are taken out, so that the two liaisons below are the only Teams
        // recipients and the connector sees only the calls a test causes.
        var sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "directory.yaml"));
        sample = Regex.Replace(sample, "^    botframework: .*\n", "", RegexOptions.Multiline);
        sample = Regex.Replace(sample, "^  - code: \"[^\"]*\"\n    name: .*\n    kind: botframework\n(    .*\n)*", "", RegexOptions.Multiline);
        var yaml = sample
            .Replace("    wecom: \"fgw.lly\"", $"    botframework: \"{FgwUser}\"", StringComparison.Ordinal)
            .Replace("    wecom: \"jyt.lly\"", $"    botframework: \"{JytUser}\"", StringComparison.Ordinal);
        if (clerkOnTeams)
        {
            yaml = yaml.Replace("    wecom: \"office.clerk1\"", $"    botframework: \"{ClerkUser}\"", StringComparison.Ordinal);
        }

        File.WriteAllText(path, yaml);
        return path;
    }
}
