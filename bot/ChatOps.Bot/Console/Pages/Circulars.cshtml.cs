using ChatOps.Core.Circulars;
using Microsoft.AspNetCore.Mvc;

namespace ChatOps.Bot.OfficeConsole.Pages;

/// <summary>
/// 通报/通知: compose (kind, number, title, body, targets, attachments uploaded in the browser) and send — for sign-off
/// or issue, as <see cref="CircularService"/> decides; history with search; one circular's delivery per target and
/// acknowledgement per unit and person. One unit of work per change, so the circular, its audit and its outbox commit together.
/// </summary>
public sealed class CircularsModel(CircularService circulars, CircularKinds kinds, IUnitOfWorkFactory works, TimeProvider time, CircularRemindNow remind, IDirectoryRepository directory) : ConsolePageModel
{
    private const long MaxAttachment = 20 * 1024 * 1024;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    public IReadOnlyList<(Circular Circular, int Recipients, int Acknowledged)> List { get; private set; } = [];

    public CircularStanding? Standing { get; private set; }

    /// <summary>The kinds' names, as configured (<see cref="CircularKinds"/>): those issued without sign-off first.</summary>
    public IReadOnlyList<string> Kinds => [.. kinds.All.OrderBy(k => k.SignOff != SignOffBy.None).Select(k => k.Name)];


    /// <summary>The roles a circular can be sent to, by their Chinese names.</summary>
    public IReadOnlyList<string> RoleNames { get; } = [.. Enum.GetValues<Roles>().Where(r => r != Roles.None).Select(Vocabulary.Name)];

    /// <summary>The directory, for the target lists (groups, units, people by name).</summary>
    public DirectorySnapshot? Directory { get; private set; }

    /// <summary>A refusal of the last change (shown once).</summary>
    [TempData]
    public string? Refusal { get; set; }

    /// <summary>立即提醒: the unacknowledged get the reminder card now.</summary>
    public async Task<IActionResult> OnPostRemindAsync(long id)
    {
        var now = time.GetUtcNow();
        await using var work = await works.BeginAsync(HttpContext.RequestAborted);
        var (reminded, refusal) = await remind.RemindAsync(work, Actor, id, now, HttpContext.RequestAborted);
        if (refusal is null)
        {
            await work.CommitAsync(HttpContext.RequestAborted);
            HttpContext.RequestServices.GetService<IWorkSignal>()?.OutboxChanged();
            Notice = CircularText.Reminded(reminded);
        }
        else
        {
            Refusal = refusal;
        }

        return RedirectToPage(new { id });
    }

    /// <summary>The targets chosen from the lists (names shown, codes sent).</summary>
    private static List<CircularTarget> Chosen(string[]? groups, string[]? units, string[]? roles, string[]? people, bool everyone)
    {
        var targets = new List<CircularTarget>();
        if (everyone)
        {
            targets.Add(CircularTarget.Everyone);
        }

        targets.AddRange((groups ?? []).Where(v => v.Length > 0).Select(v => new CircularTarget(TargetKind.Group, v)));
        targets.AddRange((units ?? []).Where(v => v.Length > 0).Select(v => new CircularTarget(TargetKind.Unit, v)));
        targets.AddRange((roles ?? []).Where(v => v.Length > 0).Select(v => new CircularTarget(TargetKind.Role, v)));
        targets.AddRange((people ?? []).Where(v => v.Length > 0).Select(v => new CircularTarget(TargetKind.Person, v)));
        return targets;
    }

    /// <summary>The kind's Chinese name (stored by key).</summary>
    public string KindName(string key) => kinds.Get(key).Name;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnGetExportAsync()
    {
        await LoadAsync();
        return Xlsx(CircularText.ExportFile, CircularText.ExportColumns,
            List.Select(x => (IReadOnlyList<object?>)[x.Circular.Number, KindName(x.Circular.Kind), x.Circular.Title, CircularText.StatusName(x.Circular.Status), ConsoleFormat.Time(x.Circular.IssuedAt, HttpContext), x.Recipients, x.Acknowledged]));
    }

    public async Task<IActionResult> OnPostComposeAsync(string? kind, string? title, string? body, string[]? group, string[]? unit, string[]? role, string[]? person, bool everyone,
        string? number, bool send, List<IFormFile>? files)
    {
        var parsed = Chosen(group, unit, role, person, everyone);
        var errors = new List<string>();
        if (parsed.Count == 0)
        {
            errors.Add(CircularText.ChooseTargetsInForm);
        }

        foreach (var file in files ?? [])
        {
            if (file.Length > MaxAttachment)
            {
                errors.Add(CircularText.UploadTooLarge(file.FileName, MaxAttachment));
            }
        }

        if (errors.Count > 0)
        {
            Errors = errors;
            await LoadAsync();
            return Page();
        }

        var now = time.GetUtcNow();
        var actor = Actor;
        await using var work = await works.BeginAsync(HttpContext.RequestAborted);
        var created = await circulars.CreateAsync(actor, work, new CircularDraft(kind ?? "", title ?? "", body ?? "", parsed, string.IsNullOrWhiteSpace(number) ? null : number), now, HttpContext.RequestAborted);
        if (!created.Succeeded)
        {
            Errors = [.. created.Errors.Select(e => e.Message)];
            await LoadAsync();
            return Page();
        }

        var id = created.Circular!.Id;
        foreach (var file in files ?? [])
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, HttpContext.RequestAborted);
            var (_, attached) = await circulars.AttachAsync(actor, work, id, Path.GetFileName(file.FileName), file.ContentType, buffer.ToArray(), now, HttpContext.RequestAborted);
            if (!attached.Succeeded)
            {
                Errors = [.. attached.Errors.Select(e => e.Message)];
                await LoadAsync();
                return Page(); // nothing committed
            }
        }

        var outcome = send ? await circulars.SendAsync(actor, work, id, now, HttpContext.RequestAborted) : created;
        await work.CommitAsync(HttpContext.RequestAborted);
        HttpContext.RequestServices.GetService<IWorkSignal>()?.OutboxChanged();
        Notice = outcome.Succeeded ? outcome.Notice ?? (send ? CircularText.SentNotice : CircularText.DraftSaved) : CircularText.SavedNotSent(outcome.ErrorText);
        return RedirectToPage(new { id });
    }

    private async Task LoadAsync()
    {
        Directory = await directory.LoadAsync(HttpContext.RequestAborted);
        await using var work = await works.BeginAsync(HttpContext.RequestAborted);
        var q = Q?.Trim();
        List = [.. (await circulars.RecentAsync(Actor, work, 200, HttpContext.RequestAborted)).Recent
            .Where(r => string.IsNullOrEmpty(q) || r.Circular.Title.Contains(q, StringComparison.Ordinal) || r.Circular.Number.Contains(q, StringComparison.Ordinal))
            .Select(r => (r.Circular, r.Recipients, r.Acknowledged))];
        if (Id is { } id)
        {
            Standing = (await circulars.StandingAsync(Actor, work, id, HttpContext.RequestAborted)).Standing;
        }
    }
}
