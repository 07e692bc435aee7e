using ChatOps.Core.Attachments;

namespace ChatOps.Core.Reports;

/// <summary>
/// Pictures and files during 填报: sent at any step once the report is open, they are attached to the report (its draft
/// and every submission after it) and listed in the summary; 删除附件 removes one. The step in progress stays as it was
/// (its card still answers), so several photos in a row get one short acknowledgement each.
/// </summary>
public sealed partial class ReportDialog
{
    private const string StepDeleteAttachment = "delete-attachment";

    private async Task AttachAsync(Turn turn, string step, Draft draft, CancellationToken cancellationToken)
    {
        if (draft.ReportId is not { } reportId || step is StepChoose or StepConfirmRevise or StepConflict)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(step == StepChoose ? AttachmentText.ChooseReportFirst : ReportText.AttachAfterStep), cancellationToken);
            return;
        }

        var outcome = await attachments.AttachAsync(turn, AttachmentOwners.Report, reportId, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(outcome.Message), cancellationToken);
    }

    private async Task<IReadOnlyList<StoredAttachment>> ListAttachmentsAsync(Turn turn, Draft draft, CancellationToken cancellationToken) =>
        draft.ReportId is not { } id ? [] : await attachments.ListAsync(turn.Work, AttachmentOwners.Report, id, cancellationToken);

    private static IEnumerable<Choice> DeleteAttachmentChoice(IReadOnlyList<StoredAttachment> files) =>
        files.Count == 0 ? [] : [new Choice(AttachmentText.DeleteChoice, AttachmentText.DeleteChoice)];

    private async Task AskDeleteAttachmentAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        var files = await ListAttachmentsAsync(turn, draft, cancellationToken);
        if (files.Count == 0)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(AttachmentText.NothingToDelete), cancellationToken);
            await ShowSummaryAsync(turn, draft, cancellationToken);
            return;
        }

        await SaveAsync(turn, StepDeleteAttachment, draft, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Ask(AttachmentText.AskDelete,
            [.. files.Select((f, i) => new Choice(AttachmentText.Describe(f), (i + 1).ToString(CultureInfo.InvariantCulture)))]), cancellationToken);
    }

    private async Task DeleteAttachmentAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        var files = await ListAttachmentsAsync(turn, draft, cancellationToken);
        if (ParseChoice(turn.Said, files.Count) is not { } index)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(Prompt.ChooseBetween(files.Count, ReportText.ChooseAttachmentToDelete)), cancellationToken);
            return;
        }

        await turn.ReplyAsync(OutboundMessage.Plain((await attachments.DeleteAsync(turn, AttachmentOwners.Report, draft.ReportId!.Value, index + 1, cancellationToken))!),
            cancellationToken);
        await ShowSummaryAsync(turn, draft, cancellationToken);
    }
}
