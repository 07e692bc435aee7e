using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using ChatOps.Channels.WeCom;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Storage;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Testing;

/// <summary>
/// The real host (Kestrel on loopback, its own database — a SQLite file or a fresh PostgreSQL database —, the sample directory) with WeCom configured against the
/// fake WeCom server: callbacks are driven into the host's endpoint encrypted and signed as WeCom does, and what the
/// host sends arrives at the fake. Every person of the directory is a known WeCom member of the fake (userid = person id).
/// </summary>
public sealed class WeComBot : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private TestStorage _storage = null!;

    private WeComBot(FakeWeComServer weCom, BotHost host, HttpClient client, IReadOnlyList<string> members)
    {
        WeCom = weCom;
        Host = host;
        Client = client;
        Members = members;
        CallbackUrl = new Uri(client.BaseAddress!, "/wecom/callback");
        Crypto = weCom.CreateCrypto();
    }

    public FakeWeComServer WeCom { get; }

    public BotHost Host { get; }

    /// <summary>A client of the host (its base address is the host's loopback URL).</summary>
    public HttpClient Client { get; }

    public Uri CallbackUrl { get; }

    /// <summary>The crypto WeCom uses for the bot's app (same Token, EncodingAESKey and corp id).</summary>
    public WeComCrypto Crypto { get; }

    /// <summary>Every person's WeCom userid in the sample directory.</summary>
    public IReadOnlyList<string> Members { get; }

    public IServiceProvider Services => Host.Services;

    /// <summary>
    /// Starts the fake and the host. <paramref name="settings"/> override the single-app WeCom settings;
    /// <paramref name="configure"/> adds settings that need the running fake (its URL).
    /// </summary>
    public static async Task<WeComBot> StartAsync(
        FakeWeComServerOptions? options = null,
        IDictionary<string, string?>? settings = null,
        Func<FakeWeComServer, IDictionary<string, string?>>? configure = null,
        string provider = StorageProviders.Sqlite)
    {
        var storage = await TestStorage.CreateAsync(provider);
        var weCom = await FakeWeComServer.StartAsync(options);
        var all = weCom.BotSettings(new Dictionary<string, string?> { ["Engine:PollInterval"] = "00:00:00.200" });
        foreach (var (key, value) in storage.Settings.Concat(settings ?? new Dictionary<string, string?>()).Concat(configure?.Invoke(weCom) ?? new Dictionary<string, string?>()))
        {
            all[key] = value;
        }

        var host = new BotHost(all);
        var client = host.CreateClient();
        var snapshot = await host.Services.GetRequiredService<IDirectoryRepository>().LoadAsync();
        var members = snapshot.People.Select(p => p.IdentityOn(ChannelNames.WeCom)).OfType<string>().ToList();
        weCom.SetKnownUsers(members);
        return new WeComBot(weCom, host, client, members) { _storage = storage };
    }

    /// <summary>A member types <paramref name="text"/> in the app.</summary>
    public async Task<FakeWeComCallbackResult> SaysAsync(string user, string text)
    {
        var result = await WeCom.SendTextMessageAsync(CallbackUrl, Crypto, user, text);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(string.Empty, result.Body);
        return result;
    }

    /// <summary>A member presses the button <paramref name="value"/> on <paramref name="card"/>.</summary>
    public async Task<FakeWeComCallbackResult> PressesAsync(string user, FakeWeComDelivery card, string value)
    {
        var taskId = card.Payload!["task_id"]!.GetValue<string>();
        Assert.Contains(value, Buttons(card).Select(b => b.Key));
        var result = await WeCom.SendCardClickAsync(CallbackUrl, Crypto, user, taskId, value);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(string.Empty, result.Body);
        return result;
    }

    /// <summary>How many messages the member has received so far (a mark for <see cref="NextAsync"/>).</summary>
    public int Mark(string user) => Received(user).Count;

    /// <summary>Messages delivered to <paramref name="user"/>, in order.</summary>
    public IReadOnlyList<FakeWeComDelivery> Received(string user) =>
        [.. WeCom.Delivered.Where(d => d.Recipient == user.ToLowerInvariant())];

    /// <summary>
    /// Waits for a message after <paramref name="mark"/> that shows every one of <paramref name="fragments"/> and returns
    /// it (messages the scheduler may send meanwhile are skipped).
    /// </summary>
    public async Task<FakeWeComDelivery> NextAsync(string user, int mark, params string[] fragments)
    {
        FakeWeComDelivery? found = null;
        await WaitUntilAsync(
            () => Task.FromResult((found = Received(user).Skip(mark).FirstOrDefault(d => fragments.All(f => Show(d).Contains(f, StringComparison.Ordinal)))) is not null),
            () => $"no message to {user} showing [{string.Join(", ", fragments)}]; received:\n{string.Join("\n---\n", Received(user).Skip(mark).Select(Show))}");
        return found!;
    }

    /// <summary>A delivery as the member sees it: the text, or the card's title, text and buttons.</summary>
    public static string Show(FakeWeComDelivery delivery)
    {
        if (delivery.MsgType == "file")
        {
            return "[file] " + delivery.Payload?["media_id"]?.GetValue<string>();
        }

        if (delivery.MsgType != "template_card")
        {
            return delivery.Content ?? string.Empty;
        }

        var card = delivery.Payload!;
        var title = card["main_title"]?["title"]?.GetValue<string>();
        var text = card["sub_title_text"]?.GetValue<string>();
        var buttons = string.Join(" ", Buttons(delivery).Select(b => $"[{b.Text}]"));
        return string.Join("\n", new[] { title, text, buttons }.Where(s => !string.IsNullOrEmpty(s)));
    }

    public static IReadOnlyList<(string Text, string Key)> Buttons(FakeWeComDelivery delivery) =>
        [.. (delivery.Payload?["button_list"] as JsonArray ?? []).Select(b => (b!["text"]!.GetValue<string>(), b["key"]!.GetValue<string>()))];

    /// <summary>Polls <paramref name="condition"/> until it holds (the host's workers run in the background).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> failure)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure());
            await Task.Delay(25);
        }
    }

    /// <summary>Waits until the host has handled every stored message and sent (or given up on) everything due.</summary>
    public Task WaitForIdleAsync() => WaitUntilAsync(
        async () => await ScalarAsync<long>("SELECT COUNT(*) FROM inbox WHERE processed_at IS NULL") == 0
            && await ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE status = 'Pending' AND attempts = 0") == 0
            && await ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE status = 'Pending' AND claimed_until > @Now", new { Now = DateTimeOffset.UtcNow }) == 0,
        () => "the host did not become idle");

    /// <summary>Queues messages as a scheduled job would (in one transaction) and wakes the dispatcher.</summary>
    public async Task EnqueueAsync(params OutboxItem[] items)
    {
        await using (var work = await Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync())
        {
            foreach (var item in items)
            {
                Assert.True(await work.Outbox.EnqueueAsync(item));
            }

            await work.CommitAsync();
        }

        Services.GetRequiredService<IWorkSignal>().OutboxChanged();
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<T>(sql, parameters) ?? default!;
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Services.GetRequiredService<Database>().OpenAsync();
        return [.. await connection.QueryAsync<T>(sql, parameters)];
    }

    /// <summary>A text message's inner XML with a fixed MsgId, as WeCom would send it again on a retry.</summary>
    public string TextXml(string user, string content, long msgId) => new XElement("xml",
        new XElement("ToUserName", new XCData(WeCom.Options.CorpId)),
        new XElement("FromUserName", new XCData(user)),
        new XElement("CreateTime", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        new XElement("MsgType", new XCData("text")),
        new XElement("Content", new XCData(content)),
        new XElement("MsgId", msgId.ToString(CultureInfo.InvariantCulture)),
        new XElement("AgentID", WeCom.Options.AgentId)).ToString(SaveOptions.DisableFormatting);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        await WeCom.DisposeAsync();
        await _storage.DisposeAsync();
    }
}
