using ChatOps.Core.Calendar;

namespace ChatOps.Core.Reports;

/// <summary>
/// The read side of report status: a <see cref="PeriodBoard"/> for a cycle and period (every unit with 已报送 / 迟报 /
/// 待审核 / 已退回 / 未报送 / 免报, time and submitter) for the console and the office API, and 状态 in chat, which lists
/// exactly the periods <see cref="ReportWindow"/> holds open — so 状态 never invites a 填报 that 填报 would not offer.
/// Read-only: one query for the directory and one or two per period.
/// </summary>
public sealed class ReportStatusQuery(
    IDirectoryRepository directory, ReportCycles cycles, PeriodCalculator periods, ReportWindow window, OfficeProfile office, IUnitOfWorkFactory units)
{
    /// <summary>The board of a period named by cycle and period key (a component key finds its merged period).</summary>
    /// <exception cref="ArgumentException">With a Chinese message when the cycle or period is unknown.</exception>
    public async Task<PeriodBoard> BoardAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default)
    {
        var cycle = cycles.Get(cycleKey);
        ReportPeriod? period;
        try
        {
            period = periods.Find(cycle.Definition, periodKey);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException(ex.Message);
        }

        if (period is null)
        {
            throw new ArgumentException(ReportText.NoSuchPeriod(cycle.Name, periodKey));
        }

        await using var work = await units.BeginAsync(cancellationToken);
        return await BoardAsync(cycle, period, work, cancellationToken);
    }

    /// <summary>The board of a period, read in the caller's unit of work.</summary>
    public async Task<PeriodBoard> BoardAsync(ReportCycle cycle, ReportPeriod period, IUnitOfWork work, CancellationToken cancellationToken = default) =>
        await PeriodBoard.ReadAsync(cycle, period, await directory.LoadAsync(cancellationToken), work, cancellationToken);

    /// <summary>
    /// 状态's reports part (Markdown, null when there is nothing for the person): the person's units period by period,
    /// and for office staff the boards with the units named — the open period and the one just closed of every cycle,
    /// or the periods <paramref name="argument"/> names (上周, 本周, 2026-W49, 季报).
    /// </summary>
    public async Task<string?> DescribeAsync(Person person, IUnitOfWork work, DateTimeOffset now, string argument = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(work);
        var sb = new StringBuilder();
        var people = new Dictionary<string, Person?>(StringComparer.Ordinal);
        foreach (var unit in await directory.ListReportingUnitsAsync(person.Id, cancellationToken))
        {
            sb.Append("**").Append(MarkdownText.Escape(unit.Name)).AppendLine("**");
            foreach (var slot in (await window.SlotsAsync(unit, work, now, cancellationToken)).OrderBy(s => s.Period.Due))
            {
                var exempt = await IsExemptAsync(unit, slot, work, cancellationToken);
                var submitter = slot.Report is { } r ? await PersonAsync(r.AuthorId, people, cancellationToken) : null;
                sb.Append("- ").Append(PeriodText.Label(slot.Cycle, slot.Period)).Append(slot.Cycle.Name)
                    .AppendLine(ReportText.SlotDeadline(PeriodText.Deadline(slot.Period, office), Describe(slot, exempt, submitter)));
            }

            sb.AppendLine();
        }

        if (person.Roles.HasFlag(Roles.OfficeStaff))
        {
            var chosen = OfficePeriods(argument, now);
            if (chosen is null)
            {
                sb.AppendLine(ReportText.StatusArgumentUnknown(argument, cycles.All));
            }
            else
            {
                var snapshot = await directory.LoadAsync(cancellationToken);
                foreach (var (cycle, period) in chosen)
                {
                    var board = await PeriodBoard.ReadAsync(cycle, period, snapshot, work, cancellationToken);
                    sb.AppendLine(ReportText.OfficeBoard(board, office, now)).AppendLine();
                }
            }
        }

        return sb.Length == 0 ? null : sb.ToString().TrimEnd();
    }

    /// <summary>
    /// The periods the office's 状态 shows: with no argument, every cycle's open period and the one closed in the last
    /// week; 本周/上周 the weekly cycle's open or last closed period; a cycle's name or key its open and last closed
    /// periods; a period key ("2026-W49", "2026-Q3") that period. Null when the argument names nothing.
    /// </summary>
    public IReadOnlyList<(ReportCycle Cycle, ReportPeriod Period)>? OfficePeriods(string argument, DateTimeOffset now)
    {
        var said = (argument ?? "").Trim();
        var list = new List<(ReportCycle, ReportPeriod)>();
        void Add(ReportCycle cycle, bool current, bool previous, bool recentOnly)
        {
            var open = periods.PeriodContaining(cycle.Definition, now);
            if (previous && window.Previous(cycle, open) is { } closed && (!recentOnly || now - closed.Due <= RecentlyClosed))
            {
                list.Add((cycle, closed));
            }

            if (current)
            {
                list.Add((cycle, open));
            }
        }

        if (said.Length == 0)
        {
            foreach (var cycle in cycles.All)
            {
                Add(cycle, current: true, previous: true, recentOnly: true);
            }

            return list;
        }

        var weekly = cycles.All.FirstOrDefault(c => c.Definition.Frequency == ReportFrequency.Weekly);
        if (weekly is not null && said is "本周" or "这周")
        {
            Add(weekly, current: true, previous: false, recentOnly: false);
            return list;
        }

        if (weekly is not null && said is "上周")
        {
            Add(weekly, current: false, previous: true, recentOnly: false);
            return list;
        }

        if (cycles.All.FirstOrDefault(c => c.Name == said || string.Equals(c.Key, said, StringComparison.OrdinalIgnoreCase)) is { } named)
        {
            Add(named, current: true, previous: true, recentOnly: false);
            return list;
        }

        foreach (var cycle in cycles.All)
        {
            try
            {
                if (periods.Find(cycle.Definition, said.ToUpperInvariant()) is { } period)
                {
                    list.Add((cycle, period));
                    return list;
                }
            }
            catch (FormatException)
            {
                // not this cycle's key format: try the next cycle
            }
        }

        return null;
    }

    /// <summary>How long after its deadline a period still shows in the office's plain 状态.</summary>
    public static readonly TimeSpan RecentlyClosed = TimeSpan.FromDays(7);

    private string Describe(PeriodSlot slot, bool exempt, Person? submitter)
    {
        var report = slot.Report;
        var by = submitter?.Name;
        var when = report?.SubmittedAt is { } at ? PeriodText.When(at, office) : "";
        return PeriodBoard.StateOf(report, exempt) switch
        {
            BoardState.Submitted => ReportText.SlotSubmitted(when, by),
            BoardState.Late => ReportText.SlotLate(when, by),
            BoardState.PendingReview => ReportText.SlotPendingReview(when, report!.IsLate, by),
            BoardState.Returned => ReportText.SlotReturned(MarkdownText.Escape(report!.ReviewComment ?? ""), slot.CanFill),
            BoardState.Exempt => ReportText.SlotExempt,
            _ when slot.Opening == PeriodOpening.NotYetOpen => ReportText.SlotNotYetOpen(PeriodText.When(slot.Period.Due - ReportWindow.OpensBeforeDue, office)),
            _ => ReportText.SlotMissing(report is not null, slot.IsLate),
        };
    }

    private async Task<bool> IsExemptAsync(Unit unit, PeriodSlot slot, IUnitOfWork work, CancellationToken cancellationToken)
    {
        var exempt = await work.Schedule.ListExemptAsync(slot.Cycle.Key, slot.Period.Key, cancellationToken);
        if (exempt.Count == 0)
        {
            return false;
        }

        var liaisons = await directory.ListByRoleAsync(Roles.Liaison, cancellationToken);
        return liaisons.Any(l => l.UnitCode == unit.Code && exempt.Contains(l.Id, StringComparer.Ordinal));
    }

    private async Task<Person?> PersonAsync(string id, Dictionary<string, Person?> cache, CancellationToken cancellationToken)
    {
        if (!cache.TryGetValue(id, out var person))
        {
            cache[id] = person = await directory.FindPersonAsync(id, cancellationToken);
        }

        return person;
    }
}
