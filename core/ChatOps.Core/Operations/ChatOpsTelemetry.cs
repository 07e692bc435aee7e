using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;

namespace ChatOps.Core.Operations;

/// <summary>
/// The bot's metrics and traces (BCL <see cref="Meter"/> and <see cref="ActivitySource"/>, so the core stays free of
/// exporters): the host turns them into a Prometheus scrape endpoint and/or OTLP when configured. Instruments are
/// static: recording costs a few nanoseconds when nobody listens.
/// </summary>
public static partial class ChatOpsTelemetry
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "ChatOps";

    /// <summary>
    /// Traces: callback → engine turn → send, one trace across instances: the callback's trace context is stored with
    /// the inbox row (<see cref="InboundMessage.TraceParent"/>), the turn's with each outbox row it queues
    /// (<see cref="OutboxItem.TraceParent"/>), and each stage starts its span as a child of the stored context.
    /// </summary>
    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Seconds between a message's arrival and the engine taking it.</summary>
    public static readonly Histogram<double> InboxLag = Meter.CreateHistogram<double>(
        "chatops.inbox.lag", "s", "Time from accepting an inbound message to the engine handling it");

    /// <summary>Messages handed to a channel, per channel, result (sent, retry, failed) and error code.</summary>
    public static readonly Counter<long> Sends = Meter.CreateCounter<long>(
        "chatops.outbox.sends", "{message}", "Send attempts per channel, result and error code");

    /// <summary>Dialog turns (inbound messages the engine handled), per channel.</summary>
    public static readonly Counter<long> DialogTurns = Meter.CreateCounter<long>(
        "chatops.dialog.turns", "{turn}", "Inbound messages handled by the conversation engine");

    /// <summary>Report prompts and reminders delivered, per step (first-prompt, morning-reminder, final-reminder, overdue).</summary>
    public static readonly Counter<long> PromptsSent = Meter.CreateCounter<long>(
        "chatops.prompts.sent", "{message}", "Report prompts and reminders delivered, per step");

    /// <summary>Report versions received (submitted), per cycle, period, lateness and what became of them (see <see cref="RecordReportReceived"/>).</summary>
    public static readonly Counter<long> ReportsReceived = Meter.CreateCounter<long>(
        "chatops.reports.received", "{report}", "Report versions submitted, per cycle, period, lateness and outcome");

    /// <summary>Sends postponed because the channel asked to slow down (45009/45033, HTTP 429 Retry-After).</summary>
    public static readonly Counter<long> RateLimitBackoffs = Meter.CreateCounter<long>(
        "chatops.ratelimit.backoffs", "{backoff}", "Sends postponed because the channel rate-limited us");

    private static Func<OutboxStats>? _outbox;

    /// <summary>The current span's W3C traceparent, to store with a row; null when nothing is traced.</summary>
    public static string? CurrentTraceParent() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>The context a stored traceparent names (default when there is none or it is malformed).</summary>
    public static ActivityContext ParentOf(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;

    /// <summary>Starts the span of an engine turn, a child of the callback that delivered the message (any instance).</summary>
    public static Activity? StartTurn(InboxItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var activity = Source.StartActivity("engine.turn", ActivityKind.Internal, ParentOf(item.Message.TraceParent));
        activity?.SetTag("chatops.inbox.id", item.Id).SetTag("chatops.channel", item.Message.Channel).SetTag("chatops.person.id", item.PersonId);
        return activity;
    }

    /// <summary>
    /// Where the outbox gauges read pending messages and the oldest one's age (the host plugs in a cached database
    /// query: gauges are read only when scraped).
    /// </summary>
    public static void ObserveOutbox(Func<OutboxStats> read)
    {
        if (Interlocked.Exchange(ref _outbox, read) is null)
        {
            Meter.CreateObservableGauge("chatops.outbox.pending", () => _outbox!().Pending, "{message}", "Messages waiting to be sent");
            Meter.CreateObservableGauge("chatops.outbox.oldest_age", () => _outbox!().OldestAgeSeconds, "s", "Age of the oldest message waiting to be sent");
        }
    }

    /// <summary>Records one send outcome; a retry because of a rate limit (the channel's 45009/429 or our own per-member and robot limits) also counts as a back-off.</summary>
    public static void RecordSend(OutboxItem item, SendResult result)
    {
        var (outcome, error) = result switch
        {
            SendResult.Sent => ("sent", null),
            SendResult.Retry r => ("retry", r.Error),
            SendResult.Failed f => ("failed", f.Error),
            SendResult.Wait => ("waiting", null),
            _ => ("unknown", null),
        };
        var code = ErrorCode(error);
        Sends.Add(1, new("channel", item.Channel), new("result", outcome), new("error_code", code));
        if (result is SendResult.Retry && (code is "45009" or "45033" or "45047" or "429" || error!.Contains("limit", StringComparison.OrdinalIgnoreCase)
            || error.Contains("messages a minute", StringComparison.Ordinal)))
        {
            RateLimitBackoffs.Add(1, new KeyValuePair<string, object?>("channel", item.Channel));
        }

        if (result is SendResult.Sent && item.DedupeKey is { } key && key.StartsWith("report:", StringComparison.Ordinal))
        {
            var parts = key.Split(':');
            PromptsSent.Add(1, new KeyValuePair<string, object?>("step", parts.Length > 3 ? parts[3] : "other"));
        }
    }

    /// <summary>
    /// Records one report version received: <paramref name="outcome"/> is <c>submitted</c>, <c>revised</c> or
    /// <c>pending_review</c>; the period key (e.g. 2026-W48) keeps the series bounded (one per period).
    /// </summary>
    public static void RecordReportReceived(string cycle, string period, bool late, string outcome) =>
        ReportsReceived.Add(1, new("cycle", cycle), new("period", period), new("late", late ? "true" : "false"), new("outcome", outcome));

    /// <summary>
    /// The code a channel's error carries, for the error_code tag: WeCom's errcode ("errcode 60020"), else an HTTP
    /// status ("answered 403"), else "none"/"other". Bounded, so the tag never explodes into free text.
    /// </summary>
    public static string ErrorCode(string? error)
    {
        if (string.IsNullOrEmpty(error))
        {
            return "none";
        }

        var m = CodePattern().Match(error);
        return m.Success ? m.Groups[1].Value : "other";
    }

    [GeneratedRegex(@"(?:errcode|answered|status|HTTP)\s*:?\s*(-?\d{1,6})", RegexOptions.IgnoreCase)]
    private static partial Regex CodePattern();
}

/// <summary>The outbox as the gauges see it.</summary>
public readonly record struct OutboxStats(long Pending, double OldestAgeSeconds);
