using System.Text;
using ChatOps.Core.Calendar;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;

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
            throw new ArgumentException($"{cycle.Name}没有“{periodKey}”这一期。");
        }

        await using var work = await units.BeginAsync(cancellationToken);
        return await BoardAsync(cycle, period, work, cancellationToken);
    }

    /// <summary>The board of a period, read in the caller's unit of work.</summary>
    public async Task<PeriodBoard> BoardAsync(ReportCycle cycle, ReportPeriod period, IUnitOfWork work, CancellationToken cancellationToken = default) =>
        await PeriodBoard.ReadAsync(cycle, period, await directory.LoadAsync(cancellationToken), work, cancellationToken);

    /// <summary>状态: the person's units, period by period, and for office staff the current periods' boards.</summary>
    public async Task<OutboundMessage> DescribeAsync(Person person, IUnitOfWork work, DateTimeOffset now, CancellationToken cancellationToken = default)
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
                    .Append("（").Append(PeriodText.Deadline(slot.Period, office)).Append("截止）：").AppendLine(Describe(slot, exempt, submitter));
            }

            sb.AppendLine();
        }

        if (person.Roles.HasFlag(Roles.OfficeStaff))
        {
            var snapshot = await directory.LoadAsync(cancellationToken);
            foreach (var cycle in cycles.All)
            {
                var period = periods.PeriodContaining(cycle.Definition, now);
                var board = await PeriodBoard.ReadAsync(cycle, period, snapshot, work, cancellationToken);
                sb.Append("**").Append(PeriodText.Label(cycle, period)).Append(cycle.Name).Append("**（").Append(PeriodText.Deadline(period, office)).AppendLine("截止）");
                sb.Append("已报送 ").Append(board.Count(BoardState.Submitted)).Append('/').Append(board.Entries.Count)
                    .Append("，迟报 ").Append(board.Count(BoardState.Late))
                    .Append("，待审核 ").Append(board.Count(BoardState.PendingReview))
                    .Append("，已退回 ").Append(board.Count(BoardState.Returned))
                    .Append("，未报送 ").Append(board.Count(BoardState.Missing))
                    .Append("，免报 ").Append(board.Count(BoardState.Exempt)).AppendLine().AppendLine();
            }
        }

        return sb.Length == 0
            ? OutboundMessage.Plain("您目前没有需要报送的报告。")
            : OutboundMessage.Markdown(sb.ToString().TrimEnd(), "报送状态");
    }

    private string Describe(PeriodSlot slot, bool exempt, Person? submitter)
    {
        var report = slot.Report;
        var by = submitter is null ? "" : $"，报送人：{submitter.Name}";
        return PeriodBoard.StateOf(report, exempt) switch
        {
            BoardState.Submitted => $"已报送（{PeriodText.When(report!.SubmittedAt!.Value, office)}，按时）{by}",
            BoardState.Late => $"迟报（{PeriodText.When(report!.SubmittedAt!.Value, office)}报送）{by}",
            BoardState.PendingReview =>
                $"待审核（{PeriodText.When(report!.SubmittedAt!.Value, office)}提交{(report.IsLate ? "，迟报" : "")}，等待分管领导审核）{by}",
            BoardState.Returned => $"已退回，待修改（意见：{MarkdownText.Escape(report!.ReviewComment ?? "")}）" + (slot.CanFill ? "，回复“填报”修改" : ""),
            BoardState.Exempt => "免报（本期已登记免催）",
            _ when slot.Opening == PeriodOpening.NotYetOpen =>
                $"未到填报时间（{PeriodText.When(slot.Period.Due - ReportWindow.OpensBeforeDue, office)}起可填报）",
            _ when report is not null => slot.IsLate ? "未报送（填写中，已逾期，可回复“填报”继续）" : "未报送（填写中，尚未提交）",
            _ => slot.IsLate ? "未报送（已逾期，可回复“填报”补报）" : "未报送",
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
