using ChatOps.Core.Reports;
using ChatOps.Core.Reports.Overview;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatOps.Bot.OfficeConsole.Pages;

/// <summary>
/// 报告: a unit's report for a period with every submitted version and what changed, the changes not yet submitted and
/// the submission and review history (<see cref="ReportHistory"/>). Office staff see every unit, a reviewing leader
/// their own (others get the refusal, 403).
/// </summary>
public sealed class ReportsModel(ReportOverview overview, ReportHistory history, Core.Attachments.AttachmentService attachments) : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Cycle { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    public IReadOnlyList<ReportCycle> Cycles => overview.Cycles;

    public ReportCycle SelectedCycle { get; private set; } = null!;

    public IReadOnlyList<Core.Calendar.ReportPeriod> Periods { get; private set; } = [];

    /// <summary>The units the person may pick (those of the chosen period's board).</summary>
    public IReadOnlyList<Unit> Units { get; private set; } = [];

    public ReportHistoryView? View { get; private set; }

    /// <summary>The report's attachments (pictures and files sent in chat while filling it in).</summary>
    public IReadOnlyList<Core.Attachments.StoredAttachment> Attachments { get; private set; } = [];

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var actor = Actor.Of(Me, ConsoleAuth.Source(HttpContext));
        SelectedCycle = overview.Cycles.FirstOrDefault(c => string.Equals(c.Key, Cycle, StringComparison.OrdinalIgnoreCase)) ?? overview.Cycles[0];
        Cycle = SelectedCycle.Key;
        Periods = overview.RecentPeriods(SelectedCycle);
        Period = string.IsNullOrWhiteSpace(Period) ? overview.DefaultPeriods(SelectedCycle)[^1].Key : Period;
        try
        {
            var (_, period) = overview.Resolve(SelectedCycle.Key, Period);
            Units = [.. (await overview.BoardAsync(actor, SelectedCycle, period, HttpContext.RequestAborted)).Board.Entries.Select(e => e.Unit)];
            if (string.IsNullOrWhiteSpace(Unit) && Units.Count == 1)
            {
                Unit = Units[0].Code;
            }

            if (!string.IsNullOrWhiteSpace(Unit))
            {
                View = await history.ReadAsync(actor, SelectedCycle.Key, period.Key, Unit, HttpContext.RequestAborted);
                if (View?.Report is { } report)
                {
                    Attachments = await attachments.ListAsync(actor, Core.Attachments.AttachmentOwners.Report, report.Id, HttpContext.RequestAborted) ?? [];
                }
            }
        }
        catch (UnauthorizedAccessException ex)
        {
            Refusal = ex.Message;
            await AuditAsync("console.refused", $"unit:{Unit}", ReportText.Audit.ReportsPage);
            return ForbiddenPage();
        }
        catch (ArgumentException ex)
        {
            Errors = [ex.Message];
        }

        return Page();
    }

    /// <summary>An audit action as the office reads it.</summary>
    public static string ActionName(string action) => ReportText.ActionName(action);

    private PageResult ForbiddenPage()
    {
        HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
