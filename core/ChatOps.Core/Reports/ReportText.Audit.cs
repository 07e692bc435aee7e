namespace ChatOps.Core.Reports;

/// <summary>The report feature's audit details (written to the audit log, read on the console's audit page).</summary>
public static partial class ReportText
{
    /// <summary>Audit details of the report use cases.</summary>
    public static class Audit
    {
        /// <summary>A never-submitted draft dropped.</summary>
        public const string Discarded = "放弃未提交的草稿";

        /// <summary>Submitted into review.</summary>
        public static string Submitted(string title, bool onBehalf) => $"{title}，待审核{(onBehalf ? "（转办公室代为审核）" : "")}";

        /// <summary>Submitted or revised without review: 第N版.</summary>
        public static string Version(string title, int revision, bool late) => $"{title}，第{revision}版{(late ? "，迟报" : "")}";

        /// <summary>Approved (by the office when the unit's only reviewer wrote it).</summary>
        public static string Approved(string title, bool onBehalf, string unit) => onBehalf ? $"{title}，办公室代{unit}审核（分管领导即为填报人）" : title;

        /// <summary>Returned, with the comment.</summary>
        public static string Returned(string comment, bool onBehalf, string unit) => (onBehalf ? $"办公室代{unit}审核，" : "") + $"退回意见：{comment}";

        /// <summary>催报 from the board: how many and which units (period key).</summary>
        public static string Chased(int queued, IEnumerable<(string Unit, string Period)> units) =>
            $"催报{queued}人：{string.Join("、", units.Select(u => $"{u.Unit}（{u.Period}）"))}";

        /// <summary>A 专报 draft saved: its 期号, cycle and period.</summary>
        public static string Saved(string issueNumber, string cycleName, string periodKey) => $"{issueNumber}（{cycleName} {periodKey}）";

        /// <summary>The console's 报告 page refused (the detail of console.refused).</summary>
        public const string ReportsPage = "报告";

        /// <summary>A liaison exempted from chasing for a period: cycle and period key, then the reason.</summary>
        public static string Exempted(string cycleKey, string periodKey, string reason) => $"{cycleKey} {periodKey}：{reason}";

        /// <summary>A 专报 signed.</summary>
        public static string Signed(string issueNumber) => $"签发{issueNumber}";
    }
}
