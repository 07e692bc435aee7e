namespace ChatOps.Core.Supervision;

/// <summary>
/// The problem lists' rectification rates as the bulletin prints them (issue 16: “the bulletin can include the
/// rates”): one 行动要情 paragraph with the province's total, each county's rate, and the counties behind the milestone
/// in force. Optional: <c>BulletinCompiler.Compile</c> takes it when the office wants it in the issue. Pure.
/// </summary>
/// <param name="Rates">The rates as <see cref="SupervisionService.RatesAsync"/> gives them (the office's view: every county).</param>
/// <param name="AsOf">The office date the rates were read.</param>
public sealed record RectificationSection(IReadOnlyList<CountyRate> Rates, DateOnly AsOf)
{
    /// <summary>The paragraph, or nothing when no county has a problem list.</summary>
    public IReadOnlyList<string> Paragraphs()
    {
        if (Rates.Count == 0 || Rates.Sum(r => r.Total) == 0)
        {
            return [];
        }

        var total = Rates.Sum(r => r.Total);
        var closed = Rates.Sum(r => r.Closed);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"问题清单整改情况。截至{AsOf.Month}月{AsOf.Day}日，{Rates.Count}个州（市、县、区）问题清单共有问题{total}个，已整改销号{closed}个，整改率{Percent(closed * 100m / total)}。");
        text.Append("各地整改率：").Append(string.Join("，", Rates.Select(r => $"{r.UnitName}{Percent(r.Percent)}"))).Append('。');
        if (Rates.Select(r => r.Milestone).FirstOrDefault(m => m is not null) is { } milestone)
        {
            var behind = Rates.Where(r => r.Behind).ToList();
            text.Append(CultureInfo.InvariantCulture, $"对照{milestone.Date.Month}月{milestone.Date.Day}日前整改率达到{milestone.Percent}%的目标，");
            text.Append(behind.Count == 0
                ? "各地均已达到目标。"
                : $"{string.Join("、", behind.Select(r => r.UnitName))}{(behind.Count > 1 ? "等" + behind.Count + "地" : "")}尚未达到，请加快整改、按期销号。");
        }

        return [text.ToString()];
    }

    private static string Percent(decimal value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
