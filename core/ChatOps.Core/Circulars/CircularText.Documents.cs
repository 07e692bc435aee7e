using System.Globalization;
using System.Text;
using ChatOps.Core.Conversations;
using ChatOps.Core.Reports;

namespace ChatOps.Core.Circulars;

/// <summary>
/// What circulars say, in the office's words: the document as recipients read it (number, title, body, attachments,
/// issuing office and date), the 收到 card, reminders and the signer's request. One place, so chat and API read alike.
/// Attachments are not uploaded to the channels: each is named with its size and, when
/// <see cref="CircularOptions.PublicBaseUrl"/> is set, linked to its download address.
/// </summary>
public sealed class CircularMessages(OfficeProfile office, CircularOptions options)
{
    /// <summary>The acknowledgement button's value for a circular.</summary>
    public static string AckValue(long id) => string.Create(CultureInfo.InvariantCulture, $"收到 #{id}");

    /// <summary>A circular as the office refers to it: 《关于……的通报》（云爱卫专项办通〔2026〕12号）.</summary>
    public static string Reference(Circular c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return $"《{c.Title}》（{c.Number}）";
    }

    /// <summary>The document: number, title, body, attachments, the office and the date of issue.</summary>
    public string Document(Circular c, IReadOnlyList<CircularAttachment> attachments, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(attachments);
        var local = office.Local(date);
        var sb = new StringBuilder();
        sb.Append(c.Number).AppendLine().AppendLine();
        sb.Append("**").Append(c.Title).AppendLine("**").AppendLine();
        sb.AppendLine(c.Body.Trim()).AppendLine();
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

            if (string.IsNullOrWhiteSpace(options.PublicBaseUrl))
            {
                sb.AppendLine("（附件请向领导小组办公室索取）");
            }

            sb.AppendLine();
        }

        sb.AppendLine(office.Name);
        sb.Append(local.Year).Append('年').Append(local.Month).Append('月').Append(local.Day).Append('日');
        return sb.ToString();
    }

    /// <summary>What a group chat receives: the document and how to acknowledge.</summary>
    public OutboundMessage ForGroup(Circular c, CircularKind kind, IReadOnlyList<CircularAttachment> attachments, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return OutboundMessage.Markdown(Document(c, attachments, date) +
            "\n\n> 收到请回复：请各位同志点击机器人单独发送的“收到”按钮，或在与机器人的对话中回复“收到”，以便办公室按人统计。", kind.Name);
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
            $"领导小组办公室于{PeriodText.When(c.IssuedAt!.Value, office)}印发{Reference(c)}{where}，您尚未确认收到。请查阅后点击“收到”，或直接回复“收到”。",
            new Choice("收到", AckValue(c.Id)));
    }

    /// <summary>The signer's copy of the document, marked as a draft for sign-off.</summary>
    public OutboundMessage SignOffCopy(Circular c, CircularKind kind, IReadOnlyList<CircularAttachment> attachments, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return OutboundMessage.Markdown("**【送签稿】**\n\n" + Document(c, attachments, now), $"{kind.Name}送签");
    }

    /// <summary>The card asking the signer to sign off.</summary>
    public static OutboundMessage SignOffCard(Circular c, CircularKind kind, string composer, string scope, int recipients)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(kind);
        var id = c.Id.ToString(CultureInfo.InvariantCulture);
        return OutboundMessage.Card($"请签发：{kind.Name}",
            $"{composer}拟稿的{kind.Name}{Reference(c)}请您签发。\n发送范围：{scope}；需确认收到 {recipients} 人。\n签发后立即印发；如需修改，请点击“退回”并填写意见。",
            new Choice("签发", $"签发 #{id}"), new Choice("退回", $"退回 #{id}"));
    }

    /// <summary>
    /// 通报情况 #id: the acknowledgement rate, who is missing per unit (at most <paramref name="maxNames"/> names per
    /// unit, so the message stays readable for a circular to thousands), the units complete, and the delivery of each
    /// group and of the 1:1 messages.
    /// </summary>
    public OutboundMessage Standing(CircularStanding s, int maxNames = 10)
    {
        ArgumentNullException.ThrowIfNull(s);
        var c = s.Circular;
        var sb = new StringBuilder();
        sb.Append("**").Append(c.Number).Append('《').Append(c.Title).AppendLine("》**");
        sb.Append(s.Kind.Name).Append("，").AppendLine(StatusLine(s));
        if (c.Status != CircularStatus.Issued)
        {
            return OutboundMessage.Markdown(sb.ToString().TrimEnd(), "通报情况");
        }

        sb.Append("确认收到：").Append(s.Acknowledged).Append('/').Append(s.Recipients).Append("（").Append(Percent(s.AckRate)).Append('）');
        if (c.RemindersStoppedAt is { } stopped)
        {
            sb.Append("；提醒已于").Append(PeriodText.When(stopped, office)).Append("停止");
        }
        else if (c.NextReminderAt is { } next)
        {
            sb.Append("；下次提醒：").Append(PeriodText.When(next, office));
        }

        sb.AppendLine().AppendLine();
        var missing = s.Units.Where(u => u.Missing.Count > 0).ToList();
        if (missing.Count > 0)
        {
            sb.Append("**未确认（").Append(missing.Sum(u => u.Missing.Count)).AppendLine("人）**");
            foreach (var u in missing)
            {
                var names = u.Missing.Take(maxNames).Select(m => m.Problem is null ? m.Name : $"{m.Name}（{m.Problem}）");
                sb.Append("- ").Append(u.Name).Append('（').Append(u.Acknowledged).Append('/').Append(u.Recipients).Append("）：")
                    .Append(string.Join("、", names)).AppendLine(u.Missing.Count > maxNames ? $"等{u.Missing.Count}人" : "");
            }

            sb.AppendLine();
        }

        var complete = s.Units.Where(u => u.Missing.Count == 0).Select(u => u.Name).ToList();
        if (complete.Count > 0)
        {
            sb.Append("**已全部确认（").Append(complete.Count).Append("个单位）**：").AppendLine(string.Join("、", complete)).AppendLine();
        }

        sb.AppendLine("**发送情况**");
        foreach (var t in s.Targets.Where(t => t.TargetKey.StartsWith("group:", StringComparison.Ordinal)))
        {
            sb.Append("- ").Append(t.Name).Append("：").AppendLine(State(t));
        }

        var direct = s.Targets.Where(t => t.TargetKey.StartsWith("person:", StringComparison.Ordinal)).ToList();
        if (direct.Count > 0)
        {
            sb.Append("- 单独发送 ").Append(direct.Count).Append(" 人：")
                .AppendLine(string.Join("，", direct.GroupBy(t => t.State).OrderBy(g => g.Key).Select(g => $"{StateName(g.Key)} {g.Count()}")));
            foreach (var t in direct.Where(t => t.State is DeliveryState.Failed or DeliveryState.Unreachable).Take(maxNames * 2))
            {
                sb.Append("  - ").Append(t.Name).Append("：").AppendLine(State(t));
            }
        }

        if (s.Targets.Any(t => t.State is DeliveryState.Failed or DeliveryState.Unreachable))
        {
            sb.AppendLine().Append("问题解决后，回复“重发 #").Append(c.Id.ToString(CultureInfo.InvariantCulture)).AppendLine("”重新发送失败的消息。");
        }

        return OutboundMessage.Markdown(sb.ToString().TrimEnd(), "通报情况");
    }

    /// <summary>A share as a percentage: 63.8%.</summary>
    public static string Percent(double rate) => (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A delivery state in Chinese.</summary>
    public static string StateName(DeliveryState state) => state switch
    {
        DeliveryState.Queued => "排队中",
        DeliveryState.Retrying => "重试中",
        DeliveryState.Sent => "已发送",
        DeliveryState.Failed => "发送失败",
        _ => "无法送达",
    };

    /// <summary>A circular's status in Chinese (the console's lists).</summary>
    public static string StatusName(CircularStatus status) => status switch
    {
        CircularStatus.Draft => "草稿",
        CircularStatus.PendingSignOff => "待签发",
        CircularStatus.Returned => "已退回",
        CircularStatus.Withdrawn => "已撤回",
        _ => "已印发",
    };

    private static string State(TargetStanding t) =>
        t.Error is { Length: > 0 } e && t.State != DeliveryState.Sent ? $"{StateName(t.State)}（{e}）" : StateName(t.State);

    private string StatusLine(CircularStanding s)
    {
        var c = s.Circular;
        return c.Status switch
        {
            CircularStatus.Draft => "草稿，尚未发送。",
            CircularStatus.PendingSignOff => $"待{s.SignerName}签发。",
            CircularStatus.Returned => $"已被{s.SignerName}退回（{c.Comment}）。",
            CircularStatus.Withdrawn => "已撤回。",
            _ => $"{PeriodText.When(c.IssuedAt!.Value, office)}印发" + (s.SignerName is null ? "。" : $"（{s.SignerName}签发）。"),
        };
    }

    /// <summary>Bytes as the office reads them: 35 KB, 1.2 MB.</summary>
    public static string Size(long bytes) => bytes < 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (bytes + 1023) / 1024)} KB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.0} MB");

    /// <summary>The download address of an attachment, or null when no public address is configured.</summary>
    public string? Link(CircularAttachment a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            ? null
            : $"{options.PublicBaseUrl.TrimEnd('/')}/circulars/files/{a.Sha256}/{Uri.EscapeDataString(a.FileName)}";
    }

    private string Attachment(CircularAttachment a)
    {
        var name = Link(a) is { } link ? $"[{EscapeLinkText(a.FileName)}]({link})" : a.FileName;
        return $"{name}（{Size(a.Size)}）";
    }

    private static string EscapeLinkText(string text) => text.Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);
}
