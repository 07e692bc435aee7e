using ChatOps.Core.Calendar;

namespace ChatOps.Core.Reports.Scheduling;

/// <summary>A scheduling request that was refused, with a message for the office.</summary>
public sealed class SchedulingException(string message) : Exception(message);

/// <summary>An exemption as filed.</summary>
/// <param name="AlreadyExempt">The person was exempt for the period before (the reason was updated).</param>
public sealed record Exemption(ReportCycle Cycle, ReportPeriod Period, Person Person, string Reason, string By, DateTimeOffset At, bool AlreadyExempt);

/// <summary>
/// Exempts a liaison from chasing for one period — on leave, on a mission — like the white list of WeCom 汇报: no
/// reminders, no overdue notice, and the office summary lists the unit apart. The period is named by its key
/// (2026-W48; a component of a merged period finds the whole one) or defaults to the period open now.
/// </summary>
public sealed class ReportExemptions(
    ReportCycles cycles, PeriodCalculator periods, IUnitOfWorkFactory units, IDirectoryRepository directory, TimeProvider time, ILogger<ReportExemptions> logger)
{
    /// <summary>Exempts <paramref name="personId"/> (a liaison) for the period; filing it again updates the reason.</summary>
    public Task<Exemption> ExemptAsync(
        string cycleKey, string? periodKey, string personId, string reason, string by, CancellationToken cancellationToken = default) =>
        ExemptAsync(cycleKey, periodKey, personId, reason, by, "cli", cancellationToken);

    /// <summary>Exempts <paramref name="personId"/> for the period, recording <paramref name="source"/> in the audit log.</summary>
    public async Task<Exemption> ExemptAsync(
        string cycleKey, string? periodKey, string personId, string reason, string by, string source, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new SchedulingException(ReportText.ExemptReasonMissing);
        }

        var now = time.GetUtcNow();
        var (cycle, period) = Resolve(cycleKey, periodKey, now);
        var person = await directory.FindPersonAsync(personId, cancellationToken)
            ?? throw new SchedulingException(ReportText.NoSuchPerson(personId));
        if (!person.Roles.HasFlag(Roles.Liaison))
        {
            throw new SchedulingException(ReportText.NotALiaison(person.Name));
        }

        await using var unitOfWork = await units.BeginAsync(cancellationToken);
        var already = (await unitOfWork.Schedule.ListExemptAsync(cycle.Key, period.Key, cancellationToken)).Contains(person.Id, StringComparer.Ordinal);
        await unitOfWork.Schedule.AddExemptionAsync(cycle.Key, period.Key, person.Id, reason.Trim(), by, now, cancellationToken);
        await unitOfWork.Audit.AppendAsync(
            Audit.AuditEntry.Of(now, by, "report.exempt", $"person:{person.Id}", ReportText.Audit.Exempted(cycle.Key, period.Key, reason.Trim()), source), cancellationToken);
        await unitOfWork.CommitAsync(cancellationToken);
        logger.LogInformation("{By} exempted {Person} from chasing for {Cycle} {Period}: {Reason}", by, person.Id, cycle.Key, period.Key, reason);
        return new Exemption(cycle, period, person, reason.Trim(), by, now, already);
    }

    /// <summary>The people exempt for a period (the open one when <paramref name="periodKey"/> is null).</summary>
    public async Task<(ReportCycle Cycle, ReportPeriod Period, IReadOnlyList<string> PersonIds)> ListAsync(
        string cycleKey, string? periodKey, CancellationToken cancellationToken = default)
    {
        var (cycle, period) = Resolve(cycleKey, periodKey, time.GetUtcNow());
        await using var unitOfWork = await units.BeginAsync(cancellationToken);
        return (cycle, period, await unitOfWork.Schedule.ListExemptAsync(cycle.Key, period.Key, cancellationToken));
    }

    /// <summary>A cycle by key, refused with the known keys in the message.</summary>
    internal static ReportCycle Cycle(ReportCycles cycles, string cycleKey)
    {
        try
        {
            return cycles.Get(cycleKey);
        }
        catch (ArgumentException ex)
        {
            throw new SchedulingException(ex.Message);
        }
    }

    private (ReportCycle Cycle, ReportPeriod Period) Resolve(string cycleKey, string? periodKey, DateTimeOffset now)
    {
        var cycle = Cycle(cycles, cycleKey);
        if (string.IsNullOrWhiteSpace(periodKey))
        {
            return (cycle, periods.PeriodContaining(cycle.Definition, now));
        }

        try
        {
            return (cycle, periods.Find(cycle.Definition, periodKey)
                ?? throw new SchedulingException(ReportText.NoSuchPeriod(cycle.Name, periodKey)));
        }
        catch (FormatException ex)
        {
            throw new SchedulingException(ex.Message);
        }
    }
}
