using ChatOps.Bot.Engine;
using ChatOps.Bot.Hosting;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.Testing;

/// <summary>
/// The engine with its real storage (a SQLite file), the sample directory and a fake clock, driven turn by turn:
/// what a person says goes through the inbox exactly as from a channel, and what the bot answers is read back from
/// the outbox. The workers are not running; each turn is handled explicitly so tests are deterministic.
/// </summary>
public sealed class ChatHarness : IAsyncDisposable
{
    private readonly string _folder;
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);
    private int _counter;

    private ChatHarness(IHost host, FakeTimeProvider clock, string folder)
    {
        Host = host;
        Clock = clock;
        _folder = folder;
    }

    public IHost Host { get; }

    private TestStorage? _storage;

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => Host.Services;

    public string DataFolder => _folder;

    /// <summary>Starts on a fresh data folder (or an existing one, to simulate a restart) at <paramref name="now"/>.</summary>
    public static async Task<ChatHarness> StartAsync(
        DateTimeOffset now, string? folder = null, IDictionary<string, string?>? settings = null, string provider = StorageProviders.Sqlite,
        TestStorage? storage = null, Action<HostApplicationBuilder>? configure = null)
    {
        storage ??= await TestStorage.CreateAsync(provider);
        folder ??= Directory.CreateTempSubdirectory("chatops-chat-").FullName;
        var clock = new FakeTimeProvider(now);
        var builder = ChatHost.CreateBuilder(folder, clock, storage.Settings.Concat(settings ?? new Dictionary<string, string?>()));
        configure?.Invoke(builder);
        var host = await builder.BuildSeededAsync();
        return new ChatHarness(host, clock, folder) { _storage = storage };
    }

    /// <summary>Stops this host and starts a new one at <paramref name="now"/> on the same database (a restart).</summary>
    public async Task<ChatHarness> RestartAsync(DateTimeOffset now)
    {
        var storage = _storage;
        _storage = null; // the database outlives this host
        await DisposeAsync();
        return await StartAsync(now, _folder, storage: storage);
    }

    /// <summary>A person's side of the conversation.</summary>
    public Speaker As(string personId) => new(this, personId);

    /// <summary>Handles every stored inbound message, as the inbox worker would.</summary>
    public Task HandlePendingAsync() => Services.HandlePendingAsync(Clock.GetUtcNow());

    /// <summary>Messages queued for a person since the last look (on the local web chat).</summary>
    public async Task<IReadOnlyList<OutboxItem>> NewMessagesAsync(string personId)
    {
        var items = await Services.GetRequiredService<IOutboxDispatch>().ListForPersonAsync(personId, ChannelNames.Local, _seen.GetValueOrDefault(personId));
        if (items.Count > 0)
        {
            _seen[personId] = items[^1].Id;
        }

        return items;
    }

    public async Task<IReadOnlyList<OutboxItem>> SayAsync(string personId, string? text, string? action)
    {
        if (!_seen.ContainsKey(personId))
        {
            await NewMessagesAsync(personId); // what was said before this harness started (a restart) is not this turn's answer
            _seen.TryAdd(personId, 0);
        }

        await Services.TurnAsync($"t{Interlocked.Increment(ref _counter)}-{Guid.NewGuid():N}", personId, text, action, Clock.GetUtcNow());
        return await NewMessagesAsync(personId);
    }

    /// <summary>One turn with a file on the local web chat (see <see cref="Speaker.SendsFileAsync"/>).</summary>
    public async Task<IReadOnlyList<OutboxItem>> SendFileAsync(string personId, string fileName, string contentType, byte[] content)
    {
        await NewMessagesAsync(personId);
        var message = new InboundMessage(ChannelNames.Local, $"f{Interlocked.Increment(ref _counter)}-{Guid.NewGuid():N}", personId, null, null, null, Clock.GetUtcNow())
        {
            Attachments = [new InboundAttachment(fileName, contentType, "upload")],
        };
        await Services.GetRequiredService<Core.Attachments.AttachmentIntake>().StoreUploadAsync(message, 0, new Core.Attachments.FetchedFile(fileName, contentType, content));
        await Services.GetRequiredService<IInbox>().AcceptAsync(message, personId);
        await HandlePendingAsync();
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

/// <summary>One person's turns; each returns the bot's answers as plain text (choices numbered) for readable assertions.</summary>
public sealed class Speaker(ChatHarness chat, string personId)
{
    public string PersonId => personId;

    /// <summary>Types <paramref name="text"/>; returns every message the bot sent this person in answer.</summary>
    public async Task<Reply> SaysAsync(string text) => new(await chat.SayAsync(personId, text, null));

    /// <summary>Presses a button (its value; the label is what a channel shows).</summary>
    public async Task<Reply> PressesAsync(string value) => new(await chat.SayAsync(personId, null, value));

    /// <summary>Sends a picture or file as the local web chat uploads it (stored at once, then accepted into the inbox).</summary>
    public async Task<Reply> SendsFileAsync(string fileName, string contentType, byte[] content) =>
        new(await chat.SendFileAsync(personId, fileName, contentType, content));
}

/// <summary>The bot's answer to one turn.</summary>
public sealed class Reply(IReadOnlyList<OutboxItem> items)
{
    public IReadOnlyList<OutboxItem> Items => items;

    public string Text => string.Join("\n---\n", items.Select(i => i.Message.ToNumberedText()));

    public IReadOnlyList<Choice> Choices => items.SelectMany(i => i.Message.Choices).ToList();

    /// <summary>Asserts every fragment appears in the answer, in order.</summary>
    public Reply Shows(params string[] fragments)
    {
        var at = 0;
        foreach (var f in fragments)
        {
            var found = Text.IndexOf(f, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"Expected “{f}” in the bot's answer (after position {at}):\n{Text}");
            at = found + f.Length;
        }

        return this;
    }

    public Reply DoesNotShow(string fragment)
    {
        Assert.DoesNotContain(fragment, Text, StringComparison.Ordinal);
        return this;
    }

    public Reply Offers(params string[] labels)
    {
        Assert.Equal(labels, Choices.Select(c => c.Label));
        return this;
    }
}
