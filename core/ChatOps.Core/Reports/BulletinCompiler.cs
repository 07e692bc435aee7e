using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ChatOps.Core.Bulletins;
using ChatOps.Core.Calendar;
using ChatOps.Core.Organization;

namespace ChatOps.Core.Reports;

/// <summary>
/// Compiles the office's bulletin (工作专报) for one period from the directory and the units' reports, in the
/// structure of the seed bulletin: 一、行动要情 (the office's own items), 二、省直部门推进情况, 三、州市县区推进情况 and
/// the table of who reported on time, late or not at all. A pure function: no clock, no storage, no I/O.
/// </summary>
/// <remarks>
/// <para>
/// Sections: provincial departments (省直部门) and special-action groups (专项行动组) go to 二; prefectures (州市) and
/// counties (县区) go to 三. Each unit with a counted report gives one numbered item — its progress items
/// (<see cref="ReportTemplate.ProgressKey"/>) as the item's paragraphs, the first naming the unit — in the directory's
/// unit order (<see cref="Unit.SortOrder"/>, then the order of the list).
/// </para>
/// <para>
/// Statistics cover only the units the cycle covers (<see cref="ReportCycle.Covers"/>): a counted report is on time or
/// late (<see cref="Report.IsLate"/>); anything else is missing. <b>A report waiting for its unit's reviewing leader
/// (<see cref="ReportStatus.PendingReview"/>) counts as missing, and its items are left out</b>: the unit's leader has
/// not approved it yet (上报审核, seed 003 八(三)), so for the office it has not been submitted. Drafts likewise.
/// </para>
/// <para>
/// Reports are matched on the cycle's key and the period's key or one of its component keys (a report filed under
/// <c>2026-W41</c> belongs to <c>2026-W40+W41</c>); when a unit has several, a counted one wins, then one filed under
/// the full key, then the earliest submitted. Reports of units no longer in the directory are left out (the directory
/// holds active units only, and the bulletin prints unit names).
/// </para>
/// </remarks>
public static partial class BulletinCompiler
{
    private static readonly string[] QuarterNames = ["一", "二", "三", "四"];

    /// <summary>Compiles the bulletin of <paramref name="period"/>.</summary>
    /// <param name="cycle">The cycle (weekly, quarterly…): its template and the unit kinds it covers.</param>
    /// <param name="period">The period, from <see cref="PeriodCalculator"/>.</param>
    /// <param name="officeName">The issuing office, printed in the masthead.</param>
    /// <param name="date">The date of issue.</param>
    /// <param name="directory">The active directory.</param>
    /// <param name="reports">The period's reports (any status); reports of other cycles or periods are ignored.</param>
    /// <param name="headlines">The office's items for 一、行动要情, in order.</param>
    /// <param name="issueNumber">The issue number as printed (第12期), if any.</param>
    /// <exception cref="ArgumentException">When <paramref name="officeName"/> is blank.</exception>
    public static Bulletin Compile(
        ReportCycle cycle,
        ReportPeriod period,
        string officeName,
        DateOnly date,
        DirectorySnapshot directory,
        IReadOnlyList<Report> reports,
        IReadOnlyList<string> headlines,
        string? issueNumber = null)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentException.ThrowIfNullOrWhiteSpace(officeName);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(headlines);

        var chosen = ChooseReports(cycle, period, reports);
        var progressKey = cycle.Template.Fields.Any(f => f.Kind == FieldKind.Items) ? cycle.Template.ProgressKey : null;

        var provincial = new List<BulletinItem>();
        var local = new List<BulletinItem>();
        var onTime = new List<string>();
        var late = new List<string>();
        var missing = new List<string>();

        foreach (var unit in InDirectoryOrder(directory.Units))
        {
            var report = chosen.GetValueOrDefault(unit.Code);
            var counted = report is { CountsAsSubmitted: true };
            if (counted && progressKey is not null && Item(unit, report!, progressKey) is { } item)
            {
                (IsProvincial(unit.Kind) ? provincial : local).Add(item);
            }

            if (cycle.Covers(unit))
            {
                (counted ? (report!.IsLate ? late : onTime) : missing).Add(unit.Name);
            }
        }

        return new Bulletin
        {
            OfficeName = officeName.Trim(),
            IssueNumber = string.IsNullOrWhiteSpace(issueNumber) ? null : issueNumber.Trim(),
            Date = date,
            PeriodLabel = PeriodLabel(cycle.Definition, period),
            KeyEvents = [.. headlines.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h.Trim())],
            ProvincialItems = provincial,
            LocalItems = local,
            Statistics = new BulletinStatistics { OnTime = onTime, Late = late, Missing = missing },
        };
    }

    /// <summary>
    /// The period in natural Chinese, as the bulletin prints it under the masthead: 2026年第48周（11月20日至11月26日）,
    /// merged 2026年第40、41周（9月25日至10月8日）, monthly 2026年10月, quarterly 2026年第三季度. A date in another year
    /// than the first component's carries its year. Falls back to the key when it cannot be read.
    /// </summary>
    public static string PeriodLabel(ReportCycleDefinition cycle, ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(period);
        var keys = period.ComponentKeys.Count > 0 ? period.ComponentKeys : [period.Key];
        switch (cycle.Frequency)
        {
            case ReportFrequency.Weekly:
                var weeks = Parse(keys, WeekKey());
                if (weeks is null)
                {
                    return period.Key;
                }

                var year = weeks[0].Year;
                return $"{Join(weeks, (y, ws) => $"{y}年第{ws}周")}（{Day(period.Covers.Start, year)}至{Day(period.Covers.End, year)}）";
            case ReportFrequency.Monthly:
                var months = Parse(keys, MonthKey());
                return months is null ? period.Key : Join(months, (y, ms) => $"{y}年{ms}月");
            default:
                var quarters = Parse(keys, QuarterKey());
                return quarters is null || quarters.Any(q => q.Number is < 1 or > 4)
                    ? period.Key
                    : Join(quarters.Select(q => q with { Text = QuarterNames[q.Number - 1] }).ToList(), (y, qs) => $"{y}年第{qs}季度");
        }
    }

    private static bool IsProvincial(UnitKind kind) => kind is UnitKind.ProvincialDepartment or UnitKind.SpecialActionGroup;

    private static IEnumerable<Unit> InDirectoryOrder(IReadOnlyList<Unit> units) =>
        units.Select((unit, index) => (unit, index)).OrderBy(u => u.unit.SortOrder).ThenBy(u => u.index).Select(u => u.unit);

    /// <summary>The one report per unit that speaks for it in this period.</summary>
    private static Dictionary<string, Report> ChooseReports(ReportCycle cycle, ReportPeriod period, IReadOnlyList<Report> reports)
    {
        var keys = new HashSet<string>(period.ComponentKeys, StringComparer.OrdinalIgnoreCase) { period.Key };
        var chosen = new Dictionary<string, Report>(StringComparer.Ordinal);
        foreach (var report in reports)
        {
            if (report is null
                || !string.Equals(report.CycleKey, cycle.Key, StringComparison.OrdinalIgnoreCase)
                || !keys.Contains(report.PeriodKey))
            {
                continue;
            }

            if (!chosen.TryGetValue(report.UnitCode, out var current) || Rank(report, period).CompareTo(Rank(current, period)) < 0)
            {
                chosen[report.UnitCode] = report;
            }
        }

        return chosen;
    }

    private static (int Counted, int Exact, DateTimeOffset Submitted, long Id) Rank(Report report, ReportPeriod period) => (
        report.CountsAsSubmitted ? 0 : 1,
        string.Equals(report.PeriodKey, period.Key, StringComparison.OrdinalIgnoreCase) ? 0 : 1,
        report.SubmittedAt ?? DateTimeOffset.MaxValue,
        report.Id);

    private static BulletinItem? Item(Unit unit, Report report, string progressKey)
    {
        var paragraphs = report.Answers.GetValueOrDefault(progressKey) is { } answers
            ? answers.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToList()
            : [];
        return paragraphs.Count == 0 ? null : new BulletinItem(unit.Name, paragraphs[0]) { ExtraParagraphs = paragraphs[1..] };
    }

    private readonly record struct KeyPart(int Year, int Number, string Text);

    private static List<KeyPart>? Parse(IReadOnlyList<string> keys, Regex pattern)
    {
        var parts = new List<KeyPart>(keys.Count);
        foreach (var key in keys)
        {
            var match = pattern.Match(key);
            if (!match.Success)
            {
                return null;
            }

            var number = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            parts.Add(new KeyPart(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), number, number.ToString(CultureInfo.InvariantCulture)));
        }

        return parts;
    }

    /// <summary>Consecutive parts of the same year share it: 2026年第40、41周; 2026年第53周、2027年第1周.</summary>
    private static string Join(List<KeyPart> parts, Func<int, string, string> format)
    {
        var text = new StringBuilder();
        for (var i = 0; i < parts.Count;)
        {
            var year = parts[i].Year;
            var same = parts.Skip(i).TakeWhile(p => p.Year == year).Select(p => p.Text).ToList();
            text.Append(text.Length > 0 ? "、" : string.Empty).Append(format(year, string.Join("、", same)));
            i += same.Count;
        }

        return text.ToString();
    }

    private static string Day(DateOnly date, int year) => date.Year == year
        ? string.Create(CultureInfo.InvariantCulture, $"{date.Month}月{date.Day}日")
        : string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");

    [GeneratedRegex(@"^(\d{4})-W(\d{1,2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WeekKey();

    [GeneratedRegex(@"^(\d{4})-(\d{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthKey();

    [GeneratedRegex(@"^(\d{4})-Q(\d)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuarterKey();
}
