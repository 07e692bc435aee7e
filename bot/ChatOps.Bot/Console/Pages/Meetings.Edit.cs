using ChatOps.Core.Meetings;
using ChatOps.Core.Organization;
using Microsoft.AspNetCore.Mvc;

namespace ChatOps.Bot.OfficeConsole.Pages;

/// <summary>会议: the changes after creation — time, attendees, the host's leave decisions and agreed items.</summary>
public sealed partial class MeetingsModel
{
    /// <summary>A refusal of the last change (shown once).</summary>
    [TempData]
    public string? Refusal { get; set; }

    public Task<IActionResult> OnPostEditAsync(long id, string? start, string? end) => ChangeAsync(id, officeOnly: true, async () =>
    {
        var moved = await meetings.EditTimeAsync(Actor, id, start, end, HttpContext.RequestAborted);
        return $"已调整为{When(moved)}，并通知参会人员。";
    });

    public Task<IActionResult> OnPostAddAttendeesAsync(long id, string? attendees) => ChangeAsync(id, officeOnly: false, async () =>
        $"已增加{await desk.AddAttendeesAsync(Actor, id, [attendees ?? ""], HttpContext.RequestAborted)}名参会人员，并发送会议通知。");

    public Task<IActionResult> OnPostRemoveAttendeeAsync(long id, string? person) => ChangeAsync(id, officeOnly: false, () =>
        desk.RemoveAttendeeAsync(Actor, id, person ?? "", HttpContext.RequestAborted));

    public Task<IActionResult> OnPostLeaveAsync(long id, long request, bool approve, string? comment) => ChangeAsync(id, officeOnly: false, () =>
        desk.DecideLeaveAsync(Actor, request, approve, comment, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostItemAsync(long id, string? text, string? owner, string? due) => ChangeAsync(id, officeOnly: true, async () =>
    {
        var recorded = await meetings.RecordItemsAsync(Actor, id, [new AgreedItemDraft(text, owner, due)], HttpContext.RequestAborted);
        return $"已登记议定事项{recorded.Count}项，并通知牵头单位联络员。";
    });

    private async Task<IActionResult> ChangeAsync(long id, bool officeOnly, Func<Task<string>> change)
    {
        if (officeOnly && !IsOffice)
        {
            return Forbid();
        }

        if (!IsOffice && !(await meetings.ListForAsync(Actor, HttpContext.RequestAborted)).Any(m => m.Id == id))
        {
            return Forbid();
        }

        try
        {
            Notice = await change();

            HttpContext.RequestServices.GetService<ChatOps.Core.Conversations.IWorkSignal>()?.OutboxChanged();
        }
        catch (MeetingValidationException ex)
        {
            Refusal = string.Join(" ", ex.Errors.Values.DefaultIfEmpty(ex.Message));
        }

        return RedirectToPage(new { id });
    }
}
