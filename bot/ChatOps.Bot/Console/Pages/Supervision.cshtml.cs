using ChatOps.Core.Supervision;
using Microsoft.AspNetCore.Mvc;

namespace ChatOps.Bot.OfficeConsole.Pages;

/// <summary>
/// 问题清单 / 督办 / 社会监督 (issue 16): each county's list with its rectification rate and trend against the office's
/// milestones, 督办 tasks with their state, and complaints — entered here one by one or imported from a file, and routed
/// like problems. Open to the office and to the 督战组 (their counties only); a liaison is refused by the console as a
/// whole. Every rule is <see cref="SupervisionService"/>'s: only the county's 督战组 closes or returns a problem or
/// complaint, only the office a task; who reported a complaint is shown to the office only.
/// </summary>
public sealed class SupervisionModel(
    SupervisionService service, ISupervisionStoreFactory stores, IDirectoryRepository directory, IUnitOfWorkFactory works, TimeProvider time,
    Core.Attachments.AttachmentService attachments) : ConsolePageModel
{
    private const long MaxUpload = 10 * 1024 * 1024;

    [BindProperty(SupportsGet = true)]
    public string? Tab { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    /// <summary>A refusal of the last change (shown once).</summary>
    [TempData]
    public string? Refusal { get; set; }

    public SupervisionKind Kind => Tab switch { "tasks" => SupervisionKind.Task, "complaints" => SupervisionKind.Complaint, _ => SupervisionKind.Problem };

    public IReadOnlyList<SupervisionItem> Items { get; private set; } = [];

    public IReadOnlyList<CountyRate> Rates { get; private set; } = [];

    public IReadOnlyDictionary<string, IReadOnlyList<TrendPoint>> Trends { get; private set; } = new Dictionary<string, IReadOnlyList<TrendPoint>>();

    public IReadOnlyList<RateMilestone> Milestones { get; private set; } = [];

    public DirectorySnapshot Directory { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public SupervisionItem? Detail { get; private set; }

    public IReadOnlyList<SupervisionEntry> History { get; private set; } = [];

    /// <summary>The rectification photos and files of <see cref="Detail"/>.</summary>
    public IReadOnlyList<Core.Attachments.StoredAttachment> Attachments { get; private set; } = [];

    /// <summary>The signed-in person may close or return <see cref="Detail"/> (the service's own check).</summary>
    public bool MayVerify { get; private set; }

    public bool IsOffice => Me.Roles.HasFlag(Roles.OfficeStaff);

    public string UnitName(string code) => Directory.Units.FirstOrDefault(u => u.Code == code)?.Name ?? code;

    public string PersonName(string id) => Directory.People.FirstOrDefault(p => p.Id == id)?.Name ?? id;


    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!ConsoleAccess.May(Me.Roles, ConsoleAreas.Supervision))
        {
            return Forbid();
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        if (!ConsoleAccess.May(Me.Roles, ConsoleAreas.Supervision))
        {
            return Forbid();
        }

        await LoadAsync();
        return Xlsx($"{SupervisionText.KindName(Kind)}.xlsx", SupervisionText.ExportColumns,
            Items.Select(i => (IReadOnlyList<object?>)[i.Id, UnitName(i.UnitCode), i.Place, i.Description, i.ResponsibleUnit, i.Source, i.Deadline.ToString("yyyy-MM-dd"),
                SupervisionText.StatusName(i.Status), i.IsOverdue(Today) ? SupervisionText.OverdueMark : "", i.ReporterName]));
    }

    public Task<IActionResult> OnPostCloseAsync(long id) => RunAsync((w, a, now) => service.CloseAsync(w, a, id, now, Ct), id);

    public Task<IActionResult> OnPostReturnAsync(long id, string? comment) => RunAsync((w, a, now) => service.ReturnAsync(w, a, id, comment ?? "", now, Ct), id);

    public Task<IActionResult> OnPostExtensionAsync(long id, bool approve) => RunAsync((w, a, now) => service.DecideExtensionAsync(w, a, id, approve, now, Ct), id);

    public Task<IActionResult> OnPostTaskAsync(string? unit, string? description, string? deadline, string? doneCriteria, string? source, long? meetingItemId) =>
        RunAsync((w, a, now) => service.CreateTaskAsync(w, a, new TaskDraft(NullIfBlank(unit), NullIfBlank(description), NullIfBlank(deadline), NullIfBlank(doneCriteria), source ?? "", meetingItemId), now, Ct), null);

    public Task<IActionResult> OnPostMilestoneAsync(string? date, int percent) =>
        RunAsync((w, a, now) => SupervisionDates.Parse(date, service.Today(now).Year) is { } d
            ? service.SetMilestoneAsync(w, a, d, percent, now, Ct)
            : Task.FromResult(SupervisionOutcome.Refused(SupervisionText.BadDate(date ?? ""))), null);

    public Task<IActionResult> OnPostAssignAsync(string? unit, string? person) =>
        RunAsync((w, a, now) => service.AssignSupervisorAsync(w, a, unit ?? "", person ?? "", now, Ct), null);

    /// <summary>One problem or complaint entered by hand: the same road as an imported row (checked, stored, the liaison told).</summary>
    public async Task<IActionResult> OnPostEntryAsync(string? kind, string? unit, string? place, string? description, string? responsibleUnit, string? deadline, string? source,
        string? reporterName, string? reporterContact)
    {
        var k = kind == "complaint" ? SupervisionKind.Complaint : SupervisionKind.Problem;
        var row = new ItemDraft(1, (unit ?? "").Trim(), NullIfBlank(place), (description ?? "").Trim(), NullIfBlank(responsibleUnit), (deadline ?? "").Trim(),
            NullIfBlank(source) ?? (k == SupervisionKind.Complaint ? SupervisionText.ComplaintEntrySource : SupervisionText.InspectionSource), NullIfBlank(reporterName), NullIfBlank(reporterContact));
        var now = time.GetUtcNow();
        await using var work = await works.BeginAsync(Ct);
        var outcome = await service.ImportAsync(work, Actor, [row], k, now, Ct);
        return await FinishImportAsync(work, outcome, k, single: true);
    }

    /// <summary>A problem list or the supervision platform's export, as .xlsx or .csv: every error with its line, nothing written on any error.</summary>
    public async Task<IActionResult> OnPostImportAsync(string? kind, IFormFile? file)
    {
        var k = kind == "complaint" ? SupervisionKind.Complaint : SupervisionKind.Problem;
        if (file is null || file.Length == 0 || file.Length > MaxUpload)
        {
            Refusal = file is null || file.Length == 0 ? SupervisionText.NoFileChosen : SupervisionText.FileTooLarge;
            return RedirectToPage(new { tab = TabOf(k) });
        }

        var extension = Path.GetExtension(file.FileName).ToLowerInvariant();
        var path = Path.Combine(Path.GetTempPath(), $"chatops-import-{Guid.NewGuid():N}{(extension is ".csv" or ".xlsx" ? extension : ".bin")}");
        try
        {
            await using (var target = System.IO.File.Create(path))
            {
                await file.CopyToAsync(target, Ct);
            }

            var outcome = await service.ImportFileAsync(Actor, path, k, time.GetUtcNow(), Ct);
            if (!outcome.Succeeded)
            {
                Errors = outcome.Errors;
                Tab = TabOf(k);
                await LoadAsync();
                return Page();
            }

            await ConsoleAuth.AuditAsync(HttpContext, Me.Id, "supervision.import-file", $"file:{Path.GetFileName(file.FileName)}", $"{outcome.Imported}");
            Signal();
            Notice = SupervisionText.ConsoleImported(outcome.Imported, k);
            return RedirectToPage(new { tab = TabOf(k) });
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    private async Task<IActionResult> FinishImportAsync(IUnitOfWork work, ImportOutcome outcome, SupervisionKind kind, bool single)
    {
        if (!outcome.Succeeded)
        {
            Errors = [.. outcome.Errors.Select(e => single ? e.Replace(SupervisionText.AtLine(1), "", StringComparison.Ordinal) : e)];
            Tab = TabOf(kind);
            await LoadAsync();
            return Page();
        }

        await work.CommitAsync(Ct);
        Signal();
        Notice = SupervisionText.ConsoleEntered(kind);
        return RedirectToPage(new { tab = TabOf(kind) });
    }

    private async Task<IActionResult> RunAsync(Func<IUnitOfWork, Actor, DateTimeOffset, Task<SupervisionOutcome>> action, long? id)
    {
        if (!ConsoleAccess.May(Me.Roles, ConsoleAreas.Supervision))
        {
            return Forbid();
        }

        SupervisionOutcome outcome;
        await using (var work = await works.BeginAsync(Ct))
        {
            outcome = await action(work, Actor, time.GetUtcNow());
            if (outcome.Succeeded)
            {
                await work.CommitAsync(Ct);
            }
        }

        if (outcome.Succeeded)
        {
            Signal();
            Notice = outcome.Message;
        }
        else
        {
            Refusal = outcome.Message;
        }

        var kind = outcome.Item?.Kind;
        return RedirectToPage(new { tab = Tab ?? (kind is { } k ? TabOf(k) : null), id });
    }

    private void Signal() => HttpContext.RequestServices.GetService<IWorkSignal>()?.OutboxChanged();

    private async Task LoadAsync()
    {
        await LoadItemsAsync();
        if (Detail is { } item)
        {
            // The permission check reads on connections of its own, without a transaction.
            Attachments = await attachments.ListAsync(Actor, Core.Attachments.AttachmentOwners.Rectification, item.Id, Ct) ?? [];
        }
    }

    private async Task LoadItemsAsync()
    {
        var now = time.GetUtcNow();
        Today = service.Today(now);
        Directory = await directory.LoadAsync(Ct);
        await using var work = await works.BeginAsync(Ct);
        var actor = Actor;
        var all = await service.ListAsync(work, actor, openOnly: false, Ct);
        Rates = await service.RatesAsync(work, actor, now, Ct);
        Milestones = await stores.For(work).ListMilestonesAsync(Ct);
        Trends = all.Where(i => i.Kind == SupervisionKind.Problem).GroupBy(i => i.UnitCode)
            .ToDictionary(g => g.Key, g => RateTrend.Of(g, Milestones, Today, t => DateOnly.FromDateTime(service.Local(t))), StringComparer.Ordinal);
        Items = [.. all.Where(i => i.Kind == Kind)
            .Where(i => string.IsNullOrEmpty(Unit) || i.UnitCode == Unit)
            .Where(i => State switch
            {
                "open" => i.Status == ItemStatus.Open,
                "submitted" => i.Status == ItemStatus.Submitted,
                "closed" => i.Status == ItemStatus.Closed,
                "overdue" => i.IsOverdue(Today),
                _ => true,
            })];
        if (Id is { } id)
        {
            var (item, history, _) = await service.GetAsync(work, actor, id, Ct);
            Detail = item;
            History = history;
            MayVerify = item is not null && await service.CheckVerifierAsync(work, actor, id, Ct) is null;
        }
    }

    private static string TabOf(SupervisionKind kind) => kind switch { SupervisionKind.Task => "tasks", SupervisionKind.Complaint => "complaints", _ => "problems" };

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
