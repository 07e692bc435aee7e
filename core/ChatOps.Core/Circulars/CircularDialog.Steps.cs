namespace ChatOps.Core.Circulars;

/// <summary>The compose dialog's questions other than the targets: kind, title, body, 重大事项, number, signer, summary, edit, send.</summary>
public sealed partial class CircularDialog
{
    private async Task AskKindAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        await SaveAsync(turn, Step.Kind, draft, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Ask(CircularText.AskKind, [.. KindChoices()]), cancellationToken);
    }

    /// <summary>
    /// The kinds as buttons whose values are their positions: a kind's name is also another feature's command (通报
    /// starts this dialog, 工作专报 asks for the bulletin), and commands are heard before the dialog.
    /// </summary>
    private IEnumerable<Choice> KindChoices() => kinds.All.Select((k, i) => new Choice(k.Name, (i + 1).ToString(CultureInfo.InvariantCulture)));

    private async Task KindAsync(Turn turn, Draft draft, string said, CancellationToken cancellationToken)
    {
        var kind = kinds.Find(said);
        if (kind is null)
        {
            await turn.ReplyAsync(OutboundMessage.Ask(CircularText.ChooseKind(kinds.All), [.. KindChoices()]), cancellationToken);
            return;
        }

        draft.Kind = kind.Key;
        await AskTitleAsync(turn, draft, cancellationToken);
    }

    private async Task AskTitleAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        await SaveAsync(turn, Step.Title, draft, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(CircularText.AskTitle(kinds.Get(draft.Kind!))), cancellationToken);
    }

    private async Task TitleAsync(Turn turn, Draft draft, string title, CancellationToken cancellationToken)
    {
        if (CircularService.CheckTitle(title) is { } problem)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(CircularText.AskAgain(problem)), cancellationToken);
            return;
        }

        draft.Title = title;
        await (draft.Editing ? ShowSummaryAsync(turn, draft, cancellationToken) : AskBodyAsync(turn, draft, cancellationToken));
    }

    private async Task AskBodyAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        await SaveAsync(turn, Step.Body, draft, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(CircularText.AskBody()), cancellationToken);
    }

    private async Task BodyAsync(Turn turn, Draft draft, string body, CancellationToken cancellationToken)
    {
        if (CircularService.CheckBody(body) is { } problem)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(CircularText.AskAgain(problem)), cancellationToken);
            return;
        }

        draft.Body = body;
        await (draft.Editing ? ShowSummaryAsync(turn, draft, cancellationToken) : AskTargetsAsync(turn, draft, null, cancellationToken));
    }

    private async Task AskMajorAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        await SaveAsync(turn, Step.Major, draft, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Ask(CircularText.AskMajor(kinds.Get(draft.Kind!)),
            Button(CircularText.OrdinaryChoice), Button(CircularText.MajorChoice)), cancellationToken);
    }

    private async Task MajorAsync(Turn turn, Draft draft, string said, CancellationToken cancellationToken)
    {
        switch (Pick(said, [Button(CircularText.OrdinaryChoice), Button(CircularText.MajorChoice)]))
        {
            case CircularText.OrdinaryChoice:
                draft.Major = false;
                break;
            case CircularText.MajorChoice:
                draft.Major = true;
                break;
            default:
                await AskMajorAsync(turn, draft, cancellationToken);
                return;
        }

        draft.SignerId = null;
        await (draft.Editing ? AskSignerAsync(turn, draft, cancellationToken) : AskNumberAsync(turn, draft, null, cancellationToken));
    }

    private async Task AskNumberAsync(Turn turn, Draft draft, string? lead, CancellationToken cancellationToken)
    {
        draft.SuggestedNumber = await service.SuggestNumberAsync(turn.Work, kinds.Get(draft.Kind!), turn.Now, cancellationToken);
        await SaveAsync(turn, Step.Number, draft, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Ask((lead is null ? "" : lead + "\n") + CircularText.AskNumber(draft.SuggestedNumber),
            new Choice(CircularText.UseNumberChoice, CircularText.UseNumberValue)), cancellationToken);
    }

    private async Task NumberAsync(Turn turn, Draft draft, string said, CancellationToken cancellationToken)
    {
        var number = said is CircularText.UseNumberValue or "1" or CircularText.UseNumberChoice or "好" or "好的"
            ? draft.SuggestedNumber!
            : CircularNumbering.Normalize(said);
        if (await service.CheckNumberAsync(turn.Work, kinds.Get(draft.Kind!), number, null, turn.Now, cancellationToken) is { } problem)
        {
            await AskNumberAsync(turn, draft, problem, cancellationToken);
            return;
        }

        draft.Number = number;
        await (draft.Editing ? ShowSummaryAsync(turn, draft, cancellationToken) : AskSignerAsync(turn, draft, cancellationToken));
    }

    private async Task AskSignerAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        var kind = kinds.Get(draft.Kind!);
        var rule = kind.RuleFor(draft.Major);
        draft.SignerId = null;
        if (rule == SignOffBy.None)
        {
            await ShowSummaryAsync(turn, draft, cancellationToken);
            return;
        }

        var candidates = await service.SignerCandidatesAsync(kind, draft.Major, cancellationToken);
        if (candidates.Count == 0)
        {
            await ClearAsync(turn, cancellationToken);
            await turn.ReplyAsync(OutboundMessage.Plain(CircularText.NobodyToSignDropped(kind, rule)), cancellationToken);
            return;
        }

        if (candidates.Count == 1)
        {
            draft.SignerId = candidates[0].Id;
            await ShowSummaryAsync(turn, draft, cancellationToken);
            return;
        }

        draft.SignerChoices = [.. candidates.Select(p => p.Id)];
        await SaveAsync(turn, Step.Signer, draft, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Ask(CircularText.AskSigner(rule),
            [.. candidates.Select(p => new Choice(CircularText.SignerLabel(p), p.Name))]), cancellationToken);
    }

    private async Task SignerAsync(Turn turn, Draft draft, string said, CancellationToken cancellationToken)
    {
        var snapshot = await directory.LoadAsync(cancellationToken);
        var candidates = (draft.SignerChoices ?? []).Select(id => snapshot.People.FirstOrDefault(p => p.Id == id)).OfType<Person>().ToList();
        var chosen = Prompt.ReadNumber(said, candidates.Count) is { } i ? candidates[i] : candidates.FirstOrDefault(p => p.Name == said || p.Id == said);
        if (chosen is null)
        {
            await AskSignerAsync(turn, draft, cancellationToken);
            return;
        }

        draft.SignerId = chosen.Id;
        await ShowSummaryAsync(turn, draft, cancellationToken);
    }

    private async Task ShowSummaryAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        var kind = kinds.Get(draft.Kind!);
        var snapshot = await directory.LoadAsync(cancellationToken);
        var signer = draft.SignerId is { } s ? snapshot.People.FirstOrDefault(p => p.Id == s) : null;
        var distribution = TargetResolver.Resolve(draft.Targets, snapshot, [turn.Person.Id, draft.SignerId]);
        draft.Editing = false;
        await SaveAsync(turn, Step.Confirm, draft, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Markdown(CircularText.Summary(kind, draft.Number!, draft.Title!, draft.Body!,
            TargetResolver.Describe(draft.Targets, snapshot), distribution.Recipients.Count, distribution.Notes, signer, kind.RuleFor(draft.Major), draft.Major),
            CircularText.SummaryTitle(kind)), cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Card(CircularText.ConfirmTitle, CircularText.ConfirmText(signer), [.. ConfirmChoices(draft)]), cancellationToken);
    }

    private static List<Choice> ConfirmChoices(Draft draft) =>
        [Button(draft.SignerId is null ? CircularText.IssueChoice : CircularText.SignOffChoice), Button(CircularText.EditChoice), Button(CircularText.CancelChoice)];

    private async Task ConfirmAsync(Turn turn, Draft draft, string said, CancellationToken cancellationToken)
    {
        switch (Pick(said, ConfirmChoices(draft)) ?? said)
        {
            case CircularText.IssueChoice or CircularText.SignOffChoice or "发送":
                await SendAsync(turn, draft, cancellationToken);
                return;
            case CircularText.EditChoice:
                await SaveAsync(turn, Step.Edit, draft, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Ask(CircularText.AskEdit, [.. EditChoices(draft)]), cancellationToken);
                return;
            default:
                await turn.ReplyAsync(OutboundMessage.Ask(CircularText.ConfirmAgain(ConfirmChoices(draft)[0].Value), [.. ConfirmChoices(draft)]), cancellationToken);
                return;
        }
    }

    private List<Choice> EditChoices(Draft draft)
    {
        var choices = new List<Choice> { Button(CircularText.EditTitle), Button(CircularText.EditBody), Button(CircularText.EditTargets), Button(CircularText.EditNumber) };
        if (kinds.Get(draft.Kind!).MajorSignOff is not null)
        {
            choices.Add(Button(CircularText.EditMajor));
        }

        if (draft.SignerChoices is { Count: > 1 })
        {
            choices.Add(Button(CircularText.EditSigner));
        }

        return choices;
    }

    private async Task EditAsync(Turn turn, Draft draft, string said, CancellationToken cancellationToken)
    {
        draft.Editing = true;
        var task = Pick(said, EditChoices(draft)) switch
        {
            CircularText.EditTitle => AskTitleAsync(turn, draft, cancellationToken),
            CircularText.EditBody => AskBodyAsync(turn, draft, cancellationToken),
            CircularText.EditTargets => AskTargetsAsync(turn, draft, null, cancellationToken),
            CircularText.EditNumber => AskNumberAsync(turn, draft, null, cancellationToken),
            CircularText.EditMajor => AskMajorAsync(turn, draft, cancellationToken),
            CircularText.EditSigner => AskSignerAsync(turn, draft, cancellationToken),
            _ => null,
        };
        if (task is null)
        {
            draft.Editing = false;
            await turn.ReplyAsync(OutboundMessage.Ask(CircularText.AskEdit, [.. EditChoices(draft)]), cancellationToken);
            return;
        }

        await task;
    }

    private async Task SendAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        var sent = await service.ComposeAndSendAsync(turn.Actor, turn.Work,
            new CircularDraft(draft.Kind!, draft.Title!, draft.Body!, draft.Targets, draft.Number, draft.Major, draft.SignerId), turn.Now, cancellationToken);
        if (!sent.Succeeded)
        {
            if (sent.Errors.FirstOrDefault(e => e.Field == "number") is { } number)
            {
                draft.Editing = true;
                await AskNumberAsync(turn, draft, number.Message, cancellationToken);
                return;
            }

            await turn.ReplyAsync(OutboundMessage.Plain(CircularText.SendRefused(sent.ErrorText)), cancellationToken);
            return;
        }

        await ClearAsync(turn, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(sent.Notice + CircularText.SentFollowUp(sent.Circular!.Id, sent.Issued is not null, sent.Issued?.Notes ?? [])), cancellationToken);
    }
}
