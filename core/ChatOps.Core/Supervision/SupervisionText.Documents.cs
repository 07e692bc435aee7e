using ChatOps.Core.Calendar;

namespace ChatOps.Core.Supervision;

/// <summary>The documents the feature drafts: the monthly 通报 on 督办 tasks and the bulletin's 问题清单整改情况 paragraph.</summary>
public static partial class SupervisionText
{
    /// <summary>The name the scheduler's monthly 通报 draft is made under.</summary>
    public const string SchedulerName = "督办系统";

    /// <summary>To the office staff: the scheduler drafted last month's 通报.</summary>
    public static string CircularDrafted(int year, int month, string number) =>
        $"已根据督办数据生成{ChineseDates.YearMonth(year, month)}督办事项落实情况通报草稿（{number}），请修改后按程序签发。";

    /// <summary>The monthly 通报 asked with no task at all.</summary>
    public const string NoTasksToCircular = "目前没有督办事项，无需通报。";

    /// <summary>The monthly 通报's title.</summary>
    public static string CircularTitle(int year, int month) => $"关于{ChineseDates.YearMonth(year, month)}督办事项落实情况的通报";

    /// <summary>
    /// The monthly 通报's body: overall figures up to <paramref name="end"/>, the month's due tasks, each task overdue with
    /// its unit, and what is asked next.
    /// </summary>
    public static string CircularBody(int year, int month, DateOnly end, int total, int closed, int dueInMonth, int onTime, IReadOnlyList<(string UnitName, SupervisionItem Task)> overdue)
    {
        ArgumentNullException.ThrowIfNull(overdue);
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"各有关单位：\n\n现将{ChineseDates.YearMonth(year, month)}督办事项落实情况通报如下。\n\n");
        b.Append(CultureInfo.InvariantCulture, $"一、总体情况\n\n截至{ChineseDates.MonthDay(end)}，共交办督办事项{total}项，已办结{closed}项，办结率{(total == 0 ? 0 : closed * 100m / total):0.#}%。");
        b.Append(CultureInfo.InvariantCulture, $"本月到期{dueInMonth}项，按期办结{onTime}项。\n\n");
        b.Append("二、逾期未办结事项\n\n");
        if (overdue.Count == 0)
        {
            b.Append("无。\n\n");
        }

        for (var i = 0; i < overdue.Count; i++)
        {
            var (unitName, t) = overdue[i];
            b.Append(CultureInfo.InvariantCulture, $"（{Bulletins.ChineseNumerals.Format(i + 1)}）{unitName}：{t.Description}（办结时限{Date(t.Deadline)}，{StatusName(t.Status)}）。\n\n");
        }

        b.Append("三、有关要求\n\n请各承办单位对照督办事项和办结时限抓紧落实；逾期事项请说明原因、明确完成时间，并通过工作群回复“办结 #编号”报送办结情况。");
        return b.ToString();
    }

    /// <summary>
    /// The bulletin's 问题清单整改情况 paragraph: the province's total, each county's rate and, against the
    /// <paramref name="milestone"/> in force, the counties <paramref name="behind"/> it.
    /// </summary>
    public static string RectificationParagraph(DateOnly asOf, IReadOnlyList<CountyRate> rates, int total, int closed, RateMilestone? milestone, IReadOnlyList<CountyRate> behind)
    {
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentNullException.ThrowIfNull(behind);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"问题清单整改情况。截至{ChineseDates.MonthDay(asOf)}，{rates.Count}个州（市、县、区）问题清单共有问题{total}个，已整改销号{closed}个，整改率{RatePercent(closed * 100m / total)}。");
        text.Append("各地整改率：").Append(string.Join("，", rates.Select(r => $"{r.UnitName}{RatePercent(r.Percent)}"))).Append('。');
        if (milestone is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"对照{ChineseDates.MonthDay(milestone.Date)}前整改率达到{milestone.Percent}%的目标，");
            text.Append(behind.Count == 0
                ? "各地均已达到目标。"
                : $"{string.Join("、", behind.Select(r => r.UnitName))}{(behind.Count > 1 ? "等" + behind.Count + "地" : "")}尚未达到，请加快整改、按期销号。");
        }

        return text.ToString();
    }

    private static string RatePercent(decimal value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
