using ChatOps.Core.Meetings;
using ChatOps.Core.Reports;
using Microsoft.AspNetCore.Mvc;

namespace ChatOps.Bot.OfficeConsole.Pages;

/// <summary>
/// 会议: the office's (or a host's own) meetings; create one-off or recurring meetings with attendees, move, cancel,
/// add and remove attendees, the roster with leave requests and substitutes (the host approves or refuses here), the
/// agreed items with owner unit, due date, feedback and overdue, and the 签到表 as .xlsx. Every rule is
/// <see cref="MeetingService"/>'s or <see cref="MeetingDesk"/>'s.
/// </summary>
public sealed partial class MeetingsModel(MeetingService meetings, MeetingDesk desk, IDirectoryRepository directory, OfficeProfile office, TimeProvider time) : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    public IReadOnlyList<Meeting> List { get; private set; } = [];

    public Roster? Roster { get; private set; }

    public IReadOnlyList<AgreedItemStanding> AgreedItems { get; private set; } = [];

    public DirectorySnapshot? Directory { get; private set; }

    /// <summary>The signed-in person hosts the shown meeting (decides leave).</summary>
    public bool IsHost => Roster is { } r && r.Meeting.HostId == Me.Id;

    public string When(Meeting m) => MeetingText.Span(m.StartsAt, m.EndsAt, office);

    /// <summary>The meeting's status in Chinese (已安排, 已召开, 已取消 …).</summary>
    public string StatusName(Meeting m) => MeetingText.StatusName(m, time.GetUtcNow());

    public bool IsOffice => ConsoleAccess.May(Me.Roles, ConsoleAreas.Office);

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    /// <summary>签到表: one row per attendee (substitutes named), a blank column to sign.</summary>
    public async Task<IActionResult> OnGetSignSheetAsync()
    {
        if (!await LoadAsync() || Roster is null)
        {
            return NotFound();
        }

        var n = 0;
        return Xlsx(MeetingText.SignSheetFile(Roster.Meeting), MeetingText.SignSheetColumns,
            Roster.Entries.Select(e => (IReadOnlyList<object?>)[++n, e.UnitCode, e.Label, MeetingText.CategoryName(e.Category), e.SubstituteLabel, ""]));
    }

    public async Task<IActionResult> OnPostCreateAsync(string? kind, string? title, string? host, string? start, string? end, string? place, string? agenda, string? attendees, string? recurrence, bool allowDuplicate = false)
    {
        if (!IsOffice)
        {
            return Forbid();
        }

        var result = await meetings.CreateAsync(Actor, new MeetingDraft(kind, title, host, start, end, place, null, agenda,
            (attendees ?? "").Split([',', '，', '、', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), string.IsNullOrWhiteSpace(recurrence) ? null : recurrence, allowDuplicate), HttpContext.RequestAborted);
        if (result.Value is not { } created)
        {
            Errors = [.. result.Refusal!.Errors.Values];
            await LoadAsync();
            return Page();
        }

        Notice = MeetingText.ConsoleCreated(created);
        return RedirectToPage(new { id = created.Meeting.Id });
    }

    public async Task<IActionResult> OnPostCancelAsync(long id, string? reason, bool series)
    {
        if (!IsOffice)
        {
            return Forbid();
        }

        var cancelled = await meetings.CancelAsync(Actor, id, reason, series, HttpContext.RequestAborted);
        Notice = cancelled.Value is { } list ? MeetingText.ConsoleCancelled(list.Count) : cancelled.Refusal!.Message;
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync()
    {
        List = await meetings.ListForAsync(Actor, HttpContext.RequestAborted);
        if (Id is not { } id)
        {
            return true;
        }

        Roster = (await meetings.RosterAsync(Actor, id, HttpContext.RequestAborted)).Value;
        if (Roster is null)
        {
            return false;
        }

        AgreedItems = await desk.ItemsAsync(id, HttpContext.RequestAborted);
        Directory = await directory.LoadAsync(HttpContext.RequestAborted);
        return true;
    }
}
