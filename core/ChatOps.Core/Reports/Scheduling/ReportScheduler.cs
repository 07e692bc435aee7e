using System.Collections.Concurrent;
using ChatOps.Core.Calendar;
using Microsoft.Extensions.Options;

namespace ChatOps.Core.Reports.Scheduling;

/// <summary>What the office's "send the current period's prompts now" did.</summary>
/// <param name="Queued">Prompts written to the outbox.</param>
/// <param name="Submitted">Units not prompted because they submitted (or await review).</param>
/// <param name="Exempt">Units not prompted because their liaison is exempt for the period.</param>
/// <param name="Unreachable">Units whose liaison is missing or has no identity on an enabled channel.</param>
public sealed record PromptRun(ReportCycle Cycle, ReportPeriod Period, int Queued, int Submitted, int Exempt, IReadOnlyList<string> Unreachable);

/// <summary>
/// Prompts liaisons before each deadline, reminds those who have not submitted, and at the deadline tells each missing
/// liaison, the office (who is missing) and optionally the unit's reviewing leader. It is driven by the clock it is
/// given (a Quartz job calls <see cref="RunDueAsync"/> every minute) and decides everything from stored state, so it
/// catches up after the host was down: every step is recorded done before its messages are queued, in one transaction,
/// and each message carries a dedupe key, so nothing is ever sent twice — across restarts, re-runs and instances.
/// </summary>
/// <remarks>
/// Catch-up rules: of the prompts and reminders that fell due while nobody ran, only the latest is sent; once a
/// period's deadline has passed they are recorded without sending and the overdue step runs instead (if the deadline
/// is less than <see cref="ReportSchedulerOptions.CatchUpLimit"/> ago). On the very first run of a cycle (a fresh
/// installation) the steps of periods already past their deadline are recorded without sending: the bot was not there
/// to prompt for them.
/// </remarks>
public sealed partial class ReportScheduler : IDueWork
{
    private const string StartedPeriod = "-";
    private const string StartedStep = "scheduler-started";

    private readonly ReportCycles _cycles;
    private readonly PeriodCalculator _periods;
    private readonly ReportStepPlanner _planner;
    private readonly ReportMessages _messages;
    private readonly IUnitOfWorkFactory _units;
    private readonly IDirectoryRepository _directory;
    private readonly RecipientRouter _router;
    private readonly ReportSchedulerOptions _options;
    private readonly ILogger<ReportScheduler> _logger;
    private readonly ConcurrentDictionary<string, bool> _started = new(StringComparer.Ordinal);

    /// <summary>Creates the scheduler over the cycles in force and the engine's ports.</summary>
    public ReportScheduler(
        ReportCycles cycles,
        PeriodCalculator periods,
        IUnitOfWorkFactory units,
        IDirectoryRepository directory,
        RecipientRouter router,
        IOptions<ReportSchedulerOptions> options,
        ILogger<ReportScheduler> logger)
    {
        _cycles = cycles;
        _periods = periods;
        _planner = new ReportStepPlanner(periods.Calendar);
        _messages = new ReportMessages(new ReportWording(periods.Calendar));
        _units = units;
        _directory = directory;
        _router = router;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>The steps of a period and their instants (for listings and tests).</summary>
    public IReadOnlyList<PlannedStep> Plan(ReportCycle cycle, ReportPeriod period) => _planner.Plan(cycle, period);

    /// <inheritdoc/>
    public string Name => "reports";

    /// <summary>
    /// Runs every step of every cycle that is due at <paramref name="now"/> and not yet done; returns how many messages
    /// were queued. A cycle that fails is logged and the others still run; the failures are thrown together at the end.
    /// </summary>
    public async Task<int> RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var run = new Run(this, now);
        List<Exception>? failures = null;
        foreach (var cycle in _cycles.All)
        {
            try
            {
                await RunCycleAsync(run, cycle, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "Scheduled steps of cycle {Cycle} failed at {Now:o}", cycle.Key, now);
                (failures ??= []).Add(ex);
            }
        }

        return failures is null ? run.Queued : throw new AggregateException("Some report cycles could not be scheduled.", failures);
    }

    /// <summary>
    /// Sends the first prompt of the current period of <paramref name="cycleKey"/> now, to every liaison who owes the
    /// report and is not exempt (the office's "send now", for trying it out). Repeatable: each call is its own send and
    /// it leaves the scheduled steps untouched.
    /// </summary>
    public async Task<PromptRun> SendPromptsNowAsync(string cycleKey, DateTimeOffset now, string by, CancellationToken cancellationToken = default)
    {
        var cycle = ReportExemptions.Cycle(_cycles, cycleKey);

        // The directory is read before the unit of work begins: on SQLite beginning takes the write lock, and the
        // callbacks' acknowledgements should not wait while 10,000 units are read.
        var directory = await _directory.LoadAsync(cancellationToken);
        await using var unitOfWork = await _units.BeginAsync(cancellationToken);
        var run = await QueuePromptsAsync(unitOfWork, cycle, directory, now, by, cancellationToken);
        await unitOfWork.CommitAsync(cancellationToken);
        return run;
    }

    /// <summary>
    /// <see cref="SendPromptsNowAsync"/> inside a unit of work the caller commits (a chat turn's). The dedupe key of each
    /// prompt carries <paramref name="now"/>, so every call is its own send.
    /// </summary>
    public async Task<PromptRun> QueuePromptsNowAsync(IUnitOfWork unitOfWork, ReportCycle cycle, DateTimeOffset now, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(cycle);
        return await QueuePromptsAsync(unitOfWork, cycle, await _directory.LoadAsync(cancellationToken), now, by, cancellationToken);
    }

    /// <summary>The prompts of <see cref="QueuePromptsNowAsync"/>, routed first and then queued together (<see cref="IOutbox.EnqueueManyAsync"/>).</summary>
    private async Task<PromptRun> QueuePromptsAsync(
        IUnitOfWork unitOfWork, ReportCycle cycle, DirectorySnapshot directory, DateTimeOffset now, string by, CancellationToken cancellationToken)
    {
        var period = _periods.PeriodContaining(cycle.Definition, now);
        var what = $"manual-{now.UtcDateTime:yyyyMMddHHmmssfff}";
        var unreachable = new List<string>();
        var items = new List<OutboxItem>();

        var standing = await PeriodStanding.ReadAsync(cycle, period.Key, directory, unitOfWork, cancellationToken);
        foreach (var unit in standing.Chased)
        {
            var item = unit.Liaison is null
                ? null
                : Route(unit.Liaison, _messages.Prompt(cycle, period, unit, unit.Liaison), ReportSteps.DedupeKey(cycle.Key, period.Key, what, unit.Liaison.Id), now);
            if (item is null)
            {
                unreachable.Add(unit.Unit.Name);
            }
            else
            {
                items.Add(item);
            }
        }

        var queued = (await unitOfWork.Outbox.EnqueueManyAsync(items, cancellationToken)).Count(q => q);

        _logger.LogInformation("{By} sent {Count} prompt(s) for {Cycle} {Period} now", by, queued, cycle.Key, period.Key);
        return new PromptRun(cycle, period, queued,
            standing.Count(UnitReportState.Submitted) + standing.Count(UnitReportState.PendingReview),
            standing.Count(UnitReportState.Exempt), unreachable);
    }

    private async Task RunCycleAsync(Run run, ReportCycle cycle, CancellationToken cancellationToken)
    {
        var firstRun = await IsFirstRunAsync(cycle, run.Now, cancellationToken);
        foreach (var period in RelevantPeriods(cycle, run.Now))
        {
            var due = _planner.Plan(cycle, period).Where(s => s.At <= run.Now).ToList();
            if (due.Count == 0)
            {
                continue;
            }

            if (period.Due <= run.Now)
            {
                await RunClosedAsync(run, cycle, period, due, firstRun, cancellationToken);
            }
            else
            {
                await RunOpenAsync(run, cycle, period, due, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Periods whose deadline passed less than the catch-up limit ago, the open one and the one after it (its first
    /// prompt could precede the open one's deadline in a calendar with long holidays). 100 days ahead always reaches
    /// the open period (a quarter plus the longest 顺延).
    /// </summary>
    private List<ReportPeriod> RelevantPeriods(ReportCycle cycle, DateTimeOffset now)
    {
        var zone = cycle.Definition.GetTimeZone();
        var from = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now - _options.CatchUpLimit, zone).DateTime);
        var to = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime).AddDays(100);
        var periods = _periods.Periods(cycle.Definition, from, to);
        return [
            .. periods.Where(p => p.Due <= now && p.Due > now - _options.CatchUpLimit),
            .. periods.Where(p => p.Due > now).Take(2),
        ];
    }

    /// <summary>True once per cycle ever: the first run on this database records a marker step.</summary>
    private async Task<bool> IsFirstRunAsync(ReportCycle cycle, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_started.ContainsKey(cycle.Key))
        {
            return false;
        }

        bool first;
        await using (var unitOfWork = await _units.BeginAsync(cancellationToken))
        {
            first = await unitOfWork.Schedule.TryMarkDoneAsync(cycle.Key, StartedPeriod, StartedStep, now, cancellationToken);
            await unitOfWork.CommitAsync(cancellationToken);
        }

        _started[cycle.Key] = true;
        if (first)
        {
            _logger.LogInformation("First scheduling run for cycle {Cycle} at {Now:o}: periods already past their deadline are not chased", cycle.Key, now);
        }

        return first;
    }

    /// <summary>A period still open: send the latest due prompt or reminder; earlier ones it supersedes are recorded only.</summary>
    private async Task RunOpenAsync(Run run, ReportCycle cycle, ReportPeriod period, List<PlannedStep> due, CancellationToken cancellationToken)
    {
        var latest = due[^1];
        await using var unitOfWork = await _units.BeginAsync(cancellationToken);
        if (!await unitOfWork.Schedule.TryMarkDoneAsync(cycle.Key, period.Key, latest.Key, run.Now, cancellationToken))
        {
            return;
        }

        var skipped = new List<string>();
        foreach (var earlier in due.Take(due.Count - 1))
        {
            if (await unitOfWork.Schedule.TryMarkDoneAsync(cycle.Key, period.Key, earlier.Key, run.Now, cancellationToken))
            {
                skipped.Add(earlier.Key);
            }
        }

        var standing = await PeriodStanding.ReadAsync(cycle, period.Key, await run.DirectoryAsync(cancellationToken), unitOfWork, cancellationToken);
        var items = new List<OutboxItem>();
        foreach (var unit in standing.Chased.Where(u => u.Liaison is not null))
        {
            var message = latest.Step == ReportStep.FirstPrompt
                ? _messages.Prompt(cycle, period, unit, unit.Liaison!)
                : _messages.Reminder(latest.Step, cycle, period, unit, unit.Liaison!, run.Now);
            if (Route(unit.Liaison!, message, ReportSteps.DedupeKey(cycle.Key, period.Key, latest.Key, unit.Liaison!.Id), run.Now) is { } item)
            {
                items.Add(item);
            }
        }

        var queued = (await unitOfWork.Outbox.EnqueueManyAsync(items, cancellationToken)).Count(q => q);

        await unitOfWork.CommitAsync(cancellationToken);
        run.Queued += queued;
        _logger.LogInformation(
            "{Cycle} {Period}: {Step} (due {At:o}) queued {Count} message(s) at {Now:o}{Skipped}",
            cycle.Key, period.Key, latest.Key, latest.At, queued, run.Now, skipped.Count == 0 ? "" : $"; superseded: {string.Join(", ", skipped)}");
    }

    /// <summary>
    /// A period past its deadline: prompts and reminders not sent in time are recorded without sending, and the overdue
    /// step tells each missing liaison, the office and (optionally) the reviewing leaders — once every message received
    /// before the deadline has been handled (<see cref="DeadlineHold"/>: a 提交 at 16:59 counts on time).
    /// </summary>
    private async Task RunClosedAsync(Run run, ReportCycle cycle, ReportPeriod period, List<PlannedStep> due, bool silent, CancellationToken cancellationToken)
    {
        var overdue = due.Single(s => s.Step == ReportStep.Overdue);
        await using var unitOfWork = await _units.BeginAsync(cancellationToken);
        if (!silent && await DeadlineHold.WaitsAsync(unitOfWork, period.Due, run.Now, cancellationToken))
        {
            _logger.LogInformation("{Cycle} {Period}: overdue notices wait for messages received before the deadline", cycle.Key, period.Key);
            return;
        }

        if (!await unitOfWork.Schedule.TryMarkDoneAsync(cycle.Key, period.Key, overdue.Key, run.Now, cancellationToken))
        {
            return;
        }

        var skipped = new List<string>();
        foreach (var chase in due.Where(s => s.IsChase))
        {
            if (await unitOfWork.Schedule.TryMarkDoneAsync(cycle.Key, period.Key, chase.Key, run.Now, cancellationToken))
            {
                skipped.Add(chase.Key);
            }
        }

        if (silent)
        {
            await unitOfWork.CommitAsync(cancellationToken);
            _logger.LogInformation("{Cycle} {Period}: deadline {Due:o} passed before the first scheduling run; recorded without sending", cycle.Key, period.Key, period.Due);
            return;
        }

        var standing = await PeriodStanding.ReadAsync(cycle, period.Key, await run.DirectoryAsync(cancellationToken), unitOfWork, cancellationToken);
        var queued = await QueueOverdueAsync(unitOfWork, run, cycle, period, standing, cancellationToken);
        await unitOfWork.CommitAsync(cancellationToken);
        run.Queued += queued;
        _logger.LogInformation(
            "{Cycle} {Period}: overdue (due {Due:o}) queued {Count} message(s) at {Now:o}, {Missing} unit(s) missing{Skipped}",
            cycle.Key, period.Key, period.Due, queued, run.Now, standing.Chased.Count(), skipped.Count == 0 ? "" : $"; not sent in time: {string.Join(", ", skipped)}");
    }

    private async Task<int> QueueOverdueAsync(IUnitOfWork unitOfWork, Run run, ReportCycle cycle, ReportPeriod period, PeriodStanding standing, CancellationToken cancellationToken)
    {
        var directory = await run.DirectoryAsync(cancellationToken);
        var unreachable = new HashSet<string>(StringComparer.Ordinal);
        var queued = 0;
        var step = ReportSteps.Key(ReportStep.Overdue);
        foreach (var unit in standing.Chased)
        {
            if (unit.Liaison is { } liaison)
            {
                switch (await EnqueueAsync(unitOfWork, liaison, _messages.OverdueNotice(cycle, period, unit, liaison),
                            ReportSteps.DedupeKey(cycle.Key, period.Key, step, liaison.Id), run.Now, cancellationToken))
                {
                    case true:
                        queued++;
                        break;
                    case null:
                        unreachable.Add(liaison.Id);
                        break;
                }
            }

            if (!cycle.Schedule.NotifyLeaderOnOverdue)
            {
                continue;
            }

            foreach (var leader in directory.People.Where(p => p.UnitCode == unit.Unit.Code && p.Roles.HasFlag(Roles.ReviewingLeader) && p.Id != unit.Liaison?.Id))
            {
                if (await EnqueueAsync(unitOfWork, leader, _messages.LeaderNotice(cycle, period, unit, leader),
                        ReportSteps.DedupeKey(cycle.Key, period.Key, $"{step}-leader-{unit.Unit.Code}", leader.Id), run.Now, cancellationToken) is true)
                {
                    queued++;
                }
            }
        }

        var summary = _messages.OfficeSummary(cycle, period, standing, unreachable);
        foreach (var staff in directory.People.Where(p => p.Roles.HasFlag(Roles.OfficeStaff)).OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            if (await EnqueueAsync(unitOfWork, staff, summary, ReportSteps.DedupeKey(cycle.Key, period.Key, $"{step}-summary", staff.Id), run.Now, cancellationToken) is true)
            {
                queued++;
            }
        }

        return queued;
    }

    /// <summary>Queues a message for a person: true queued, false queued before (dedupe key), null no route to the person.</summary>
    private async Task<bool?> EnqueueAsync(IUnitOfWork unitOfWork, Person person, OutboundMessage message, string dedupeKey, DateTimeOffset now, CancellationToken cancellationToken) =>
        Route(person, message, dedupeKey, now) is { } item ? await unitOfWork.Outbox.EnqueueAsync(item, cancellationToken) : null;

    /// <summary>The outbox item for a person on their channel; null (and a warning) when no enabled channel reaches them.</summary>
    private OutboxItem? Route(Person person, OutboundMessage message, string dedupeKey, DateTimeOffset now)
    {
        var item = _router.To(person, message, now, dedupeKey);
        if (item is null)
        {
            _logger.LogWarning("No enabled channel reaches {Person} ({Name}); {Key} not queued", person.Id, person.Name, dedupeKey);
        }

        return item;
    }

    /// <summary>One run: its instant, the directory read once when first needed, and the count of messages queued.</summary>
    private sealed class Run(ReportScheduler owner, DateTimeOffset now)
    {
        private DirectorySnapshot? _directory;

        public DateTimeOffset Now { get; } = now;

        public int Queued { get; set; }

        public async Task<DirectorySnapshot> DirectoryAsync(CancellationToken cancellationToken) =>
            _directory ??= await owner._directory.LoadAsync(cancellationToken);
    }
}
