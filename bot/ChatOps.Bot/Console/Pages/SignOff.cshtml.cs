using ChatOps.Core.Circulars;
using Microsoft.AspNetCore.Mvc;

namespace ChatOps.Bot.OfficeConsole.Pages;

/// <summary>
/// 签发: the circulars waiting for the signed-in person's sign-off (the office head, or the group leader for major
/// ones), each with its text, targets and attachments as they will go out; 签发 issues it at once, 退回 returns it to
/// the composer with a comment. <see cref="CircularService"/> decides who may sign which circular.
/// </summary>
public sealed class SignOffModel(CircularService circulars, CircularKinds kinds, IUnitOfWorkFactory works, TimeProvider time) : ConsolePageModel
{
    public IReadOnlyList<(Circular Circular, IReadOnlyList<CircularAttachment> Attachments)> Pending { get; private set; } = [];

    /// <summary>A refusal of the last change (shown once).</summary>
    [TempData]
    public string? Refusal { get; set; }

    public string KindName(string key) => kinds.Get(key).Name;

    public async Task OnGetAsync()
    {
        await using var work = await works.BeginAsync(HttpContext.RequestAborted);
        var store = circulars.Store(work);
        var pending = new List<(Circular, IReadOnlyList<CircularAttachment>)>();
        foreach (var c in (await store.ListRecentAsync(500, HttpContext.RequestAborted)).Where(c => c.Status == CircularStatus.PendingSignOff && c.SignerId == Me.Id))
        {
            pending.Add((c, await store.ListAttachmentsAsync(c.Id, HttpContext.RequestAborted)));
        }

        Pending = pending;
    }

    public Task<IActionResult> OnPostSignAsync(long id) => DecideAsync((work, now) => circulars.SignAsync(Actor, work, id, now, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostReturnAsync(long id, string? comment) =>
        DecideAsync((work, now) => circulars.ReturnAsync(Actor, work, id, comment ?? "", now, HttpContext.RequestAborted));

    private async Task<IActionResult> DecideAsync(Func<IUnitOfWork, DateTimeOffset, Task<CircularOutcome>> decide)
    {
        var now = time.GetUtcNow();
        await using var work = await works.BeginAsync(HttpContext.RequestAborted);
        var outcome = await decide(work, now);
        if (outcome.Succeeded)
        {
            await work.CommitAsync(HttpContext.RequestAborted);
            HttpContext.RequestServices.GetService<IWorkSignal>()?.OutboxChanged();
            Notice = outcome.Notice;
        }
        else
        {
            Refusal = outcome.ErrorText;
        }

        return RedirectToPage();
    }
}
