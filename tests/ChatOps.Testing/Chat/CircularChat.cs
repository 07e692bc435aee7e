using System.Collections.Concurrent;
using ChatOps.Bot.Circulars;
using ChatOps.Bot.Engine;
using ChatOps.Bot.Hosting;
using ChatOps.Core.Circulars;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Storage;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.Testing;

/// <summary>
/// The engine with circulars on a real SQLite file, the sample directory and a fake clock, driven turn by turn like
/// <see cref="ChatHarness"/>. WeCom and Bot Framework are "enabled" through scriptable senders (the real ones talk to
/// remote services), so routing to group chats is real and the dispatcher can be run against them. The directory is
/// the sample one with two changes that make every kind of target visible: the liaison app chat holds the provincial
/// departments' liaisons only, and the one Bot Framework (Teams) group holds two prefectures' liaisons (it replaces the
/// sample's Teams group).
/// </summary>
public sealed class CircularChat : IAsyncDisposable
{
    /// <summary>The Teams group added to the sample directory.</summary>
    public const string TeamsGroup = "zs-teams";

    /// <summary>Its conversation id.</summary>
    public const string TeamsConversation = "19:prefecture-liaisons@thread.tacv2";

    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);
    private int _counter;

    private CircularChat(IHost host, FakeTimeProvider clock)
    {
        Host = host;
        Clock = clock;
    }

    public IHost Host { get; }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => Host.Services;

    private TestStorage? _storage;

    public ScriptedSender WeCom => Services.GetServices<IChannelSender>().OfType<ScriptedSender>().Single(s => s.Channel == ChannelNames.WeCom);

    public ScriptedSender BotFramework => Services.GetServices<IChannelSender>().OfType<ScriptedSender>().Single(s => s.Channel == ChannelNames.BotFramework);

    public CircularService Circulars => Services.GetRequiredService<CircularService>();

    public static async Task<CircularChat> StartAsync(DateTimeOffset now, IDictionary<string, string?>? settings = null, string provider = StorageProviders.Sqlite)
    {
        var storage = await TestStorage.CreateAsync(provider);
        var folder = Directory.CreateTempSubdirectory("chatops-circulars-").FullName;
        var clock = new FakeTimeProvider(now);
        var builder = ChatHost.CreateBuilder(folder, clock, storage.Settings.Concat(settings ?? new Dictionary<string, string?>()));
        builder.Services.AddSingleton<IChannelSender>(new ScriptedSender(ChannelNames.WeCom));
        builder.Services.AddSingleton<IChannelSender>(new ScriptedSender(ChannelNames.BotFramework));
        builder.AddCirculars();
        var host = await builder.BuildSeededAsync();
        await ReshapeGroupsAsync(host.Services.GetRequiredService<IDirectoryRepository>(), now);
        return new CircularChat(host, clock) { _storage = storage };
    }

    /// <summary>Says something as a person on the local web chat; returns the bot's answers to that person on it.</summary>
    public async Task<Reply> SaysAsync(string personId, string text) => new(await TurnAsync(personId, text, null));

    /// <summary>Presses a button as a person.</summary>
    public async Task<Reply> PressesAsync(string personId, string value) => new(await TurnAsync(personId, null, value));

    /// <summary>Messages queued for a person on any channel since the last look (1:1 only).</summary>
    public async Task<Reply> NewMessagesAsync(string personId)
    {
        var dispatch = Services.GetRequiredService<IOutboxDispatch>();
        var after = _seen.GetValueOrDefault(personId);
        var items = new List<OutboxItem>();
        foreach (var channel in ChannelNames.All)
        {
            items.AddRange(await dispatch.ListForPersonAsync(personId, channel, after));
        }

        items.Sort((a, b) => a.Id.CompareTo(b.Id));
        if (items.Count > 0)
        {
            _seen[personId] = items[^1].Id;
        }

        return new Reply(items);
    }

    /// <summary>Outbox rows to group chats, oldest first.</summary>
    public async Task<IReadOnlyList<(long Id, string Channel, string Address, string GroupCode, string Status, string? DedupeKey)>> GroupRowsAsync()
    {
        await using var c = await Services.GetRequiredService<Database>().OpenAsync();
        return [.. await c.QueryAsync<(long, string, string, string, string, string?)>(
            "SELECT id, channel, address, group_code, status, dedupe_key FROM outbox WHERE group_code IS NOT NULL ORDER BY id")];
    }

    /// <summary>A scalar from the bot's database.</summary>
    public async Task<T> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var c = await Services.GetRequiredService<Database>().OpenAsync();
        return (await c.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    /// <summary>Runs the use cases in one committed unit of work (as the API does).</summary>
    public async Task<T> InWorkAsync<T>(Func<IUnitOfWork, Task<T>> work)
    {
        await using var unit = await Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync();
        var result = await work(unit);
        await unit.CommitAsync();
        return result;
    }

    /// <summary>Composes and sends a circular as <paramref name="by"/> through the service; returns it.</summary>
    public async Task<Circular> IssueAsync(CircularDraft draft, string by = "office.clerk1")
    {
        var actor = Actor.Of((await Services.GetRequiredService<IDirectoryRepository>().FindPersonAsync(by))!, "test");
        return await InWorkAsync(async work =>
        {
            var created = await Circulars.CreateAsync(actor, work, draft, Clock.GetUtcNow());
            Assert.True(created.Succeeded, created.ErrorText);
            var sent = await Circulars.SendAsync(actor, work, created.Circular!.Id, Clock.GetUtcNow());
            Assert.True(sent.Succeeded, sent.ErrorText);
            return sent.Circular!;
        });
    }

    /// <summary>The office's view of a circular.</summary>
    public Task<CircularStanding> StandingAsync(long id) =>
        InWorkAsync(async work => (await Circulars.StandingAsync(Actor.System("test", "test"), work, id)).Standing!);

    /// <summary>Runs the dispatcher until nothing due is left; returns how many sends it attempted.</summary>
    public async Task<int> DispatchAsync()
    {
        var dispatcher = ActivatorUtilities.CreateInstance<OutboxDispatcher>(Services);
        var total = 0;
        int claimed;
        do
        {
            claimed = await dispatcher.DispatchDueAsync(CancellationToken.None);
            total += claimed;
        }
        while (claimed > 0);
        return total;
    }

    public async ValueTask DisposeAsync()
    {
        Host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }
    }

    private async Task<IReadOnlyList<OutboxItem>> TurnAsync(string personId, string? text, string? action)
    {
        var dispatch = Services.GetRequiredService<IOutboxDispatch>();
        var before = (await dispatch.ListForPersonAsync(personId, ChannelNames.Local, 0)).LastOrDefault()?.Id ?? 0;
        await Services.TurnAsync($"c{Interlocked.Increment(ref _counter)}-{Guid.NewGuid():N}", personId, text, action, Clock.GetUtcNow());
        return await dispatch.ListForPersonAsync(personId, ChannelNames.Local, before);
    }

    private static async Task ReshapeGroupsAsync(IDirectoryRepository directory, DateTimeOffset now)
    {
        var current = await directory.LoadAsync();
        var liaisons = current.LiaisonsByUnit();
        var provincial = current.Units.Where(u => u.Kind == UnitKind.ProvincialDepartment).Select(u => liaisons[u.Code]);
        var groups = current.Groups
            .Where(g => g.Kind != ChatOps.Channels.BotFramework.Hosting.BotFrameworkGroupKinds.Conversation) // the sample's own Teams group gives way to this one
            .Select(g => g.Code == "lly-group" ? g with { MemberIds = [.. provincial, "office.clerk1", "office.clerk2"] } : g)
            .Append(new GroupChat(TeamsGroup, "州市联络员群（Teams）", ChatOps.Channels.BotFramework.Hosting.BotFrameworkGroupKinds.Conversation, TeamsConversation, ["530100.lly", "530300.lly"]))
            .ToList();
        await directory.ApplyAsync(DirectoryChanges.Between(current, current with { Groups = groups }, includeGroups: true), "test", "circular tests", now);
    }
}

/// <summary>A channel sender whose answer per message the test decides; it records what it was asked to send.</summary>
public sealed class ScriptedSender(string channel) : IChannelSender
{
    private readonly ConcurrentQueue<OutboxItem> _attempts = new();

    public string Channel => channel;

    /// <summary>Decides the result; null (the default) sends everything.</summary>
    public Func<OutboxItem, SendResult?>? Script { get; set; }

    public IReadOnlyList<OutboxItem> Attempts => [.. _attempts];

    public Task<SendResult> SendAsync(OutboxItem item, CancellationToken cancellationToken = default)
    {
        _attempts.Enqueue(item);
        return Task.FromResult(Script?.Invoke(item) ?? new SendResult.Sent($"{channel}-{item.Id}"));
    }
}
