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
        var milestone = Rates.Select(r => r.Milestone).FirstOrDefault(m => m is not null);
        return [SupervisionText.RectificationParagraph(AsOf, Rates, total, closed, milestone, [.. Rates.Where(r => r.Behind)])];
    }
}
