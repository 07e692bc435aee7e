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

    /// <summary>The Chinese name of a state, as every view prints it.</summary>
    public static string StateLabel(BoardState state) => state switch
    {
        BoardState.Submitted => "已报送",
        BoardState.Late => "迟报",
        BoardState.PendingReview => "待审核",
        BoardState.Returned => "已退回",
        BoardState.Exempt => "免报",
        _ => "未报送",
    };

    /// <summary>One line of counts: 已报送 3，迟报 1，待审核 2，已退回 0，未报送 38，免报 1（应报 45）.</summary>
    public static string BoardSummary(IEnumerable<(BoardState State, int Count)> counts, int total) =>
        string.Join("，", counts.Select(c => $"{StateLabel(c.State)} {c.Count}")) + $"（应报 {total}）";

    /// <summary>A period key the cycle does not have.</summary>
    public static string NoSuchPeriod(string cycleName, string? key) => $"{cycleName}没有“{key}”这一期。";

    /// <summary>A unit's period in 状态: "（11月26日（周四）17:00截止）：已报送……".</summary>
    public static string SlotDeadline(string deadline, string state) => $"（{deadline}截止）：{state}";

    /// <summary>状态 of a period exempt from chasing.</summary>
    public const string SlotExempt = "免报（本期已登记免催）";

    /// <summary>状态 of a period submitted on time.</summary>
    public static string SlotSubmitted(string when, string? by) => $"已报送（{when}，按时）{By(by)}";

    /// <summary>状态 of a period submitted late.</summary>
    public static string SlotLate(string when, string? by) => $"迟报（{when}报送）{By(by)}";

    /// <summary>状态 of a period waiting for review.</summary>
    public static string SlotPendingReview(string when, bool late, string? by) => $"待审核（{when}提交{(late ? "，迟报" : "")}，等待分管领导审核）{By(by)}";

    /// <summary>状态 of a period sent back.</summary>
    public static string SlotReturned(string comment, bool canFill) => $"已退回，待修改（意见：{comment}）" + (canFill ? "，回复“填报”修改" : "");

    /// <summary>状态 of a period not yet open.</summary>
    public static string SlotNotYetOpen(string opens) => $"未到填报时间（{opens}起可填报）";

    /// <summary>状态 of a period not submitted (a draft or nothing; late or not).</summary>
    public static string SlotMissing(bool drafting, bool late) => (drafting, late) switch
    {
        (true, true) => "未报送（填写中，已逾期，可回复“填报”继续）",
        (true, false) => "未报送（填写中，尚未提交）",
        (false, true) => "未报送（已逾期，可回复“填报”补报）",
        _ => "未报送",
    };

    private static string By(string? submitter) => submitter is null ? "" : $"，报送人：{submitter}";
}
