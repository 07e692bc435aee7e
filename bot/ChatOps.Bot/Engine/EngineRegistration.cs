using ChatOps.Bot.Hosting;
using ChatOps.Core.Reports;

namespace ChatOps.Bot.Engine;

/// <summary>
/// Runs the conversation engine in the host: the inbox worker, the outbox dispatcher, the office profile and the
/// channel list for routing. A channel is enabled exactly when its <see cref="IChannelSender"/> is registered.
/// </summary>
public static class EngineRegistration
{
    /// <summary>Registers the engine's hosting. The local web chat's sender is registered when the local chat is enabled.</summary>
    public static IHostApplicationBuilder AddEngine(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp =>
        {
            var office = sp.GetRequiredService<IOptions<OfficeOptions>>().Value;
            return new OfficeProfile(office.Name, TimeZoneInfo.FindSystemTimeZoneById(office.TimeZone));
        });
        builder.Services.AddOptions<ChannelPreferenceOptions>().BindConfiguration(ChannelPreferenceOptions.Section)
            .Validate(o => EnabledChannels.Unknown(o.Preferred).Count == 0, ChannelPreferenceOptions.UnknownMessage)
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => EnabledChannels.Ordered(
            sp.GetServices<IChannelSender>().Select(s => s.Channel),
            sp.GetRequiredService<IOptions<ChannelPreferenceOptions>>().Value.Preferred));
        builder.Services.AddSingleton<WorkSignal>();
        builder.Services.AddSingleton<IWorkSignal>(sp => sp.GetRequiredService<WorkSignal>());
        builder.Services.AddOptions<EngineOptions>().BindConfiguration(EngineOptions.Section);
        // Another process's work (PostgreSQL LISTEN/NOTIFY), before the workers so their first wait knows whether it listens.
        builder.Services.AddSingleton<ChatOps.Storage.Conversations.WorkNotifications>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChatOps.Storage.Conversations.WorkNotifications>());
        builder.Services.AddHostedService<InboxWorker>();
        builder.Services.AddHostedService<OutboxDispatcher>();
        if (LocalChat.LocalChatOptions.IsEnabled(builder.Configuration, builder.Environment))
        {
            builder.Services.AddSingleton<IChannelSender, LocalChannelSender>();
        }

        return builder;
    }
}

/// <summary>
/// Which channel reaches a person first (section <c>Channels</c>): <c>Channels:Preferred</c> lists channel names
/// (wecom, botframework, local) in order; a message the bot starts goes to the first one the person has an identity
/// on; channels the list leaves out follow in the default order (WeCom, Bot Framework, local web chat). A reply always
/// goes back on the channel the person wrote on.
/// </summary>
public sealed class ChannelPreferenceOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Channels";

    /// <summary>The start-up error for a name that is no channel.</summary>
    public static readonly string UnknownMessage =
        $"Channels:Preferred names a channel this program does not know; use {string.Join(", ", ChannelNames.All)}.";

    /// <summary>Channel names, most preferred first; empty: the default order.</summary>
    public List<string> Preferred { get; set; } = [];
}

/// <summary>Engine settings (section <c>Engine</c>): how often the workers look for work when nobody signals them.</summary>
public sealed class EngineOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Engine";

    /// <summary>Poll interval of the inbox worker and the dispatcher (they are also woken at once by new work).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest poll interval when idle (default 15 × <see cref="PollInterval"/>: 15 s): each round in a row that finds
    /// nothing doubles the wait, from <see cref="PollInterval"/> up to this; any work or signal brings it back. Work
    /// queued in this process wakes the workers at once (<see cref="WorkSignal"/>) and the dispatcher wakes for the
    /// retries it scheduled; the poll is only for work queued elsewhere (the CLI, other instances, expired leases), which
    /// may start up to this much later when the host was idle.
    /// </summary>
    public TimeSpan? IdlePollInterval { get; set; }

    /// <summary>
    /// The longest poll interval when idle while the database tells this process of every other process's new work
    /// (PostgreSQL LISTEN/NOTIFY, see <see cref="ChatOps.Storage.Conversations.WorkNotifications"/>); default half the
    /// <see cref="OutboxLease"/> (1 minute). This poll only finds what no notification announces: claims left by an
    /// instance that died (free again after their lease) and outbox rows queued to be sent later (circular waves).
    /// </summary>
    public TimeSpan? SafetyPollInterval { get; set; }

    /// <summary>The wait after <paramref name="idleRounds"/> rounds in a row that found nothing.</summary>
    /// <param name="idleRounds">Rounds in a row that found nothing, this one included.</param>
    /// <param name="notified">Whether another process's new work wakes this one (<see cref="SafetyPollInterval"/> applies).</param>
    public TimeSpan IdleWait(int idleRounds, bool notified = false)
    {
        var longest = notified ? SafetyPollInterval ?? OutboxLease / 2 : IdlePollInterval ?? PollInterval * 15;
        var wait = PollInterval * Math.Pow(2, Math.Min(Math.Max(idleRounds - 1, 0), 16));
        return wait < longest ? wait : (longest > PollInterval ? longest : PollInterval);
    }

    /// <summary>Messages claimed per round.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>Recipients the dispatcher sends to at once (one recipient's messages always go in order).</summary>
    public int SendConcurrency { get; set; } = 8;

    /// <summary>
    /// How long an outbox claim lasts (default 2 minutes): messages claimed by an instance that died are sent by
    /// another one after this. Longer than sending one batch takes.
    /// </summary>
    public TimeSpan OutboxLease { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>Wakes the workers when there is new work; each waits on its own signal with the poll interval as a fallback.</summary>
public sealed class WorkSignal : IWorkSignal
{
    private readonly SemaphoreSlim _inbox = new(0, 1);
    private readonly SemaphoreSlim _outbox = new(0, 1);

    /// <inheritdoc/>
    public void InboxChanged() => Release(_inbox);

    /// <inheritdoc/>
    public void OutboxChanged() => Release(_outbox);

    /// <summary>Waits for new inbound work (true) or the timeout (false).</summary>
    public Task<bool> WaitInboxAsync(TimeSpan timeout, CancellationToken cancellationToken) => _inbox.WaitAsync(timeout, cancellationToken);

    /// <summary>Waits for new outbound work (true) or the timeout (false).</summary>
    public Task<bool> WaitOutboxAsync(TimeSpan timeout, CancellationToken cancellationToken) => _outbox.WaitAsync(timeout, cancellationToken);

    /// <summary>
    /// Wakes the waiter unless it is already signalled. Checked before releasing: under load every callback signals,
    /// and a <see cref="SemaphoreFullException"/> per callback (hundreds a second, each a thrown exception) was a visible
    /// part of the acknowledgement's CPU in the profile. The race between the check and the release is harmless: a
    /// second release that loses it still lands in the catch.
    /// </summary>
    private static void Release(SemaphoreSlim signal)
    {
        if (signal.CurrentCount > 0)
        {
            return;
        }

        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Signalled meanwhile by another thread: the worker will look once for everything.
        }
    }
}

/// <summary>The local web chat's channel: nothing leaves the machine; the page reads the outbox, so a message is sent once stored.</summary>
internal sealed class LocalChannelSender : IChannelSender
{
    public string Channel => ChannelNames.Local;

    public Task<SendResult> SendAsync(OutboxItem item, CancellationToken cancellationToken = default) =>
        Task.FromResult<SendResult>(new SendResult.Sent(null));
}
