using ChatOps.Core.Reports;

namespace ChatOps.Core.Circulars;

/// <summary>
/// The documents as recipients read them (number, title, body, attachments, issuing office and date), the 收到 card,
/// reminders and the signer's request. The body is plain text as the office typed or pasted it: it is escaped and each
/// line becomes a paragraph, so nothing in it turns into markup and its paragraphs survive every channel. Attachments
/// are not uploaded to the channels: each is named with its size and, when <see cref="CircularOptions.PublicBaseUrl"/>
/// is set, linked to its download address.
/// </summary>
public sealed partial class CircularText
{
    /// <summary>The acknowledgement button's value for a circular.</summary>
    public static string AckValue(long id) => string.Create(CultureInfo.InvariantCulture, $"收到 #{id}");

    /// <summary>The document: number, title, body, attachments, the office and the date of issue.</summary>
    public string Document(Circular c, IReadOnlyList<CircularAttachment> attachments, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(attachments);
        var local = _office.Local(date);
        var sb = new StringBuilder();
        sb.Append(c.Number).AppendLine().AppendLine();
        sb.Append("**").Append(MarkdownText.Escape(c.Title)).AppendLine("**").AppendLine();
        sb.AppendLine(Paragraphs(c.Body)).AppendLine();
        if (attachments.Count > 0)
        {
            sb.AppendLine(attachments.Count == 1 ? "附件：" + Attachment(attachments[0]) : "附件：");
            if (attachments.Count > 1)
            {
                for (var i = 0; i < attachments.Count; i++)
                {
                    sb.Append(i + 1).Append(". ").AppendLine(Attachment(attachments[i]));
                }
            }

            if (string.IsNullOrWhiteSpace(_options.PublicBaseUrl))
            {
                sb.AppendLine("（附件请向领导小组办公室索取）");
            }

            sb.AppendLine();
        }

        sb.AppendLine(_office.Name);
        sb.Append(local.Year).Append('年').Append(local.Month).Append('月').Append(local.Day).Append('日');
        return sb.ToString();
    }

    /// <summary>What a group chat receives: the document and how to acknowledge.</summary>
    public OutboundMessage ForGroup(Circular c, CircularKind kind, IReadOnlyList<CircularAttachment> attachments, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return OutboundMessage.Markdown(Document(c, attachments, date) +
            "\n\n> 请各位同志查阅后点击机器人单独发送的“收到”按钮，或在与机器人的对话中回复“收到”，以便办公室逐人统计。", kind.Name);
    }

    /// <summary>What a person reached 1:1 receives (the 收到 card follows it).</summary>
    public OutboundMessage ForPerson(Circular c, CircularKind kind, IReadOnlyList<CircularAttachment> attachments, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return OutboundMessage.Markdown(Document(c, attachments, date), kind.Name);
    }

    /// <summary>
    /// The 1:1 card asking a recipient to acknowledge. A person reached 1:1 had the document just before it; anyone
    /// else (a member of a group the circular went to) finds the number, title and text on the card itself, because
    /// the group message may not have arrived: the card never claims that it did.
    /// </summary>
    public OutboundMessage AckCard(Circular c, CircularKind kind, bool documentSentBefore, IReadOnlyList<CircularAttachment> attachments)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(kind);
        var text = documentSentBefore
            ? $"领导小组办公室印发{Reference(c)}，全文见上一条消息。请查阅后点击“收到”，或直接回复“收到”。"
            : $"{PlainDocument(c, attachments)}\n\n请查阅后点击“收到”，或直接回复“收到”。";
        return OutboundMessage.Card($"{kind.Name}：请确认收到", text, new Choice("收到", AckValue(c.Id)));
    }

    /// <summary>The document as plain text for a card: number, title, text and attachments.</summary>
    public string PlainDocument(Circular c, IReadOnlyList<CircularAttachment> attachments)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(attachments);
        var sb = new StringBuilder();
        sb.Append(c.Number).Append('\n').Append('《').Append(c.Title).Append("》\n\n").Append(c.Body.Trim());
        for (var i = 0; i < attachments.Count; i++)
        {
            sb.Append(i == 0 ? "\n\n附件：" : "；").Append(Attachment(attachments[i]));
        }

        return sb.ToString();
    }

    /// <summary>What the office is told at once when a circular's message could not be delivered.</summary>
    public static OutboundMessage DeliveryFailed(Circular c, string target, string reason)
    {
        ArgumentNullException.ThrowIfNull(c);
        var id = c.Id.ToString(CultureInfo.InvariantCulture);
        return OutboundMessage.Plain(
            $"【发送失败】{Reference(c)}未能发送到{target}：{reason}。\n该群成员的“收到”卡片已附全文。回复“通报情况 #{id}”查看送达情况，问题解决后回复“重发 #{id}”。");
    }

    /// <summary>A reminder to someone who has not acknowledged; <paramref name="groupName"/> only when the group message was delivered.</summary>
    public OutboundMessage Reminder(Circular c, CircularKind kind, string? groupName)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(kind);
        var where = groupName is null ? "" : $"，已发至“{groupName}”";
        return OutboundMessage.Card($"提醒：{kind.Name}尚未确认收到",
            $"领导小组办公室于{PeriodText.When(c.IssuedAt!.Value, _office)}印发{Reference(c)}{where}，您尚未确认收到。请查阅后点击“收到”，或直接回复“收到”。",
            new Choice("收到", AckValue(c.Id)));
    }

    /// <summary>The signer's copy of the document, marked as a draft for sign-off.</summary>
    public OutboundMessage SignOffCopy(Circular c, CircularKind kind, IReadOnlyList<CircularAttachment> attachments, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return OutboundMessage.Markdown("**【送签稿】**\n\n" + Document(c, attachments, now), $"{kind.Name}送签");
    }

    /// <summary>The card asking the signer to sign off.</summary>
    public static OutboundMessage SignOffCard(Circular c, CircularKind kind, string signer, string composer, string scope, int recipients)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(kind);
        var id = c.Id.ToString(CultureInfo.InvariantCulture);
        return OutboundMessage.Card($"请签发：{kind.Name}",
            Address(signer) + $"{composer}拟稿的{kind.Name}{Reference(c)}，请审核签发。\n发送范围：{scope}；需确认收到 {recipients} 人。\n签发后立即印发；如需修改，请点击“退回”并填写意见。",
            new Choice("签发", $"签发 #{id}"), new Choice("退回", $"退回 #{id}"));
    }

    /// <summary>
    /// Plain text as Markdown that shows it as typed: every character that Markdown would read as markup is escaped,
    /// and each non-empty line becomes a paragraph (a pasted document's paragraphs are one line each; a single line
    /// break would otherwise be joined into the line before). Leading spaces, also the full-width indent of pasted
    /// official documents, are dropped: they would make a code block.
    /// </summary>
    public static string Paragraphs(string? text)
    {
        var lines = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n')
            .Select(l => l.Trim().Trim('\u3000').Trim())
            .Where(l => l.Length > 0)
            .Select(MarkdownText.Escape);
        return string.Join("\n\n", lines);
    }

    /// <summary>The download address of an attachment, or null when no public address is configured.</summary>
    public string? Link(CircularAttachment a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return string.IsNullOrWhiteSpace(_options.PublicBaseUrl)
            ? null
            : $"{_options.PublicBaseUrl.TrimEnd('/')}/circulars/files/{a.Sha256}/{Uri.EscapeDataString(a.FileName)}";
    }

    private string Attachment(CircularAttachment a)
    {
        var name = Link(a) is { } link ? $"[{EscapeLinkText(a.FileName)}]({link})" : a.FileName;
        return $"{name}（{Files.Size(a.Size)}）";
    }

    private static string EscapeLinkText(string text) => text.Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);
}
