using ChatOps.Core.Reports;

namespace ChatOps.Core.Circulars;

/// <summary>The office's view: one circular's delivery and acknowledgement (通报情况 #id), the recent list, the state names.</summary>
public sealed partial class CircularText
{
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
        sb.Append("**").Append(c.Number).Append('《').Append(MarkdownText.Escape(c.Title)).AppendLine("》**");
        sb.Append(s.Kind.Name).Append("，").AppendLine(StatusLine(s));
        if (c.Status != CircularStatus.Issued)
        {
            return OutboundMessage.Markdown(sb.ToString().TrimEnd(), "通报情况");
        }

        sb.Append("确认收到：").Append(s.Acknowledged).Append('/').Append(s.Recipients).Append("（").Append(Percent(s.AckRate)).Append('）');
        if (c.RemindersStoppedAt is { } stopped)
        {
            sb.Append("；提醒已于").Append(PeriodText.When(stopped, _office)).Append("停止");
        }
        else if (c.NextReminderAt is { } next)
        {
            sb.Append("；下次提醒：").Append(PeriodText.When(next, _office));
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
            sb.Append("- ").Append(t.Name).Append("：").AppendLine(DeliveryText(t));
        }

        var direct = s.Targets.Where(t => t.TargetKey.StartsWith("person:", StringComparison.Ordinal)).ToList();
        if (direct.Count > 0)
        {
            sb.Append("- 单独发送 ").Append(direct.Count).Append(" 人：")
                .AppendLine(string.Join("，", direct.GroupBy(t => t.State).OrderBy(g => g.Key).Select(g => $"{StateName(g.Key)} {g.Count()}")));
            foreach (var t in direct.Where(t => t.State is DeliveryState.Failed or DeliveryState.Unreachable).Take(maxNames * 2))
            {
                sb.Append("  - ").Append(t.Name).Append("：").AppendLine(DeliveryText(t));
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

    private static string DeliveryText(TargetStanding t) =>
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
            _ => $"{PeriodText.When(c.IssuedAt!.Value, _office)}印发" + (s.SignerName is null ? "。" : $"（{s.SignerName}签发）。"),
        };
    }

    /// <summary>The title of the overview messages.</summary>
    public const string OverviewTitle = "通报情况";

    /// <summary>Nothing issued yet.</summary>
    public const string NothingIssued = "目前还没有印发或待签发的公文。回复“通报”可开始拟稿。";

    /// <summary>The question under the recent list.</summary>
    public const string WhichOne = "查看哪一份的详细情况？";

    /// <summary>The heading of the recent list.</summary>
    public const string RecentHeading = "**近期公文**";

    /// <summary>One line of the recent list.</summary>
    public static string RecentLine(Circular c, int? recipients, int acknowledged)
    {
        ArgumentNullException.ThrowIfNull(c);
        var head = string.Create(CultureInfo.InvariantCulture, $"- #{c.Id} {c.Number}《{MarkdownText.Escape(c.Title)}》：");
        return recipients is { } total
            ? head + string.Create(CultureInfo.InvariantCulture, $"已确认 {acknowledged}/{total}（{Percent(total == 0 ? 1 : (double)acknowledged / total)}）")
            : head + "待签发";
    }

    /// <summary>The button value that opens one circular's standing.</summary>
    public static string StandingCommand(long id) => string.Create(CultureInfo.InvariantCulture, $"通报情况 #{id}");
}
