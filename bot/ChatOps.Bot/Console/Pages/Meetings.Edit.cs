using ChatOps.Core.Meetings;
using Microsoft.AspNetCore.Mvc;

namespace ChatOps.Bot.OfficeConsole.Pages;

/// <summary>会议: the changes after creation — time, attendees, the host's leave decisions and agreed items.</summary>
public sealed partial class MeetingsModel
{
    /// <summary>A refusal of the last change (shown once).</summary>
    [TempData]
    public string? Refusal { get; set; }

    public Task<IActionResult> OnPostEditAsync(long id, string? start, string? end) => ChangeAsync(id, officeOnly: true, async () =>
        Said(await meetings.EditTimeAsync(Actor, id, start, end, HttpContext.RequestAborted), moved => MeetingText.ConsoleMoved(When(moved))));

    public Task<IActionResult> OnPostAddAttendeesAsync(long id, string? attendees) => ChangeAsync(id, officeOnly: false, async () =>
        Said(await desk.AddAttendeesAsync(Actor, id, [attendees ?? ""], HttpContext.RequestAborted), MeetingText.ConsoleAttendeesAdded));

    public Task<IActionResult> OnPostRemoveAttendeeAsync(long id, string? person) => ChangeAsync(id, officeOnly: false, () =>
        desk.RemoveAttendeeAsync(Actor, id, person ?? "", HttpContext.RequestAborted));

    public Task<IActionResult> OnPostLeaveAsync(long id, long request, bool approve, string? comment) => ChangeAsync(id, officeOnly: false, () =>
        desk.DecideLeaveAsync(Actor, request, approve, comment, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostItemAsync(long id, string? text, string? owner, string? due) => ChangeAsync(id, officeOnly: true, async () =>
        Said(await meetings.RecordItemsAsync(Actor, id, [new AgreedItemDraft(text, owner, due)], HttpContext.RequestAborted), items => MeetingText.ConsoleItemsRecorded(items.Count)));

    /// <summary>A use case's value as the notice to show, or its refusal as is.</summary>
    private static MeetingResult<string> Said<T>(MeetingResult<T> result, Func<T, string> notice) =>
        result.Succeeded ? notice(result.Value!) : result.Refusal!;

    private async Task<IActionResult> ChangeAsync(long id, bool officeOnly, Func<Task<MeetingResult<string>>> change)
    {
        if (officeOnly && !IsOffice)
        {
            return Forbid();
        }

        if (!IsOffice && !(await meetings.ListForAsync(Actor, HttpContext.RequestAborted)).Any(m => m.Id == id))
        {
            return Forbid();
        }

        var result = await change();
        if (result.Value is { } notice)
        {
            Notice = notice;
            HttpContext.RequestServices.GetService<ChatOps.Core.Conversations.IWorkSignal>()?.OutboxChanged();
        }
        else
        {
            Refusal = string.Join(" ", result.Refusal!.Errors.Values);
        }

        return RedirectToPage(new { id });
    }
}
