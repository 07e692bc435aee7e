using System.Text;
using ChatOps.Core.Conversations;

namespace ChatOps.Core.Reports;

/// <summary>The office's 状态: a period's board with the units named.</summary>
public static partial class ReportText
{
    /// <summary>The states whose units the office's 状态 names, in this order.</summary>
    public static readonly IReadOnlyList<BoardState> NamedStates = [BoardState.Missing, BoardState.Late, BoardState.PendingReview, BoardState.Returned];

    /// <summary>
    /// One period for the office: title and deadline, the counts, and the units missing, late, waiting for review and
    /// returned, by name.
    /// </summary>
    public static string OfficeBoard(PeriodBoard board, OfficeProfile office, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(board);
        var period = board.Period;
        var closed = now >= period.Due;
        var sb = new StringBuilder();
        sb.Append("**").Append(PeriodText.Label(board.Cycle, period)).Append(board.Cycle.Name).Append("**（")
            .Append(PeriodText.Deadline(period, office)).AppendLine(closed ? "已截止）" : "截止）");
        sb.Append("已报送 ").Append(board.Count(BoardState.Submitted)).Append('/').Append(board.Entries.Count)
            .Append("，迟报 ").Append(board.Count(BoardState.Late))
            .Append("，待审核 ").Append(board.Count(BoardState.PendingReview))
            .Append("，已退回 ").Append(board.Count(BoardState.Returned))
            .Append("，未报送 ").Append(board.Count(BoardState.Missing))
            .Append("，免报 ").Append(board.Count(BoardState.Exempt)).AppendLine();
        foreach (var state in NamedStates)
        {
            var names = board.Names(state);
            if (names.Count > 0)
            {
                var label = state == BoardState.Missing && closed ? "未报送（已逾期）" : PeriodBoard.Label(state);
                sb.Append("- ").Append(label).Append("：").AppendLine(string.Join("、", names.Select(MarkdownText.Escape)));
            }
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>状态 followed by something that names no period.</summary>
    public static string StatusArgumentUnknown(string argument, IEnumerable<ReportCycle> cycles) =>
        $"未能识别“{MarkdownText.Escape(argument)}”。可以这样查询：状态 上周、状态 本周、状态 2026-W49、" +
        string.Join("、", cycles.Select(c => "状态 " + c.Name)) + "。";
}
