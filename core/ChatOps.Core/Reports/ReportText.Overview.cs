namespace ChatOps.Core.Reports;

/// <summary>The office's report overviews (本期报送, 催报 from the board, 报告, 报送统计).</summary>
public static partial class ReportText
{
    /// <summary>Nobody left to chase.</summary>
    public const string NobodyToChase = "所选单位均无需催报（已报送、待审核、免报或无法送达），未发送任何消息。";

    /// <summary>The confirmation is missing its token.</summary>
    public const string ChaseExpired = "确认页已失效，请重新选择单位后催报。";

    /// <summary>Refusal: a unit outside the person's.</summary>
    public const string NotYourUnit = "您只能查看本单位的报告。分管领导可查看本单位的报送与审核情况，其他单位的报告请联系领导小组办公室。";

    /// <summary>A unit the cycle does not cover (or the person may not see).</summary>
    public static string NotCovered(string unitCode, string periodLabel, ReportCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return $"“{unitCode}”不在{periodLabel}{cycle.Name}的报送单位中，已跳过。";
    }

    /// <summary>A unit that owes nothing.</summary>
    public static string NotOwing(string unitName, string periodLabel, string state) => $"{unitName}{periodLabel}{state}，无需催报。";

    /// <summary>A unit without a reachable liaison, as the console lists it.</summary>
    public static string UnreachableLiaison(string unitName, Person? liaison) => liaison is null
        ? $"{unitName}（未设联络员）"
        : $"{unitName}（联络员{liaison.Name}没有可用账号{(liaison.Phone is { Length: > 0 } phone ? $"，电话{phone}" : "")}）";

    /// <summary>What 催报 from the board did.</summary>
    public static string Chased(int queued, int planned, IReadOnlyList<string> unreachable)
    {
        ArgumentNullException.ThrowIfNull(unreachable);
        var text = queued == planned
            ? $"已向{queued}名联络员发送催报提醒。"
            : queued == 0 ? "这批催报已经发送过，未重复发送。" : $"已向{queued}名联络员发送催报提醒（其余{planned - queued}人此前已发送，未重复发送）。";
        return unreachable.Count == 0 ? text : text + $"无法送达，请电话通知：{string.Join("、", unreachable)}。";
    }

    /// <summary>The liaison's name in the console's preview of a 催报 message.</summary>
    public const string NamePlaceholder = "（姓名）";

    /// <summary>The unit's name in the console's preview of a 催报 message.</summary>
    public const string UnitPlaceholder = "（单位）";

    /// <summary>A month out of range on the statistics page.</summary>
    public const string BadMonth = "请选择正确的年份和月份。";

    /// <summary>A cycle key that names no cycle.</summary>
    public static string NoSuchCycle(string? key) => $"没有“{key}”这一报送周期。";

    /// <summary>A unit code the directory does not hold.</summary>
    public static string NoSuchUnit(string? code) => $"名录中没有代码为“{code}”的单位。";

    /// <summary>免催 without a reason.</summary>
    public const string ExemptReasonMissing = "请说明免催的原因（如：休假、出差）。";

    /// <summary>免催 of someone the directory does not hold.</summary>
    public static string NoSuchPerson(string id) => $"人员“{id}”不在名录中。";

    /// <summary>免催 of someone who is not a liaison.</summary>
    public static string NotALiaison(string name) => $"{name}不是联络员，不在催报范围内，无需免催。";

    /// <summary>The holiday calendar leaves no working day in a year before <paramref name="date"/> (a data error).</summary>
    public static string NoWorkday(DateOnly date) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd}之前一年内没有工作日，请检查节假日数据。");
}
