namespace ChatOps.Core.Reports.Scheduling;

/// <summary>
/// The office's chat commands 发送提醒 [周报|季报] (the open period's prompt, at once) and 催报 [周报|季报] (the overdue
/// notice of the period just closed, to the units that have not submitted it). Each first says how many units' liaisons
/// will receive what and asks for a confirmation; only 确认 sends. Office staff only; the scheduled prompts and
/// reminders are left as they are. 催报 is <see cref="Overview.ReportChasing"/>'s, the console's 催报 rule; this dialog
/// only asks which period (the one that closed last) and for the confirmation.
/// </summary>
public sealed class PromptNowFeature(ReportScheduler scheduler, ReportCycles cycles, Overview.ReportChasing chasing) : TypedDialog<PromptNowFeature.Pending>, IConversationFeature
{
    /// <summary>The confirmation dialog's name.</summary>
    public const string Name = "office-send";

    /// <summary>What office staff type for 发送提醒 (a cycle's name or key may follow: 发送提醒 季报).</summary>
    public static readonly string[] Words = ["发送提醒", "立即提醒", "send-prompts"];

    /// <summary>What office staff type for 催报.</summary>
    public static readonly string[] ChaseWords = ["催报", "chase"];

    private const string StepConfirm = "confirm";

    /// <inheritdoc/>
    public IReadOnlyCollection<string> Dialogs { get; } = [Name];

    /// <inheritdoc/>
    protected override string DialogName => Name;

    /// <inheritdoc/>
    public async Task<bool> TryHandleAsync(Turn turn, DialogState? state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var said = Commands.Normalize(turn.Said);
        var (word, kind) = Words.FirstOrDefault(w => IsCommand(said, w)) is { } p
            ? (p, ManualSend.Prompt)
            : (ChaseWords.FirstOrDefault(w => IsCommand(said, w)), ManualSend.Chase);
        if (word is null || (state is not null && !turn.Person.Roles.HasFlag(Roles.OfficeStaff)))
        {
            return false; // not ours, or a liaison's answer in a dialog that happens to read "催报"
        }

        if (!turn.Person.Roles.HasFlag(Roles.OfficeStaff))
        {
            await turn.ReplyAsync(OutboundMessage.Plain(kind == ManualSend.Prompt ? ReportText.PromptOfficeOnly : ReportText.ChaseOfficeOnly), cancellationToken);
            return true;
        }

        var which = said[word.Length..].Trim();
        var cycle = which.Length == 0
            ? cycles.All[0]
            : cycles.All.FirstOrDefault(c => string.Equals(c.Key, which, StringComparison.OrdinalIgnoreCase) || c.Name == which);
        if (cycle is null)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(ReportText.UnknownCycle(word, which, cycles.All)), cancellationToken);
            return true;
        }

        var preview = kind == ManualSend.Prompt ? await scheduler.PreviewAsync(turn.Work, cycle, kind, turn.Now, cancellationToken)
            : scheduler.ManualPeriod(cycle, kind, turn.Now) is { } closed ? await chasing.PreviewPeriodAsync(turn.Work, cycle, closed, turn.Now, cancellationToken)
            : null;
        if (preview is not { Reachable: > 0 })
        {
            await turn.ReplyAsync(OutboundMessage.Plain(ReportText.NothingToSend(preview, cycle)), cancellationToken);
            return true;
        }

        await SaveAsync(turn, StepConfirm, new Pending { Kind = kind, Cycle = cycle.Key, Period = preview.Period.Key }, cancellationToken);
        await turn.ReplyAsync(Prompt.Confirm(ReportText.ConfirmSend(preview)), cancellationToken);
        return true;
    }

    /// <inheritdoc/>
    public async Task ContinueAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var pending = Load(state);
        switch (Prompt.ReadConfirm(turn.Said))
        {
            case null:
                await turn.ReplyAsync(Prompt.Confirm(ConversationText.ConfirmOrNot), cancellationToken);
                return;
            case false:
                await ClearAsync(turn, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Plain(ReportText.NotSent), cancellationToken);
                return;
        }

        await ClearAsync(turn, cancellationToken);
        var cycle = cycles.Get(pending.Cycle);
        if (scheduler.ManualPeriod(cycle, pending.Kind, turn.Now) is not { } period || period.Key != pending.Period)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(ReportText.PeriodMoved), cancellationToken);
            return;
        }

        var by = $"chat:{turn.Person.Id}";
        var run = pending.Kind == ManualSend.Prompt
            ? await scheduler.QueuePromptsNowAsync(turn.Work, cycle, turn.Now, by, cancellationToken)
            : await chasing.ChasePeriodAsync(turn.Work, turn.Actor, cycle, period, turn.Now, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(ReportText.Sent(pending.Kind, run!)), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task CancelAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default)
    {
        await ClearAsync(turn, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(ReportText.NotSent), cancellationToken);
    }

    /// <inheritdoc/>
    public IEnumerable<string> HelpLines(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.Roles.HasFlag(Roles.OfficeStaff)
            ? [ReportText.PromptHelp, ReportText.ChaseHelp]
            : [];
    }

    /// <summary>The command alone or followed by a space and a cycle ("催报 季报"); not a sentence that starts with it.</summary>
    private static bool IsCommand(string said, string word) =>
        string.Equals(said, word, StringComparison.OrdinalIgnoreCase) ||
        ((said.StartsWith(word + " ", StringComparison.OrdinalIgnoreCase) || said.StartsWith(word + "\u3000", StringComparison.OrdinalIgnoreCase)) && !said.Contains('\n'));

    /// <summary>The send waiting for its confirmation.</summary>
    public sealed class Pending
    {
        /// <summary>发送提醒 or 催报.</summary>
        public ManualSend Kind { get; set; }

        /// <summary>The cycle's key.</summary>
        public string Cycle { get; set; } = "";

        /// <summary>The period the confirmation named.</summary>
        public string Period { get; set; } = "";
    }
}
