using ChatOps.Core.Organization;

namespace ChatOps.Core.Conversations;

/// <summary>
/// One handled inbound message: who said what, when, and the unit of work everything is written to. Replies and
/// notices are queued in the same transaction as the state change, so they go out exactly when it commits.
/// </summary>
public sealed class Turn(IUnitOfWork work, Person person, InboundMessage message, DateTimeOffset now, RecipientRouter router)
{
    /// <summary>The transaction of this turn.</summary>
    public IUnitOfWork Work => work;

    /// <summary>The person who wrote.</summary>
    public Person Person => person;

    /// <summary>What they sent.</summary>
    public InboundMessage Message => message;

    /// <summary>When the turn is handled.</summary>
    public DateTimeOffset Now => now;

    /// <summary>What the person said (button value or text), trimmed.</summary>
    public string Said => message.Said;

    /// <summary>Replies on the channel the person wrote on.</summary>
    public Task ReplyAsync(OutboundMessage reply, CancellationToken cancellationToken = default) =>
        EnqueueAsync(router.To(person, reply, now, replyChannel: message.Channel), cancellationToken);

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

    /// <summary>Trims spaces and trailing punctuation people add (“填报。”, "help!").</summary>
    public static string Normalize(string said) => said.Trim().TrimEnd('。', '.', '！', '!', '，', ',', ' ');
}
