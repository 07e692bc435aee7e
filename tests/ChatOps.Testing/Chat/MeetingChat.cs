using ChatOps.Bot.Engine;
using ChatOps.Bot.Hosting;
using ChatOps.Bot.Meetings;
using ChatOps.Core.Conversations;
using ChatOps.Core.Meetings;
using ChatOps.Core.Organization;
using ChatOps.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.Testing;

/// <summary>
/// <see cref="ChatHarness"/> with meetings registered (<see cref="MeetingsRegistration.AddMeetings"/>): the engine on
/// a real SQLite file with the sample directory and a fake clock, driven turn by turn, plus the meeting scheduler run
/// explicitly at the clock's time. What the bot sends anyone (replies, invitations, reminders) is read from the outbox.
/// </summary>
public sealed class MeetingChat : IAsyncDisposable
{
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);
    private int _counter;

    private MeetingChat(IHost host, FakeTimeProvider clock, string folder)
    {
        Host = host;
        Clock = clock;
        DataFolder = folder;
    }

    public IHost Host { get; }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => Host.Services;

    private TestStorage? _storage;

    public string DataFolder { get; }

    public MeetingService Meetings => Services.GetRequiredService<MeetingService>();

    /// <summary>Starts on a fresh data folder (or an existing one, to simulate a restart) at <paramref name="now"/>.</summary>
    public static async Task<MeetingChat> StartAsync(DateTimeOffset now, string? folder = null, string provider = StorageProviders.Sqlite, TestStorage? storage = null)
    {
        storage ??= await TestStorage.CreateAsync(provider);
        folder ??= Directory.CreateTempSubdirectory("chatops-meetings-").FullName;
        var clock = new FakeTimeProvider(now);
        var builder = ChatHost.CreateBuilder(folder, clock, storage.Settings);
        builder.AddMeetings();
        var host = await builder.BuildSeededAsync();
        var chat = new MeetingChat(host, clock, folder) { _storage = storage };
        foreach (var person in (await host.Services.GetRequiredService<IDirectoryRepository>().LoadAsync()).People)
        {
            await chat.NewMessagesAsync(person.Id); // after a restart, what was sent before is not new
        }

        return chat;
    }

    /// <summary>Stops this host and starts a new one at <paramref name="now"/> on the same database (a restart).</summary>
    public async Task<MeetingChat> RestartAsync(DateTimeOffset now)
    {
        var storage = _storage;
        _storage = null; // the database outlives this host
        await DisposeAsync();
        return await StartAsync(now, DataFolder, storage: storage);
    }

    /// <summary>A person's side of the conversation.</summary>
    public Talker As(string personId) => new(this, personId);

    /// <summary>Moves the clock to an office-time instant (Kunming, UTC+8).</summary>
    public void At(int month, int day, int hour, int minute = 0) =>
        Clock.SetUtcNow(new DateTimeOffset(Clock.GetUtcNow().Year, month, day, hour, minute, 0, TimeSpan.FromHours(8)));

    /// <summary>Runs the meeting scheduler at the clock's time, as the every-minute job does; returns messages queued.</summary>
    public Task<int> RunSchedulerAsync() => Services.GetRequiredService<MeetingScheduler>().RunDueAsync(Clock.GetUtcNow());

    /// <summary>Messages queued for a person since the last look (on the local web chat).</summary>
    public async Task<Reply> NewMessagesAsync(string personId)
    {
        var items = await Services.GetRequiredService<IOutboxDispatch>().ListForPersonAsync(personId, ChannelNames.Local, _seen.GetValueOrDefault(personId));
        if (items.Count > 0)
        {
            _seen[personId] = items[^1].Id;
        }

        return new Reply(items);
    }

    /// <summary>Outbox rows whose dedupe key starts with <paramref name="prefix"/> (to prove nothing went twice).</summary>
    public async Task<long> CountOutboxAsync(string prefix)
    {
        await using var c = await Services.GetRequiredService<Database>().OpenAsync();
        await using var command = c.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE @prefix";
        var p = command.CreateParameter();
        p.ParameterName = "@prefix";
        p.Value = prefix + "%";
        command.Parameters.Add(p);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Reads meeting state in a unit of work that is never committed.</summary>
    public async Task<T> ReadAsync<T>(Func<IMeetingStore, Task<T>> read)
    {
        await using var work = await Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync();
        return await read(Services.GetRequiredService<IMeetingStoreFactory>().For(work));
    }

    public async Task<Reply> SayAsync(string personId, string? text, string? action)
    {
        await NewMessagesAsync(personId); // what was sent to the person before is not this turn's answer
        await Services.TurnAsync($"m{Interlocked.Increment(ref _counter)}-{Guid.NewGuid():N}", personId, text, action, Clock.GetUtcNow());
        return await NewMessagesAsync(personId);
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
}

/// <summary>One person's turns; each returns the bot's answers to that person.</summary>
public sealed class Talker(MeetingChat chat, string personId)
{
    public string PersonId => personId;

    /// <summary>Types <paramref name="text"/>.</summary>
    public Task<Reply> SaysAsync(string text) => chat.SayAsync(personId, text, null);

    /// <summary>Presses a button (its value).</summary>
    public Task<Reply> PressesAsync(string value) => chat.SayAsync(personId, null, value);

    /// <summary>What the bot sent this person on its own since the last look (notices, reminders).</summary>
    public Task<Reply> ReceivesAsync() => chat.NewMessagesAsync(personId);
}
