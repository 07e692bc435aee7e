using System.Collections.Concurrent;
using ChatOps.Core.Reports;

namespace ChatOps.Core.Operations;

/// <summary>
/// A failure that breaks a whole channel rather than one message (a wrong or expired secret, this server's IP missing
/// from WeCom's 企业可信IP, the bot's credentials refused): <paramref name="Code"/> is bounded (e.g. "60020"),
/// <paramref name="Chinese"/> tells the office what it means and who must do what.
/// </summary>
public sealed record ChannelProblem(string Code, string Chinese);

/// <summary>Recognises, in a channel's send errors, the ones that mean the channel itself is broken. One per channel.</summary>
public interface IChannelTroubleshooter
{
    /// <summary>The channel whose errors this understands.</summary>
    string Channel { get; }

    /// <summary>The problem <paramref name="error"/> reveals, or null when it concerns only this message or is transient.</summary>
    ChannelProblem? Classify(string error);
}

/// <summary>
/// Tells the office in chat when a channel keeps failing, not only in a log: after <see cref="Threshold"/> sends in a
/// row fail with the same channel-level problem, every office staff member gets one message (on another channel when
/// they have one, since this one is failing), at most once per channel, problem and office day — the outbox dedupe
/// key guarantees it across restarts and instances. A successful send resets the count. Costs nothing on success
/// (a dictionary write); the alert itself is one transaction.
/// </summary>
public sealed class ChannelAlerts(
    IEnumerable<IChannelTroubleshooter> troubleshooters,
    IDirectoryRepository directory,
    IUnitOfWorkFactory work,
    IWorkSignal signal,
    RecipientRouter router,
    EnabledChannels enabled,
    OfficeProfile office,
    TimeProvider time,
    ILogger<ChannelAlerts> logger)
{
    /// <summary>Failed sends in a row with the same problem before the office is told.</summary>
    public const int Threshold = 3;

    private readonly Dictionary<string, IChannelTroubleshooter> _troubleshooters =
        troubleshooters.ToDictionary(t => t.Channel, StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, (string Code, int Count)> _streaks = new(StringComparer.Ordinal);

    /// <summary>Observes one send's outcome; queues the office's alert when a channel-level problem repeats.</summary>
    public async Task ObserveAsync(OutboxItem item, SendResult result, CancellationToken cancellationToken = default)
    {
        var error = result switch
        {
            SendResult.Retry r => r.Error,
            SendResult.Failed f => f.Error,
            _ => null,
        };
        if (error is null)
        {
            _streaks.TryRemove(item.Channel, out _);
            return;
        }

        if (!_troubleshooters.TryGetValue(item.Channel, out var troubleshooter) || troubleshooter.Classify(error) is not { } problem)
        {
            return;
        }

        var streak = _streaks.AddOrUpdate(item.Channel, _ => (problem.Code, 1), (_, s) => s.Code == problem.Code ? (s.Code, s.Count + 1) : (problem.Code, 1));
        if (streak.Count == Threshold)
        {
            await AlertAsync(item.Channel, problem, cancellationToken);
        }
    }

    private async Task AlertAsync(string channel, ChannelProblem problem, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var day = TimeZoneInfo.ConvertTime(now, office.Zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var message = OutboundMessage.Plain(OperationsText.ChannelAlert(channel, problem));
        var staff = await directory.ListByRoleAsync(Roles.OfficeStaff, cancellationToken);
        var queued = 0;
        await using (var uow = await work.BeginAsync(cancellationToken))
        {
            foreach (var member in staff)
            {
                var other = enabled.Channels.FirstOrDefault(c => c != channel && router.Route(member, c) is { Channel: var routed } && routed == c);
                var dedupe = $"channel-alert:{channel}:{problem.Code}:{day}:{member.Id}";
                if (router.To(member, message, now, dedupe, replyChannel: other) is { } outgoing && await uow.Outbox.EnqueueAsync(outgoing, cancellationToken))
                {
                    queued++;
                }
            }

            await uow.CommitAsync(cancellationToken);
        }

        logger.LogError("Channel {Channel} keeps failing with {Code}; {Count} office staff told", channel, problem.Code, queued);
        if (queued > 0)
        {
            signal.OutboxChanged();
        }
    }
}
