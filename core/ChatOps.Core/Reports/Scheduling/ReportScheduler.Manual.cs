using ChatOps.Core.Calendar;

namespace ChatOps.Core.Reports.Scheduling;

/// <summary>What the office sends by hand: 发送提醒 (the open period's prompt) or 催报 (the overdue notice of the period just closed).</summary>
public enum ManualSend
{
    /// <summary>发送提醒: the open period's first prompt to every liaison who still owes it.</summary>
    Prompt,

    /// <summary>催报: the overdue notice of the period that closed last to every liaison whose unit has not submitted it.</summary>
    Chase,
}

/// <summary>Who a manual send would reach, asked before sending: the period, the units reached and the units that cannot be.</summary>
public sealed record ManualPreview(ReportCycle Cycle, ReportPeriod Period, ManualSend Kind, int Reachable, IReadOnlyList<string> Unreachable);

/// <summary>The office's sends by hand, previewed first (the chat asks for a confirmation that says how many get what).</summary>
public sealed partial class ReportScheduler
{
    /// <summary>The period a manual send is about: the open one for 发送提醒, the last closed one for 催报 (null when none).</summary>
    public ReportPeriod? ManualPeriod(ReportCycle cycle, ManualSend kind, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var open = _periods.PeriodContaining(cycle.Definition, now);
        if (kind == ManualSend.Prompt)
        {
            return open;
        }

        return _periods.Periods(cycle.Definition, open.Covers.End.AddDays(-400), open.Covers.End).LastOrDefault(p => p.Due <= now);
    }

    /// <summary>
    /// How many units' liaisons a manual send would reach now, and which units it cannot reach; nothing is queued.
    /// (催报 itself, preview and send, is <see cref="Overview.ReportChasing"/>'s.)
    /// </summary>
    public async Task<ManualPreview?> PreviewAsync(IUnitOfWork unitOfWork, ReportCycle cycle, ManualSend kind, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        if (ManualPeriod(cycle, kind, now) is not { } period)
        {
            return null;
        }

        var standing = await PeriodStanding.ReadAsync(cycle, period.Key, await _directory.LoadAsync(cancellationToken), unitOfWork, cancellationToken);
        var reachable = standing.Chased.Count(u => u.Liaison is not null && _router.Route(u.Liaison) is not null);
        var unreachable = standing.Chased.Where(u => u.Liaison is null || _router.Route(u.Liaison) is null).Select(u => u.Unit.Name).ToList();
        return new ManualPreview(cycle, period, kind, reachable, unreachable);
    }
}
