using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;

namespace ChatOps.Core.Reports.Scheduling;

/// <summary>
/// The office's chat command 发送提醒 [周报|季报]: queues the current period's prompt for every liaison who still owes
/// the report, at once (to try the bot out, or to prompt again by hand), and answers with what it did. Office staff
/// only; the scheduled prompts and reminders are left as they are.
/// </summary>
public sealed class PromptNowFeature(ReportScheduler scheduler, ReportCycles cycles) : IConversationFeature
{
    /// <summary>What office staff type (a cycle's name or key may follow: 发送提醒 季报).</summary>
    public static readonly string[] Words = ["发送提醒", "立即提醒", "send-prompts"];

    /// <inheritdoc/>
    public IReadOnlyCollection<string> Dialogs { get; } = [];

    /// <inheritdoc/>
    public async Task<bool> TryHandleAsync(Turn turn, DialogState? state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var said = Commands.Normalize(turn.Said);
        var word = Words.FirstOrDefault(w => said.StartsWith(w, StringComparison.OrdinalIgnoreCase));
        if (word is null)
        {
            return false;
        }

        if (!turn.Person.Roles.HasFlag(Roles.OfficeStaff))
        {
            await turn.ReplyAsync(OutboundMessage.Plain("“发送提醒”仅供办公室人员使用。"), cancellationToken);
            return true;
        }

        var which = said[word.Length..].Trim();
        var cycle = which.Length == 0
            ? cycles.All[0]
            : cycles.All.FirstOrDefault(c => string.Equals(c.Key, which, StringComparison.OrdinalIgnoreCase) || c.Name == which);
        if (cycle is null)
        {
            await turn.ReplyAsync(OutboundMessage.Plain($"没有“{which}”，可用：{string.Join("、", cycles.All.Select(c => c.Name))}。例如：发送提醒 {cycles.All[0].Name}"), cancellationToken);
            return true;
        }

        var run = await scheduler.QueuePromptsNowAsync(turn.Work, cycle, turn.Now, $"chat:{turn.Person.Id}", cancellationToken);
        var text = $"已向 {run.Queued} 名联络员发送{ReportWording.PeriodTitle(cycle, run.Period)}{cycle.Name}填报提醒。" +
                   $"已报送或待审核 {run.Submitted} 个单位，请假免催 {run.Exempt} 个。";
        if (run.Unreachable.Count > 0)
        {
            text += $"\n无法送达（未设联络员或没有可用账号）：{string.Join("、", run.Unreachable)}，请电话通知。";
        }

        await turn.ReplyAsync(OutboundMessage.Plain(text), cancellationToken);
        return true;
    }

    /// <inheritdoc/>
    public Task ContinueAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task CancelAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc/>
    public IEnumerable<string> HelpLines(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.Roles.HasFlag(Roles.OfficeStaff)
            ? ["**发送提醒** [周报|季报]：立即向尚未报送的联络员发送本期填报提醒（定时提醒照常进行）"]
            : [];
    }
}
