using ChatOps.Core.Circulars;
using ChatOps.Core.Reports;
using ChatOps.Core.Reports.Overview;
using Microsoft.AspNetCore.Mvc;

namespace ChatOps.Bot.OfficeConsole.Pages;

/// <summary>
/// 报送统计: per unit and month — due, on time, late, missing, returned; on-time rate and ranking
/// (<see cref="ReportCompliance"/>); .xlsx export; and the month's 信息报送情况通报 drafted from it as a 通报 draft
/// (<see cref="CircularService"/>) for the office to edit, have signed and send on the 通报 page.
/// </summary>
public sealed class StatsModel(ReportCompliance compliance, CircularService circulars, IUnitOfWorkFactory works, OfficeProfile office, TimeProvider time) : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Month { get; set; }

    public ComplianceMonth? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        await LoadAsync();
        return Xlsx(ReportText.StatsFile(Year, Month), ReportText.StatsColumns,
            (Result?.Rows ?? []).OrderBy(r => r.Rank).Select(r => (IReadOnlyList<object?>)[r.Rank, r.Unit.Name, r.Due, r.OnTime, r.Late, r.Missing, r.Returned, r.Exempt, r.RateText]));
    }

    /// <summary>Drafts the month's 信息报送情况通报 as a 通报 (not sent) and opens it on the 通报 page.</summary>
    public async Task<IActionResult> OnPostDraftAsync()
    {
        await LoadAsync();
        if (Result is null)
        {
            return Page();
        }

        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(office.Local(now));
        var draft = new CircularDraft("circular", ReportText.ComplianceCircular.Title(Result), ReportText.ComplianceCircular.Body(Result, office.Name, today),
            [new CircularTarget(TargetKind.Role, Vocabulary.Name(Roles.Liaison))]);
        await using var work = await works.BeginAsync(HttpContext.RequestAborted);
        var created = await circulars.CreateAsync(Actor, work, draft, now, HttpContext.RequestAborted);
        if (!created.Succeeded)
        {
            Errors = [.. created.Errors.Select(e => e.Message)];
            return Page();
        }

        await work.CommitAsync(HttpContext.RequestAborted);
        Notice = ReportText.ComplianceDrafted(created.Circular!.Number, created.Circular.Title);
        return Redirect($"/console/circulars?id={created.Circular.Id}");
    }

    private async Task LoadAsync()
    {
        var today = DateOnly.FromDateTime(office.Local(time.GetUtcNow()));
        Year ??= today.Year;
        Month ??= today.Month;
        try
        {
            Result = await compliance.MonthAsync(Actor.Of(Me, ConsoleAuth.Source(HttpContext)), Year.Value, Month.Value, HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is ArgumentException or UnauthorizedAccessException)
        {
            Errors = [ex.Message];
        }
    }
}
