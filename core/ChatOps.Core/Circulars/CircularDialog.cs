using System.Globalization;
using System.Text;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;

namespace ChatOps.Core.Circulars;

/// <summary>
/// The office's guided dialog for a circular: kind → title → body → targets (groups, units, roles, everyone; several
/// at once) → 重大事项 (where the kind distinguishes it) → number (the next one suggested, editable) → signer (when
/// several may sign) → summary with 送签/印发, 修改, 取消. The draft lives in the dialog state until confirmed; only then
/// is the circular stored with its number, so an abandoned dialog never consumes a number. Every button's value is also
/// accepted typed, and numbered answers (1, 2, 3) work on channels without buttons.
/// <para>
/// The dialog only asks, parses and shows: who may compose, what a valid title, body, number or signer is, and what
/// sending does are <see cref="CircularService"/>'s; every text is <see cref="CircularText"/>'s. One handler per
/// <see cref="Step"/>: the questions are in <c>CircularDialog.Steps.cs</c>, the targets in <c>CircularDialog.Targets.cs</c>.
/// </para>
/// </summary>
public sealed partial class CircularDialog(CircularService service, CircularKinds kinds, IDirectoryRepository directory)
{
    /// <summary>The compose dialog's name in <see cref="DialogState"/>.</summary>
    public const string Name = "circular";

    /// <summary>The signer's dialog while typing the reason for 退回.</summary>
    public const string ReturnName = "circular-return";

    /// <summary>Longest 退回 comment.</summary>
    public const int MaxCommentLength = 500;

    /// <summary>The steps of the compose dialog; stored lower-case in <see cref="DialogState.Step"/>.</summary>
    private enum Step
    {
        Kind,
        Title,
        Body,
        Targets,
        Groups,
        Units,
        Roles,
        Major,
        Number,
        Signer,
        Confirm,
        Edit,
    }

    /// <summary>通报: starts composing (office staff only; others are refused and the attempt is audited).</summary>
    public async Task StartAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (await service.CheckComposerAsync(ActorOf(turn), turn.Work, turn.Now, cancellationToken) is not null)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(CircularText.ComposeRefused), cancellationToken);
            return;
        }

        await turn.ReplyAsync(OutboundMessage.Plain(CircularText.ComposeStarted), cancellationToken);
        await AskKindAsync(turn, new Draft(), cancellationToken);
    }

    /// <summary>通报 said during an unfinished draft: repeats the current question.</summary>
    public async Task ResumeAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(state);
        var draft = ChatOpsJson.Deserialize<Draft>(state.Data);
        await turn.ReplyAsync(OutboundMessage.Plain(CircularText.ComposeResumed), cancellationToken);
        await AskAsync(turn, ParseStep(state.Step), draft, cancellationToken);
    }

    /// <summary>Continues the compose dialog, or the signer's 退回 comment.</summary>
    public async Task ContinueAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Dialog == ReturnName)
        {
            await ReturnCommentAsync(turn, state, cancellationToken);
            return;
        }

        var draft = ChatOpsJson.Deserialize<Draft>(state.Data);
        var said = Commands.Normalize(turn.Said);
        var task = ParseStep(state.Step) switch
        {
            Step.Kind => KindAsync(turn, draft, said, cancellationToken),
            Step.Title => TitleAsync(turn, draft, turn.Said.Trim(), cancellationToken),
            Step.Body => BodyAsync(turn, draft, turn.Said.Trim(), cancellationToken),
            Step.Targets => TargetMenuAsync(turn, draft, said, cancellationToken),
            Step.Groups => GroupsAsync(turn, draft, said, cancellationToken),
            Step.Units => UnitsAsync(turn, draft, said, cancellationToken),
            Step.Roles => RolesAsync(turn, draft, said, cancellationToken),
            Step.Major => MajorAsync(turn, draft, said, cancellationToken),
            Step.Number => NumberAsync(turn, draft, said, cancellationToken),
            Step.Signer => SignerAsync(turn, draft, said, cancellationToken),
            Step.Confirm => ConfirmAsync(turn, draft, said, cancellationToken),
            Step.Edit => EditAsync(turn, draft, said, cancellationToken),
            _ => ExpiredAsync(turn, cancellationToken),
        };
        await task;
    }

    /// <summary>取消: drops the draft (nothing was stored), or the signer's pending 退回.</summary>
    public async Task CancelAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(state);
        await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(state.Dialog == ReturnName ? CircularText.ReturnCancelled : CircularText.ComposeCancelled), cancellationToken);
    }

    /// <summary>退回 #id pressed by the signer: asks for the reason.</summary>
    public async Task BeginReturnAsync(Turn turn, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (await service.CheckSignerAsync(ActorOf(turn), turn.Work, id, turn.Now, cancellationToken) is { } refusal)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(refusal.ErrorText), cancellationToken);
            return;
        }

        await turn.Work.Dialogs.SaveAsync(new DialogState(turn.Person.Id, ReturnName, "comment", id.ToString(CultureInfo.InvariantCulture), turn.Now), cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(CircularText.AskReturnComment), cancellationToken);
    }

    /// <summary>The acting person of a turn.</summary>
    public static Actor ActorOf(Turn turn) => Actor.Of(turn.Person, $"chat:{turn.Message.Channel}");

    private async Task ReturnCommentAsync(Turn turn, DialogState state, CancellationToken cancellationToken)
    {
        var comment = turn.Said.Trim();
        if (comment.Length == 0 || comment.Length > MaxCommentLength)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(comment.Length == 0
                ? CircularText.ReturnCommentEmpty
                : CircularText.ReturnCommentTooLong(MaxCommentLength, comment.Length)), cancellationToken);
            return;
        }

        await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        var outcome = await service.ReturnAsync(ActorOf(turn), turn.Work, long.Parse(state.Data, CultureInfo.InvariantCulture), comment, turn.Now, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(outcome.Succeeded ? outcome.Notice! : outcome.ErrorText), cancellationToken);
    }

    private Task AskAsync(Turn turn, Step? step, Draft draft, CancellationToken cancellationToken) => step switch
    {
        Step.Kind => AskKindAsync(turn, draft, cancellationToken),
        Step.Title => AskTitleAsync(turn, draft, cancellationToken),
        Step.Body => AskBodyAsync(turn, draft, cancellationToken),
        Step.Groups or Step.Units or Step.Roles or Step.Targets => AskTargetsAsync(turn, draft, null, cancellationToken),
        Step.Major => AskMajorAsync(turn, draft, cancellationToken),
        Step.Number => AskNumberAsync(turn, draft, null, cancellationToken),
        Step.Signer => AskSignerAsync(turn, draft, cancellationToken),
        _ => ShowSummaryAsync(turn, draft, cancellationToken),
    };

    private static async Task ExpiredAsync(Turn turn, CancellationToken cancellationToken)
    {
        await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(CircularText.ComposeExpired), cancellationToken);
    }

    private static Step? ParseStep(string step) => Enum.TryParse<Step>(step, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;

    private static Task SaveAsync(Turn turn, Step step, Draft draft, CancellationToken cancellationToken) =>
        turn.Work.Dialogs.SaveAsync(new DialogState(turn.Person.Id, Name, step.ToString().ToLowerInvariant(), ChatOpsJson.Serialize(draft), turn.Now), cancellationToken);

    /// <summary>The value of the choice <paramref name="said"/> names: by value, label or 1-based position.</summary>
    private static string? Pick(string said, IReadOnlyList<Choice> choices) =>
        choices.FirstOrDefault(c => c.Value == said || c.Label == said)?.Value
        ?? (ParseIndex(said, choices.Count) is { } i ? choices[i].Value : null);

    private static int? ParseIndex(string said, int count)
    {
        var s = said.Normalize(NormalizationForm.FormKC).Trim();
        return int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= count ? n - 1 : null;
    }

    private static Choice Button(string label) => new(label, label);

    /// <summary>The dialog's data, stored as JSON in the dialog state.</summary>
    internal sealed class Draft
    {
        public string? Kind { get; set; }

        public string? Title { get; set; }

        public string? Body { get; set; }

        public List<CircularTarget> Targets { get; set; } = [];

        public bool Major { get; set; }

        public string? SuggestedNumber { get; set; }

        public string? Number { get; set; }

        public string? SignerId { get; set; }

        public List<string>? SignerChoices { get; set; }

        public bool Editing { get; set; }
    }
}
