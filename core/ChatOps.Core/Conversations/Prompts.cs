namespace ChatOps.Core.Conversations;

/// <summary>
/// The dialog toolkit's prompts: reading a numbered or labelled choice, a text with limits, a whole number and a
/// yes/no confirmation from what a person said, each with the Chinese message to show when the answer is not valid.
/// Dialogs call these instead of parsing on their own, so "1", "１", "确认。" and "取消" read the same everywhere.
/// </summary>
public static class Prompt
{
    /// <summary>The yes words of a confirmation (the button's value first).</summary>
    public static readonly string[] Yes = [ConversationText.Confirm, "确定", "是", "是的", "好", "好的", "同意", "yes", "y", "ok"];

    /// <summary>The no words of a confirmation (取消 itself is handled by the engine and cancels the dialog).</summary>
    public static readonly string[] No = [ConversationText.Decline, "否", "不", "不用", "不发送", "no", "n"];

    /// <summary>The question with 确认 / 不发送 buttons.</summary>
    public static OutboundMessage Confirm(string question) =>
        OutboundMessage.Ask(question, new Choice(ConversationText.Confirm, ConversationText.Confirm), new Choice(ConversationText.Decline, ConversationText.Decline));

    /// <summary>True for yes (or 1), false for no (or 2), null when the answer is neither.</summary>
    public static bool? ReadConfirm(string said)
    {
        var s = Normalize(said);
        if (s == "1" || Commands.Is(s, Yes))
        {
            return true;
        }

        return s == "2" || Commands.Is(s, No) ? false : null;
    }

    /// <summary>A numbered reply 1…<paramref name="count"/> (full-width digits too) as a 0-based index; null otherwise.</summary>
    public static int? ReadNumber(string said, int count)
    {
        var s = Normalize(said);
        return int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= count ? n - 1 : null;
    }

    /// <summary>The index of the choice named by its number, its label or its value; null when none matches.</summary>
    public static int? ReadChoice(string said, IReadOnlyList<Choice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var s = Commands.Normalize(said);
        for (var i = 0; i < choices.Count; i++)
        {
            if (s == choices[i].Label || s == choices[i].Value)
            {
                return i;
            }
        }

        return ReadNumber(said, choices.Count);
    }

    /// <summary>What to say when a numbered reply is out of range.</summary>
    public static string ChooseBetween(int count, string what) => ConversationText.ChooseBetween(count, what);

    /// <summary>
    /// A text of 1…<paramref name="maxLength"/> characters (trimmed): null when valid, otherwise the message to show
    /// (<paramref name="what"/> names it: "内容", "退回意见").
    /// </summary>
    public static string? CheckText(string said, int maxLength, string what = ConversationText.ContentName)
    {
        var text = (said ?? "").Trim();
        if (text.Length == 0)
        {
            return ConversationText.Empty(what);
        }

        return text.Length > maxLength ? ConversationText.TooLong(what, maxLength, text.Length) : null;
    }

    /// <summary>
    /// A non-negative whole number ("12", "１２", "1,200", "15个") of at most <paramref name="maxDigits"/> digits: the
    /// value, or the message to show.
    /// </summary>
    public static (long? Value, string? Error) ReadWholeNumber(string said, int maxDigits)
    {
        var text = Commands.Normalize(said ?? "");
        if (text.Length == 0)
        {
            return (null, ConversationText.EmptyNumber);
        }

        var normalized = text.Normalize(NormalizationForm.FormKC).Replace(",", "", StringComparison.Ordinal).TrimEnd('个', '项', '件', '人', '家');
        if (normalized.StartsWith('-') && long.TryParse(normalized, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return (null, ConversationText.Negative);
        }

        if (!long.TryParse(normalized, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return (null, ConversationText.NotANumber(text));
        }

        return normalized.Length > maxDigits ? (null, ConversationText.TooLarge) : (value, null);
    }

    private static string Normalize(string said) => Commands.Normalize(said ?? "").Normalize(NormalizationForm.FormKC);
}

/// <summary>
/// The base of a dialog whose data is a typed draft kept in <see cref="DialogState"/> (so it survives restarts):
/// load, save at a step, and clear — the code every dialog used to copy.
/// </summary>
/// <typeparam name="TDraft">The draft, stored as JSON.</typeparam>
public abstract class TypedDialog<TDraft>
    where TDraft : class
{
    /// <summary>The dialog's name in <see cref="DialogState.Dialog"/>.</summary>
    protected abstract string DialogName { get; }

    /// <summary>The draft stored in <paramref name="state"/>.</summary>
    protected static TDraft Load(DialogState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return ChatOpsJson.Deserialize<TDraft>(state.Data);
    }

    /// <summary>Stores the draft at <paramref name="step"/> for the person of the turn.</summary>
    protected Task SaveAsync(Turn turn, string step, TDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.Work.Dialogs.SaveAsync(new DialogState(turn.Person.Id, DialogName, step, ChatOpsJson.Serialize(draft), turn.Now), cancellationToken);
    }

    /// <summary>Ends the dialog.</summary>
    protected static Task ClearAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
    }
}
