using ChatOps.Core.Audit;
using ChatOps.Core.Calendar;
using ChatOps.Core.Reports.Scheduling;

namespace ChatOps.Core.Reports.Overview;

/// <summary>A unit to chase for a period (催报), as the office picks it on the board.</summary>
public sealed record ChaseTarget(string PeriodKey, string UnitCode)
{
    /// <summary>"2026-W48|wjw", the form value of a board row.</summary>
    public string Value => $"{PeriodKey}|{UnitCode}";

    /// <summary>Reads a form value; null when malformed.</summary>
    public static ChaseTarget? Parse(string? value) =>
        value?.Split('|') is [var period, var unit] && period.Length > 0 && unit.Length > 0 ? new ChaseTarget(period.Trim(), unit.Trim()) : null;
}

/// <summary>One message as a liaison will get it.</summary>
public sealed record ChaseMessage(Person Liaison, Unit Unit, ReportPeriod Period, OutboundMessage Message);

/// <summary>The people who get the same text (the text shown with （姓名） and （单位） in place of each one's).</summary>
public sealed record ChaseGroup(string Title, string Text, IReadOnlyList<ChaseMessage> Messages);

/// <summary>What a 催报 would send: groups of identical texts, the units nobody can be reached at, and the units left out (with why).</summary>
public sealed record ChasePlan(ReportCycle Cycle, IReadOnlyList<ChaseGroup> Groups, IReadOnlyList<string> Unreachable, IReadOnlyList<string> Skipped)
{
    /// <summary>How many people would be chased.</summary>
    public int People => Groups.Sum(g => g.Messages.Count);
}

/// <summary>What a 催报 did.</summary>
/// <param name="Queued">Messages written to the outbox now (a repeated confirmation queues none).</param>
/// <param name="Text">The Chinese summary for the office.</param>
public sealed record ChaseResult(bool Succeeded, int Queued, string Text);

/// <summary>
/// 催报 from the console: the office picks units on a period's board (one, several or all missing, the open period or
/// one already overdue), sees who gets which text, confirms, and the prompts go to the outbox in one transaction with
/// an audit line. An open period gets the first prompt's text (请于…前报送), an overdue one the overdue notice
/// (…报送时限已过…请尽快补报) — the scheduler's own wording. Only units still owing the report are chased (未报送 and
/// 已退回); each message's dedupe key carries the confirmation's token, so a form sent twice queues nothing twice.
/// </summary>
public sealed class ReportChasing(
    ReportOverview overview, IDirectoryRepository directory, PeriodCalculator periods, IUnitOfWorkFactory units, RecipientRouter router, TimeProvider time)
{
    private readonly ReportMessages _messages = new(new ReportWording(periods.Calendar));

    /// <summary>What chasing <paramref name="targets"/> would send. Office staff only (others get an empty plan with a refusal).</summary>
    /// <exception cref="ArgumentException">When the cycle or a period is unknown.</exception>
    /// <exception cref="UnauthorizedAccessException">When <paramref name="actor"/> is not office staff.</exception>
    public async Task<ChasePlan> PlanAsync(Actor actor, string cycleKey, IReadOnlyCollection<ChaseTarget> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(targets);
        if (!actor.Has(Roles.OfficeStaff))
        {
            throw new UnauthorizedAccessException(ReportText.ChaseOfficeOnly);
        }

        var cycle = overview.Resolve(cycleKey, targets.FirstOrDefault()?.PeriodKey ?? "").Cycle;
        var snapshot = await directory.LoadAsync(cancellationToken);
        var boards = new Dictionary<string, BoardView>(StringComparer.Ordinal);
        var messages = new List<ChaseMessage>();
        var unreachable = new List<string>();
        var skipped = new List<string>();
        var now = time.GetUtcNow();
        foreach (var target in targets.DistinctBy(t => t.Value))
        {
            var (_, period) = overview.Resolve(cycle.Key, target.PeriodKey);
            if (!boards.TryGetValue(period.Key, out var view))
            {
                boards[period.Key] = view = await overview.BoardAsync(actor, cycle, period, snapshot, cancellationToken);
            }

            var entry = view.Board.Entries.FirstOrDefault(e => e.Unit.Code == target.UnitCode);
            var label = PeriodText.Label(cycle, period);
            if (entry is null)
            {
                skipped.Add(ReportText.NotCovered(target.UnitCode, label, cycle));
                continue;
            }

            if (!Owes(entry))
            {
                skipped.Add(ReportText.NotOwing(entry.Unit.Name, label, PeriodBoard.Label(entry.State)));
                continue;
            }

            if (MessageFor(cycle, period, entry, view.Liaisons.GetValueOrDefault(entry.Unit.Code), now) is { } message)
            {
                messages.Add(message);
            }
            else
            {
                unreachable.Add(ReportText.UnreachableLiaison(entry.Unit.Name, view.Liaisons.GetValueOrDefault(entry.Unit.Code)));
            }
        }

        var groups = messages
            .GroupBy(m => (m.Message.Title ?? "", Template(m)))
            .Select(g => new ChaseGroup(g.Key.Item1, g.Key.Item2, [.. g]))
            .ToList();
        return new ChasePlan(cycle, groups, unreachable, skipped);
    }

    /// <summary>
    /// Chases <paramref name="targets"/>: plans again from the current state (a unit that reported meanwhile is left
    /// out), queues every message and the audit line in one transaction. <paramref name="token"/> is the confirmation's
    /// one-time value: sending the same confirmation again queues nothing.
    /// </summary>
    public async Task<ChaseResult> SendAsync(Actor actor, string cycleKey, IReadOnlyCollection<ChaseTarget> targets, string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(token) || token.Length > 64)
        {
            return new ChaseResult(false, 0, ReportText.ChaseExpired);
        }

        ChasePlan plan;
        try
        {
            plan = await PlanAsync(actor, cycleKey, targets, cancellationToken);
        }
        catch (Exception ex) when (ex is ArgumentException or UnauthorizedAccessException)
        {
            return new ChaseResult(false, 0, ex.Message);
        }

        if (plan.People == 0)
        {
            return new ChaseResult(false, 0, ReportText.NobodyToChase);
        }

        await using var work = await units.BeginAsync(cancellationToken);
        var queued = await QueueAsync(work, actor, plan.Cycle, [.. plan.Groups.SelectMany(g => g.Messages)], token.Trim(), time.GetUtcNow(), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return new ChaseResult(true, queued, ReportText.Chased(queued, plan.People, plan.Unreachable));
    }

    /// <summary>
    /// 催报 of every unit still owing <paramref name="period"/>, in the caller's unit of work (the chat's 催报 after its
    /// confirmation): the same units, texts, dedupe keys and audit line as <see cref="SendAsync"/>, read from the reports
    /// in <paramref name="work"/>. Each call is its own send (the key carries <paramref name="now"/>). Office staff only.
    /// </summary>
    /// <returns>What was queued, how many units have submitted (or wait for review) and are exempt, and the units nobody can be reached at.</returns>
    /// <exception cref="UnauthorizedAccessException">When <paramref name="actor"/> is not office staff.</exception>
    public async Task<PromptRun> ChasePeriodAsync(IUnitOfWork work, Actor actor, ReportCycle cycle, ReportPeriod period, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(period);
        if (!actor.Has(Roles.OfficeStaff))
        {
            throw new UnauthorizedAccessException(ReportText.ChaseOfficeOnly);
        }

        var (board, messages, unreachable) = await PlanPeriodAsync(work, cycle, period, now, cancellationToken);
        var queued = await QueueAsync(work, actor, cycle, messages, now.UtcDateTime.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture), now, cancellationToken);
        return new PromptRun(cycle, period, queued,
            board.Count(BoardState.Submitted) + board.Count(BoardState.Late) + board.Count(BoardState.PendingReview), board.Count(BoardState.Exempt), unreachable);
    }

    /// <summary>What <see cref="ChasePeriodAsync"/> would send now (the chat's confirmation: how many units get what); nothing is queued.</summary>
    public async Task<ManualPreview> PreviewPeriodAsync(IUnitOfWork work, ReportCycle cycle, ReportPeriod period, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var (_, messages, unreachable) = await PlanPeriodAsync(work, cycle, period, now, cancellationToken);
        return new ManualPreview(cycle, period, ManualSend.Chase, messages.Count, unreachable);
    }

    /// <summary>The period's board read in <paramref name="work"/>, the messages to its units still owing it and the units nobody can be reached at.</summary>
    private async Task<(PeriodBoard Board, List<ChaseMessage> Messages, List<string> Unreachable)> PlanPeriodAsync(
        IUnitOfWork work, ReportCycle cycle, ReportPeriod period, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var snapshot = await directory.LoadAsync(cancellationToken);
        var board = await PeriodBoard.ReadAsync(cycle, period, snapshot, work, cancellationToken); // a merged period's component keys too, as the console's board
        var people = snapshot.People.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var liaisons = snapshot.LiaisonsByUnit();
        var messages = new List<ChaseMessage>();
        var unreachable = new List<string>();
        foreach (var entry in board.Entries.Where(Owes))
        {
            var liaison = liaisons.TryGetValue(entry.Unit.Code, out var id) ? people.GetValueOrDefault(id) : null;
            if (MessageFor(cycle, period, entry, liaison, now) is { } message)
            {
                messages.Add(message);
            }
            else
            {
                unreachable.Add(entry.Unit.Name);
            }
        }

        return (board, messages, unreachable);
    }

    /// <summary>The rule of who is chased: a unit still owing the report (未报送, or 已退回 and not resubmitted); exempt units are not.</summary>
    private static bool Owes(BoardEntry entry) => entry.State is BoardState.Missing or BoardState.Returned;

    /// <summary>
    /// The message a unit's liaison gets: the overdue notice once the period is due, its first prompt before; null when
    /// the unit has no liaison or the liaison no reachable account.
    /// </summary>
    private ChaseMessage? MessageFor(ReportCycle cycle, ReportPeriod period, BoardEntry entry, Person? liaison, DateTimeOffset now)
    {
        if (liaison is null || router.To(liaison, OutboundMessage.Plain("?"), now) is null)
        {
            return null;
        }

        var standing = new UnitStanding(entry.Unit, liaison, entry.Report is null ? UnitReportState.Missing : UnitReportState.Draft);
        var message = period.Due <= now
            ? _messages.OverdueNotice(cycle, period, standing, liaison)
            : _messages.Prompt(cycle, period, standing, liaison);
        return new ChaseMessage(liaison, entry.Unit, period, message);
    }

    /// <summary>Queues the messages (a dedupe key per unit, person and <paramref name="token"/>) and the audit line in <paramref name="work"/>.</summary>
    private async Task<int> QueueAsync(
        IUnitOfWork work, Actor actor, ReportCycle cycle, IReadOnlyList<ChaseMessage> messages, string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var queued = 0;
        foreach (var m in messages)
        {
            var key = $"chase:{cycle.Key}:{m.Period.Key}:{m.Unit.Code}:{m.Liaison.Id}:{token}";
            if (router.To(m.Liaison, m.Message, now, key) is { } item && await work.Outbox.EnqueueAsync(item, cancellationToken))
            {
                queued++;
            }
        }

        if (queued > 0)
        {
            var detail = ReportText.Audit.Chased(queued, messages.Select(m => (m.Unit.Name, m.Period.Key)));
            await work.Audit.AppendAsync(AuditEntry.Of(now, actor.Id, "report.chase", $"cycle:{cycle.Key}", detail, actor.Source), cancellationToken);
        }

        return queued;
    }

    private static string Template(ChaseMessage m) =>
        m.Message.Text.Replace(ReportText.Address(m.Liaison.Name), ReportText.Address(ReportText.NamePlaceholder), StringComparison.Ordinal)
            .Replace(m.Unit.Name, ReportText.UnitPlaceholder, StringComparison.Ordinal);
}
