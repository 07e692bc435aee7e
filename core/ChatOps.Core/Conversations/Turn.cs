namespace ChatOps.Core.Conversations;

/// <summary>
/// One handled inbound message: who said what, when, and the unit of work everything is written to. Replies and
/// notices are queued in the same transaction as the state change, so they go out exactly when it commits.
/// </summary>
public sealed class Turn(IUnitOfWork work, Person person, InboundMessage message, DateTimeOffset now, RecipientRouter router)
{
    private readonly List<OutboxItem> _held = [];

    /// <summary>The transaction of this turn.</summary>
    public IUnitOfWork Work => work;

    /// <summary>The person who wrote.</summary>
    public Person Person => person;

    /// <summary>What they sent.</summary>
    public InboundMessage Message => message;

    /// <summary>
    /// The moment the turn is judged at: when its message was received (the engine may handle it later; see
    /// <see cref="Actor.At"/>).
    /// </summary>
    public DateTimeOffset Now => now;

    /// <summary>
    /// The person as the use cases' actor, from <c>chat:</c> and the channel, acting at <see cref="Now"/> (<see cref="Actor.At"/>).
    /// </summary>
    public Actor Actor => Actor.Of(person, "chat:" + message.Channel) with { At = now };

    /// <summary>What the person said (button value or text), trimmed.</summary>
    public string Said => message.Said;

    /// <summary>
    /// Replies on the channel the person wrote on. A question with buttons, and every reply after it, is held until the
    /// turn ends (<see cref="CompleteAsync"/>): only then is it known whether the card asks a dialog step, and the card
    /// gets its identity before it is stored. Order is kept.
    /// </summary>
    public async Task ReplyAsync(OutboundMessage reply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (router.To(person, reply, now, replyChannel: message.Channel) is not { } item)
        {
            return;
        }

        if (_held.Count > 0 || reply is { Kind: OutboundKind.Choices, Choices.Count: > 0 })
        {
            _held.Add(item);
            return;
        }

        await work.Outbox.EnqueueAsync(item, cancellationToken);
    }

    /// <summary>
    /// Ends the turn: stores the held replies and, when the person is in a dialog afterwards
    /// (<paramref name="inDialog"/>), makes the last question with buttons the card of the current step and returns its
    /// new identity (null when the turn asked with no card).
    /// </summary>
    public async Task<string?> CompleteAsync(bool inDialog, CancellationToken cancellationToken = default)
    {
        string? cardId = null;
        var last = inDialog ? _held.FindLastIndex(i => i.Message is { Kind: OutboundKind.Choices, Choices.Count: > 0 }) : -1;
        if (last >= 0)
        {
            cardId = NewCardId();
            _held[last] = _held[last] with { Message = _held[last].Message with { CardId = cardId } };
        }

        foreach (var item in _held)
        {
            await work.Outbox.EnqueueAsync(item, cancellationToken);
        }

        _held.Clear();
        return cardId;
    }

    /// <summary>A new card identity: "s" and 32 hex digits (fits a WeCom task_id and an Adaptive Card's data).</summary>
    public static string NewCardId() => "s" + Guid.NewGuid().ToString("N");

    /// <summary>Sends to someone else (a reviewer, a liaison) on their preferred channel.</summary>
    public Task SendAsync(Person to, OutboundMessage notice, string? dedupeKey = null, CancellationToken cancellationToken = default) =>
        EnqueueAsync(router.To(to, notice, now, dedupeKey), cancellationToken);

    private async Task EnqueueAsync(OutboxItem? item, CancellationToken cancellationToken)
    {
        if (item is not null)
        {
            await work.Outbox.EnqueueAsync(item, cancellationToken);
        }
    }
}

/// <summary>The words people type for the global commands, in Chinese and English.</summary>
public static class Commands
{
    /// <summary>Start or resume a report.</summary>
    public static readonly string[] Report = ["填报", "报送", "report"];

    /// <summary>What is due and what I submitted.</summary>
    public static readonly string[] Status = ["状态", "查看状态", "status"];

    /// <summary>Help.</summary>
    public static readonly string[] Help = ["帮助", "help", "?", "？"];

    /// <summary>Abandon the current dialog.</summary>
    public static readonly string[] Cancel = ["取消", "cancel", "退出"];

    /// <summary>True when <paramref name="said"/> is one of <paramref name="words"/> (case-insensitive, ignoring trailing punctuation).</summary>
    public static bool Is(string said, string[] words)
    {
        var s = Normalize(said);
        return words.Any(w => string.Equals(s, w, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// What follows 状态 ("状态 上周" → "上周"; "状态" → ""), or null when <paramref name="said"/> is not 状态.
    /// </summary>
    public static string? StatusArgument(string said)
    {
        var s = Normalize(said);
        if (Is(s, Status))
        {
            return "";
        }

        var word = Status.FirstOrDefault(w => s.StartsWith(w + " ", StringComparison.OrdinalIgnoreCase) || s.StartsWith(w + "\u3000", StringComparison.OrdinalIgnoreCase));
        return word is null ? null : s[word.Length..].Trim();
    }

    /// <summary>Trims spaces and trailing punctuation people add (“填报。”, "help!").</summary>
    public static string Normalize(string said) => said.Trim().TrimEnd('。', '.', '！', '!', '，', ',', ' ');
}
