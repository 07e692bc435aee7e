using System.Text.RegularExpressions;
using ChatOps.Core.Bulletins;
using ChatOps.Core.Calendar;

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
/// late (<see cref="Report.IsLate"/>, kept once approved); a report waiting for its unit's reviewing leader is 待审核 and
/// one the reviewer returned is 已退回 — neither is 未报送, and their items are left out (the leader has not approved them,
/// 上报审核, seed 003 八(三)); a unit whose liaison is exempt and that sent nothing is 免报; anything else is 未报送
/// (<see cref="PeriodBoard.StateOf"/>, the rule every status view uses).
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
    /// <param name="exemptUnits">Codes of the units exempt for the period (免报), if any.</param>
    /// <param name="rectificationRates">Optional: the problem lists' rectification rates (issue 16), added as the last 行动要情 paragraph.</param>
    /// <exception cref="ArgumentException">When <paramref name="officeName"/> is blank.</exception>
    public static Bulletin Compile(
        ReportCycle cycle,
        ReportPeriod period,
        string officeName,
        DateOnly date,
        DirectorySnapshot directory,
        IReadOnlyList<Report> reports,
        IReadOnlyList<string> headlines,
        string? issueNumber = null,
        IReadOnlyCollection<string>? exemptUnits = null,
        Supervision.RectificationSection? rectificationRates = null)
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
        var pending = new List<string>();
        var returned = new List<string>();
        var exempt = new List<string>();

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
                var list = PeriodBoard.StateOf(report, exemptUnits?.Contains(unit.Code) == true) switch
                {
                    BoardState.Submitted => onTime,
                    BoardState.Late => late,
                    BoardState.PendingReview => pending,
                    BoardState.Returned => returned,
                    BoardState.Exempt => exempt,
                    _ => missing,
                };
                list.Add(unit.Name);
            }
        }

        return new Bulletin
        {
            OfficeName = officeName.Trim(),
            IssueNumber = string.IsNullOrWhiteSpace(issueNumber) ? null : issueNumber.Trim(),
            Date = date,
            PeriodLabel = PeriodLabel(cycle.Definition, period),
            KeyEvents = [.. headlines.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h.Trim()), .. rectificationRates?.Paragraphs() ?? []],
            ProvincialItems = provincial,
            LocalItems = local,
            Statistics = new BulletinStatistics
            {
                OnTime = onTime,
                Late = late,
                Missing = missing,
                PendingReview = pending,
                Returned = returned,
                Exempt = exempt,
            },
        };
    }

    /// <summary>
    /// The period in natural Chinese, as the bulletin prints it under the masthead, in the wording of
    /// <see cref="PeriodText"/>: 2026年第48周（11月20日至11月26日）; merged 2026年第40—41周（9月25日至10月8日); across a
    /// new year 2026年第53周—2027年第1周（2026年12月25日至2027年1月7日）, with years on the dates whenever they are not
    /// all the label's year; monthly 2026年10月; quarterly 2026年第三季度. Falls back to the key when it cannot be read.
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
                return weeks is null ? period.Key : $"{Span(weeks, "第", "周", Arabic)}（{Range(period.Covers, weeks[0].Year)}）";
            case ReportFrequency.Monthly:
                var months = Parse(keys, MonthKey());
                return months is null ? period.Key : Span(months, string.Empty, "月", Arabic);
            default:
                var quarters = Parse(keys, QuarterKey());
                return quarters is null || quarters.Any(q => q.Number is < 1 or > 4)
                    ? period.Key
                    : Span(quarters, "第", "季度", n => QuarterNames[n - 1]);
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

    private readonly record struct KeyPart(int Year, int Number);

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

            parts.Add(new KeyPart(
                int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)));
        }

        return parts;
    }

    /// <summary>One period (2026年第48周), or the first and last of a merge (2026年第40—41周, 2026年第53周—2027年第1周).</summary>
    private static string Span(List<KeyPart> parts, string before, string after, Func<int, string> number)
    {
        var (first, last) = (parts[0], parts[^1]);
        return parts.Count == 1
            ? $"{first.Year}年{before}{number(first.Number)}{after}"
            : first.Year == last.Year
                ? $"{first.Year}年{before}{number(first.Number)}—{number(last.Number)}{after}"
                : $"{first.Year}年{before}{number(first.Number)}{after}—{last.Year}年{before}{number(last.Number)}{after}";
    }

    private static string Arabic(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Range(DateRange covers, int year)
    {
        var withYears = covers.Start.Year != year || covers.End.Year != year;
        return ChineseDates.Span(covers.Start, covers.End, withYears);
    }

    [GeneratedRegex(@"^(\d{4})-W(\d{1,2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WeekKey();

    [GeneratedRegex(@"^(\d{4})-(\d{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthKey();

    [GeneratedRegex(@"^(\d{4})-Q(\d)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuarterKey();
}
