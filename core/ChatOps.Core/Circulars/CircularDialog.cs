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
    : TypedDialog<CircularDialog.Draft>
{
    /// <summary>The compose dialog's name in <see cref="DialogState"/>.</summary>
    public const string Name = "circular";

    /// <inheritdoc/>
    protected override string DialogName => Name;

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
        if (await service.CheckComposerAsync(turn.Actor, turn.Work, turn.Now, cancellationToken) is not null)
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
        await turn.ReplyAsync(OutboundMessage.Plain(CircularText.ComposeResumed), cancellationToken);
        await AskAsync(turn, ParseStep(state), Load(state), cancellationToken);
    }

    /// <summary>Continues the compose dialog: the handler of the step the person is at.</summary>
    public async Task ContinueAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var draft = Load(state);
        var said = Commands.Normalize(turn.Said);
        var task = ParseStep(state) switch
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

    /// <summary>取消: drops the draft (nothing was stored).</summary>
    public async Task CancelAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        await ClearAsync(turn, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(CircularText.ComposeCancelled), cancellationToken);
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
        await ClearAsync(turn, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(CircularText.ComposeExpired), cancellationToken);
    }

    private static Step? ParseStep(DialogState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Enum.TryParse<Step>(state.Step, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
    }

    private Task SaveAsync(Turn turn, Step step, Draft draft, CancellationToken cancellationToken) =>
        SaveAsync(turn, step.ToString().ToLowerInvariant(), draft, cancellationToken);

    /// <summary>The value of the choice <paramref name="said"/> names: by value, label or 1-based position.</summary>
    private static string? Pick(string said, IReadOnlyList<Choice> choices) =>
        Prompt.ReadChoice(said, choices) is { } i ? choices[i].Value : null;

    private static Choice Button(string label) => new(label, label);

    /// <summary>The dialog's data, stored as JSON in the dialog state.</summary>
    public sealed class Draft
    {
        /// <summary>The kind's key.</summary>
        public string? Kind { get; set; }

        /// <summary>The title.</summary>
        public string? Title { get; set; }

        /// <summary>The body as typed.</summary>
        public string? Body { get; set; }

        /// <summary>The targets chosen so far.</summary>
        public List<CircularTarget> Targets { get; set; } = [];

        /// <summary>重大事项.</summary>
        public bool Major { get; set; }

        /// <summary>The number last suggested.</summary>
        public string? SuggestedNumber { get; set; }

        /// <summary>The number chosen.</summary>
        public string? Number { get; set; }

        /// <summary>The signer chosen (or the only candidate).</summary>
        public string? SignerId { get; set; }

        /// <summary>The candidates offered when several may sign.</summary>
        public List<string>? SignerChoices { get; set; }

        /// <summary>True while changing one part from the summary (the answer returns to the summary).</summary>
        public bool Editing { get; set; }
    }
}
