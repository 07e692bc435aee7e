using ChatOps.Core.Reports;
using ChatOps.Core.Reports.Overview;
using Microsoft.AspNetCore.Mvc;

namespace ChatOps.Bot.OfficeConsole.Pages;

/// <summary>
/// 本期报送 (home): a cycle's period — by default the open one and the one just closed — with every unit's state, time
/// and submitter (<see cref="ReportOverview"/>), filterable and exportable; 催报 to one, the selected or all missing
/// units after a confirmation that shows who gets which text (<see cref="ReportChasing"/>). No report rule is written here.
/// </summary>
public sealed class IndexModel(ReportOverview overview, ReportChasing chasing) : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Cycle { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    /// <summary>State filter: a <see cref="BoardState"/> name, or empty for all.</summary>
    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    /// <summary>Unit name or code filter.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public ReportCycle SelectedCycle { get; private set; } = null!;

    public IReadOnlyList<ReportCycle> Cycles => overview.Cycles;

    public IReadOnlyList<Core.Calendar.ReportPeriod> Periods { get; private set; } = [];

    public IReadOnlyList<BoardView> Boards { get; private set; } = [];

    /// <summary>The confirmation of a 催报, when one is being confirmed.</summary>
    public ChasePlan? Plan { get; private set; }

    /// <summary>The one-time value of the confirmation form.</summary>
    public string? Token { get; private set; }

    public bool MayChase => Me.Roles.HasFlag(Roles.OfficeStaff);


    /// <summary>The rows of a board after the filters.</summary>
    public IEnumerable<BoardEntry> Rows(BoardView view) => view.Board.Entries
        .Where(e => string.IsNullOrEmpty(State) || e.State.ToString() == State)
        .Where(e => string.IsNullOrWhiteSpace(Q) || e.Unit.Name.Contains(Q.Trim(), StringComparison.Ordinal) || e.Unit.Code.Contains(Q.Trim(), StringComparison.OrdinalIgnoreCase));

    public async Task<IActionResult> OnGetAsync()
    {
        if (!ConsoleAccess.May(Me.Roles, ConsoleAreas.Office) && !ConsoleAccess.May(Me.Roles, ConsoleAreas.OwnUnitReports))
        {
            // No report to show (a 督战组 member, a host who reviews no unit): their own first page instead of an empty board.
            return Redirect(ConsoleAccess.May(Me.Roles, ConsoleAreas.Supervision) ? "/console/supervision" : "/console/meetings");
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        await LoadAsync();
        return Xlsx(ConsoleText.BoardExportName(SelectedCycle.Name), ConsoleText.BoardExportHeader,
            Boards.SelectMany(b => Rows(b).Select(e => (IReadOnlyList<object?>)[
                PeriodText.Label(b.Board.Cycle, b.Board.Period), ConsoleFormat.Time(b.Board.Period.Due, HttpContext), e.Unit.Name, PeriodBoard.Label(e.State),
                ConsoleFormat.Time(e.SubmittedAt, HttpContext), e.Submitter?.Name, b.Liaisons.GetValueOrDefault(e.Unit.Code)?.Name])));
    }

    /// <summary>Step 1 of 催报: what would be sent to whom (nothing sent yet).</summary>
    public async Task<IActionResult> OnPostPlanAsync(string? one, string? all, List<string>? t)
    {
        await LoadAsync();
        var targets = new List<ChaseTarget>();
        if (ChaseTarget.Parse(one) is { } single)
        {
            targets.Add(single);
        }
        else if (!string.IsNullOrEmpty(all))
        {
            targets.AddRange(Boards.Where(b => all == "*" || b.Board.Period.Key == all)
                .SelectMany(b => b.Board.Entries.Where(e => e.State is BoardState.Missing or BoardState.Returned).Select(e => new ChaseTarget(b.Board.Period.Key, e.Unit.Code))));
        }
        else
        {
            targets.AddRange((t ?? []).Select(ChaseTarget.Parse).OfType<ChaseTarget>());
        }

        if (targets.Count == 0)
        {
            Errors = [ConsoleText.ChaseNoneTicked];
            return Page();
        }

        try
        {
            Plan = await chasing.PlanAsync(Actor, SelectedCycle.Key, targets, HttpContext.RequestAborted);
            Token = Guid.NewGuid().ToString("N");
        }
        catch (Exception ex) when (ex is ArgumentException or UnauthorizedAccessException)
        {
            Errors = [ex.Message];
        }

        return Page();
    }

    /// <summary>Step 2 of 催报: send as confirmed.</summary>
    public async Task<IActionResult> OnPostChaseAsync(List<string>? t, string? token)
    {
        var targets = (t ?? []).Select(ChaseTarget.Parse).OfType<ChaseTarget>().ToList();
        var result = await chasing.SendAsync(Actor, Cycle ?? "", targets, token ?? "", HttpContext.RequestAborted);
        if (result.Queued > 0)
        {
            HttpContext.RequestServices.GetService<IWorkSignal>()?.OutboxChanged();
        }

        if (!result.Succeeded)
        {
            await LoadAsync();
            Errors = [result.Text];
            return Page();
        }

        Notice = result.Text;
        return RedirectToPage(new { cycle = Cycle, period = Period });
    }

    private async Task LoadAsync()
    {
        SelectedCycle = overview.Cycles.FirstOrDefault(c => string.Equals(c.Key, Cycle, StringComparison.OrdinalIgnoreCase)) ?? overview.Cycles[0];
        Cycle = SelectedCycle.Key;
        Periods = overview.RecentPeriods(SelectedCycle);
        var shown = new List<Core.Calendar.ReportPeriod>();
        if (string.IsNullOrWhiteSpace(Period))
        {
            shown.AddRange(overview.DefaultPeriods(SelectedCycle));
        }
        else
        {
            try
            {
                shown.Add(overview.Resolve(SelectedCycle.Key, Period).Period);
            }
            catch (ArgumentException ex)
            {
                Errors = [ex.Message];
                shown.AddRange(overview.DefaultPeriods(SelectedCycle));
            }
        }

        Boards = await overview.BoardsAsync(Actor, SelectedCycle, shown, HttpContext.RequestAborted);
    }
}
