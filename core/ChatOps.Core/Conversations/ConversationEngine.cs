namespace ChatOps.Core.Conversations;

/// <summary>
/// Handles one stored inbound message: finds the person, runs the command or the dialog step, and commits the dialog
/// state, the domain change, the replies and the inbox mark in one transaction. Channel-neutral: WeCom, Bot Framework
/// and the local web chat all feed it <see cref="InboxItem"/>s.
/// </summary>
public sealed class ConversationEngine(
    IUnitOfWorkFactory work,
    IDirectoryRepository directory,
    IEnumerable<IConversationFeature> features,
    RecipientRouter router,
    TimeProvider time,
    ILogger<ConversationEngine> logger,
    IEnumerable<IInboxPreparation>? preparations = null)
{
    /// <summary>Handles the message and marks it processed, all in one transaction.</summary>
    public async Task HandleAsync(InboxItem item, CancellationToken cancellationToken = default)
    {
        await PrepareAsync([item], cancellationToken);
        var now = time.GetUtcNow();
        var person = (await FindSendersAsync([item], cancellationToken))[0];
        await using var uow = await work.BeginAsync(cancellationToken);
        await TurnAsync(uow, item, person, now, cancellationToken);
        await uow.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Handles several inbox messages, in order, sharing units of work: one commit (on SQLite one fsync) for many turns
    /// instead of one each. A unit of work is committed once it has held the write lock for <see cref="MaxBatchHold"/>,
    /// or at once when an inbox acknowledgement waits for that lock (<see cref="IUnitOfWorkSavepoints.OthersWaiting"/>),
    /// and the next turns go in a new one. A turn that throws is undone alone and returned with its error (the caller
    /// records it), while the others commit: the turns run without savepoints (on a server database each one is a round
    /// trip), and when one throws, its unit of work is rolled back whole and its turns run again, those up to the one
    /// that threw each after a savepoint that undoes it alone. Should a unit of work fail as a whole (begin, rollback or
    /// commit), its turns are handled one by one. Without savepoints in the store, every message is handled one by one.
    /// Throws only when cancelled.
    /// </summary>
    public async Task<IReadOnlyList<(InboxItem Item, Exception Error)>> HandleBatchAsync(IReadOnlyList<InboxItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        await PrepareAsync(items, cancellationToken);
        Person?[] senders;
        try
        {
            senders = await FindSendersAsync(items, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "The senders of {Count} messages could not be looked up together; handling them one by one", items.Count);
            return await OneByOneAsync(items, cancellationToken);
        }

        var failures = new List<(InboxItem, Exception)>();
        var next = 0;
        var carefulUntil = 0; // turns before it take a savepoint each: those of a unit of work in which one threw, up to that one
        while (next < items.Count)
        {
            var first = next;
            var end = first; // the exclusive end of the items this unit of work has touched
            var chunkFailures = new List<(InboxItem, Exception)>();
            try
            {
                await using var uow = await work.BeginAsync(cancellationToken);
                if (uow is not IUnitOfWorkSavepoints savepoints)
                {
                    break;
                }

                var started = time.GetTimestamp();
                var threw = false;
                do
                {
                    end = next + 1;
                    if (next < carefulUntil)
                    {
                        await CarefulTurnAsync(uow, savepoints, items[next], senders[next], next, chunkFailures, cancellationToken);
                    }
                    else
                    {
                        try
                        {
                            await TurnAsync(uow, items[next], senders[next], time.GetUtcNow(), cancellationToken);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                        {
                            threw = true; // the unit of work is rolled back as it is disposed; its turns run again
                            carefulUntil = next + 1;
                            break;
                        }
                    }

                    next++;
                }
                while (next < items.Count && time.GetElapsedTime(started) < MaxBatchHold && !savepoints.OthersWaiting);

                if (threw)
                {
                    next = first;
                    continue;
                }

                await uow.CommitAsync(cancellationToken);
                failures.AddRange(chunkFailures);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                end = Math.Max(end, first + 1);
                logger.LogWarning(ex, "A shared unit of work for {Count} turns failed; handling them one by one", end - first);
                failures.AddRange(await OneByOneAsync(items.Skip(first).Take(end - first), cancellationToken));
                next = end;
            }
        }

        failures.AddRange(await OneByOneAsync(items.Skip(next), cancellationToken));
        return failures;
    }

    /// <summary>A turn after a savepoint: when it throws, only it is undone, and its error is added to <paramref name="failures"/>.</summary>
    private async Task CarefulTurnAsync(
        IUnitOfWork uow, IUnitOfWorkSavepoints savepoints, InboxItem item, Person? sender, int index,
        List<(InboxItem, Exception)> failures, CancellationToken cancellationToken)
    {
        var savepoint = "turn" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await savepoints.SaveAsync(savepoint, cancellationToken);
        try
        {
            await TurnAsync(uow, item, sender, time.GetUtcNow(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await savepoints.RollbackToAsync(savepoint, cancellationToken);
            failures.Add((item, ex));
        }
    }

    /// <summary>How long one shared unit of work of <see cref="HandleBatchAsync"/> may hold the write lock before it commits.</summary>
    public static TimeSpan MaxBatchHold { get; } = TimeSpan.FromMilliseconds(10);

    private async Task<List<(InboxItem, Exception)>> OneByOneAsync(IEnumerable<InboxItem> items, CancellationToken cancellationToken)
    {
        var failures = new List<(InboxItem, Exception)>();
        foreach (var item in items)
        {
            try
            {
                await HandleAsync(item, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures.Add((item, ex));
            }
        }

        return failures;
    }

    /// <summary>
    /// What the messages need before their turns, outside any transaction (their attachments fetched): only for
    /// messages that carry some, so text turns pay nothing.
    /// </summary>
    private async Task PrepareAsync(IReadOnlyList<InboxItem> items, CancellationToken cancellationToken)
    {
        if (preparations is null || !items.Any(i => i.Message.HasAttachments))
        {
            return;
        }

        foreach (var preparation in preparations)
        {
            await preparation.PrepareAsync(items, cancellationToken);
        }
    }

    /// <summary>
    /// The senders of the messages, looked up before their units of work: one look-up for those stored with their person
    /// id and one per channel for the others (and one more for those not found whose channel gave another id), instead of
    /// one per turn. A turn reads its sender outside its transaction either way, so a turn sees the directory as it was
    /// before the batch's units of work.
    /// </summary>
    private async Task<Person?[]> FindSendersAsync(IReadOnlyList<InboxItem> items, CancellationToken cancellationToken)
    {
        var senders = new Person?[items.Count];
        var all = Enumerable.Range(0, items.Count).ToList();
        await FindAsync(senders, all.Where(i => items[i].PersonId is not null), i => items[i].PersonId!, channel: null, cancellationToken);
        foreach (var channel in all.Where(i => items[i].PersonId is null).GroupBy(i => items[i].Message.Channel, StringComparer.Ordinal))
        {
            await FindAsync(senders, channel, i => items[i].Message.SenderId, channel.Key, cancellationToken);
            await FindAsync(senders, channel.Where(i => senders[i] is null && items[i].Message.AlternateSenderId is not null),
                i => items[i].Message.AlternateSenderId!, channel.Key, cancellationToken);
        }

        return senders;
    }

    /// <summary>Looks up the senders at <paramref name="indices"/> by <paramref name="key"/>: person ids, or identities on <paramref name="channel"/>.</summary>
    private async Task FindAsync(Person?[] senders, IEnumerable<int> indices, Func<int, string> key, string? channel, CancellationToken cancellationToken)
    {
        var asked = indices.ToList();
        if (asked.Count == 0)
        {
            return;
        }

        string[] keys = [.. asked.Select(key)];
        var people = channel is null
            ? await directory.FindPeopleAsync(keys, cancellationToken)
            : await directory.FindByIdentitiesAsync(channel, keys, cancellationToken);
        for (var k = 0; k < asked.Count; k++)
        {
            senders[asked[k]] = people[k];
        }
    }

    /// <summary>
    /// One turn, judged at the moment its message was received (stored, and so acknowledged, before the channel was
    /// answered): a 收到 or 提交 said before a deadline counts before it, however long the message waited for the engine
    /// (a busy hour, a restart, a database that was down). The inbox row is marked with the time it was handled,
    /// <paramref name="now"/>.
    /// </summary>
    private async Task TurnAsync(IUnitOfWork uow, InboxItem item, Person? person, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var span = Operations.ChatOpsTelemetry.StartTurn(item); // the replies it queues carry this span's context
        var message = item.Message;
        var judgedAt = message.ReceivedAt < now ? message.ReceivedAt : now;
        if (person is null)
        {
            logger.LogWarning("Message from unknown sender {Sender} on {Channel}", message.SenderId, message.Channel);
            await uow.Outbox.EnqueueAsync(new OutboxItem(0, message.Channel, message.SenderId, null, null,
                OutboundMessage.Plain(ConversationText.UnknownSender), null, judgedAt), cancellationToken);
        }
        else
        {
            var before = await uow.Dialogs.GetAsync(person.Id, cancellationToken);
            var turn = new Turn(uow, person, before is null ? await AnswerLastCardAsync(uow, person, message, judgedAt, cancellationToken) : message, judgedAt, router);
            await DispatchAsync(turn, before, cancellationToken);
            await CompleteAsync(turn, before, cancellationToken);
        }

        await uow.MarkInboxProcessedAsync(item.Id, now, cancellationToken);
    }

    /// <summary>
    /// Outside a dialog (a dialog step reads its own numbers), what answers the person's last card — a bare number, a
    /// choice's label or value (<see cref="LastCard.Answer"/>) — becomes that card's button press: the choice's value,
    /// which the feature that sent the card recognises, exactly as a click on a channel with buttons. The card is used
    /// up; anything else leaves it for later.
    /// </summary>
    private async Task<InboundMessage> AnswerLastCardAsync(IUnitOfWork uow, Person person, InboundMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var said = message.Said;
        if (said.Length is 0 or > LastCard.MaxAnswerLength
            || await uow.LastCards.FindAsync(person.Id, cancellationToken) is not { } card
            || card.Answer(said, now) is not { } choice)
        {
            return message;
        }

        await uow.LastCards.ClearAsync(person.Id, cancellationToken);
        logger.LogDebug("{Person} answered their last card with {Said}: {Value}", person.Id, said, choice.Value);
        return message with { Text = null, Action = choice.Value };
    }

    /// <summary>
    /// Stores the turn's held replies and records which card asks the person's step now: the turn's last card when the
    /// person is in a dialog afterwards; none when the step changed without one; unchanged when the turn left the dialog
    /// alone (状态, 帮助 in the middle of a report).
    /// </summary>
    private static async Task CompleteAsync(Turn turn, DialogState? before, CancellationToken cancellationToken)
    {
        var after = await turn.Work.Dialogs.GetAsync(turn.Person.Id, cancellationToken);
        var cardId = await turn.CompleteAsync(after is not null, cancellationToken);
        if (after is not null && (cardId is not null || after != before))
        {
            await turn.Work.Dialogs.SetCardAsync(turn.Person.Id, cardId, cancellationToken);
        }
    }

    private async Task DispatchAsync(Turn turn, DialogState? state, CancellationToken cancellationToken)
    {
        var said = turn.Said;
        var owner = state is null ? null : features.FirstOrDefault(f => f.Dialogs.Contains(state.Dialog));
        if (turn.Message.CardId is { } clicked && clicked != (state is null ? null : await turn.Work.Dialogs.GetCardAsync(turn.Person.Id, cancellationToken)))
        {
            // A button of a card that no longer asks the current step (answered by typing, superseded, or not ours):
            // it changes nothing; the channel greys the card out.
            logger.LogInformation("Stale card {Card} clicked by {Person}; ignored", clicked, turn.Person.Id);
            await turn.ReplyAsync(OutboundMessage.Plain(ConversationText.StaleCard), cancellationToken);
            return;
        }

        if (Commands.Is(said, Commands.Cancel))
        {
            if (state is null || owner is null)
            {
                await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Plain(ConversationText.NothingToCancel), cancellationToken);
            }
            else
            {
                await owner.CancelAsync(turn, state, cancellationToken);
            }

            return;
        }

        if (Commands.Is(said, Commands.Help))
        {
            await turn.ReplyAsync(Help(turn.Person, state is not null), cancellationToken);
            return;
        }

        if (Commands.StatusArgument(said) is { } argument)
        {
            await turn.ReplyAsync(await StatusAsync(turn, argument, cancellationToken), cancellationToken);
            return;
        }

        foreach (var feature in features)
        {
            if (await feature.TryHandleAsync(turn, state, cancellationToken))
            {
                return;
            }
        }

        if (state is not null && owner is not null)
        {
            await owner.ContinueAsync(turn, state, cancellationToken);
            return;
        }

        if (string.IsNullOrWhiteSpace(said))
        {
            await turn.ReplyAsync(OutboundMessage.Plain(turn.Message.HasAttachments
                ? Attachments.AttachmentText.NotInDialog
                : ConversationText.TextOnly), cancellationToken);
            return;
        }

        await turn.ReplyAsync(OutboundMessage.Ask(ConversationText.Fallback, [.. FallbackChoices(turn.Person)]), cancellationToken);
    }

    /// <summary>The fallback's buttons: each feature's for this person, then 查看状态 and 帮助 (never twice the same).</summary>
    private IEnumerable<Choice> FallbackChoices(Person person) =>
        features.SelectMany(f => f.FallbackChoices(person))
            .Append(ConversationText.StatusChoice).Append(ConversationText.HelpChoice)
            .DistinctBy(c => c.Value, StringComparer.Ordinal);

    /// <summary>状态: every feature's section for the person, in registration order.</summary>
    private async Task<OutboundMessage> StatusAsync(Turn turn, string argument, CancellationToken cancellationToken)
    {
        var sections = new List<string>();
        foreach (var feature in features)
        {
            if (await feature.StatusAsync(turn, argument, cancellationToken) is { Length: > 0 } section)
            {
                sections.Add(section.TrimEnd());
            }
        }

        return sections.Count == 0
            ? OutboundMessage.Plain(ConversationText.NothingToDo)
            : OutboundMessage.Markdown(string.Join("\n\n", sections), ConversationText.StatusTitle);
    }

    private OutboundMessage Help(Person person, bool inDialog)
    {
        var sb = new StringBuilder(ConversationText.HelpHeading).Append("\n\n");
        foreach (var line in features.SelectMany(f => f.HelpLines(person)))
        {
            sb.Append("- ").AppendLine(line);
        }

        sb.Append("- ").AppendLine(ConversationText.HelpCancel);
        sb.Append("- ").AppendLine(ConversationText.HelpHelp);
        if (inDialog)
        {
            sb.AppendLine().AppendLine(ConversationText.HelpInDialog);
        }

        return OutboundMessage.Markdown(sb.ToString().TrimEnd(), ConversationText.HelpTitle);
    }
}
