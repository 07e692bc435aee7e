using ChatOps.Core.Calendar;

namespace ChatOps.Core.Reports;

/// <summary>How a template field is answered.</summary>
public enum FieldKind
{
    /// <summary>One or more items (each a message or a line); finished with 完成.</summary>
    Items,

    /// <summary>One text answer.</summary>
    Text,

    /// <summary>A whole number ≥ 0 (an indicator such as 问题清单整改完成数).</summary>
    Number,
}

/// <summary>One question of a report form.</summary>
/// <param name="Key">Stable key stored with the answers.</param>
/// <param name="Label">The field's name as the bulletin and the summary show it.</param>
/// <param name="Prompt">What the bot asks.</param>
/// <param name="MaxLength">Longest accepted answer (per item for <see cref="FieldKind.Items"/>).</param>
public sealed record TemplateField(string Key, string Label, FieldKind Kind, bool Required, string Prompt, int MaxLength = 1000);

/// <summary>A cross-field check: the value of <paramref name="PartKey"/> may not exceed <paramref name="WholeKey"/>'s.</summary>
public sealed record NotGreaterThanRule(string PartKey, string WholeKey, string Message);

/// <summary>A report form as data: the dialog asks its fields one by one and the bulletin reads its answers.</summary>
public sealed record ReportTemplate(string Key, string Name, IReadOnlyList<TemplateField> Fields, IReadOnlyList<NotGreaterThanRule> Rules)
{
    /// <summary>The field holding the progress items the bulletin lists.</summary>
    public string ProgressKey => Fields.First(f => f.Kind == FieldKind.Items).Key;

    /// <summary>A field by key.</summary>
    public TemplateField Field(string key) => Fields.First(f => f.Key == key);
}

/// <summary>When prompts and reminders go out, relative to the due time (office time zone).</summary>
/// <param name="FirstPromptAt">Time of the first prompt, on the working day before the due date.</param>
/// <param name="MorningReminderAt">Time of the reminder on the due day.</param>
/// <param name="FinalReminderBefore">The last reminder this long before the due time.</param>
/// <param name="NotifyLeaderOnOverdue">Also tell the unit's reviewing leader when the unit is overdue.</param>
public sealed record PromptSchedule(TimeOnly FirstPromptAt, TimeOnly MorningReminderAt, TimeSpan FinalReminderBefore, bool NotifyLeaderOnOverdue)
{
    /// <summary>The default: the day before at 10:00, the due day at 09:00 and two hours before.</summary>
    public static readonly PromptSchedule Default = new(new TimeOnly(10, 0), new TimeOnly(9, 0), TimeSpan.FromHours(2), false);
}

/// <summary>A report cycle as data: its deadline rule, form, who reports and when they are prompted.</summary>
public sealed record ReportCycle(ReportCycleDefinition Definition, ReportTemplate Template, IReadOnlyList<UnitKind> UnitKinds, PromptSchedule Schedule)
{
    /// <summary>The cycle's key ("weekly", "quarterly").</summary>
    public string Key => Definition.Key;

    /// <summary>The cycle's Chinese name (周报, 季报).</summary>
    public string Name => Definition.Name;

    /// <summary>Whether units of this kind report in this cycle.</summary>
    public bool Covers(Unit unit) => UnitKinds.Contains(unit.Kind);
}

/// <summary>The cycles and templates we ship: weekly (seed 000 第十六条) and quarterly (seed 003 八(二)).</summary>
public static class ReportCatalog
{
    private static readonly NotGreaterThanRule RectificationRule =
        new("rectified", "total", "整改完成数不能大于问题总数，请核对后重新填写。");

    /// <summary>The weekly form: progress items, problems, next week's plan and the optional 整改 indicators of seed 002.</summary>
    public static readonly ReportTemplate WeeklyTemplate = new("weekly", "工作信息周报",
    [
        new("progress", "本周工作进展", FieldKind.Items, true,
            "请填写本周工作进展。可一次发送多条（每行一条），也可分几次发送；全部发完后回复“完成”。", 500),
        new("problems", "存在问题", FieldKind.Text, true, "请填写存在的问题和困难。没有请回复“无”。"),
        new("plan", "下周工作计划", FieldKind.Text, true, "请填写下周工作计划。"),
        new("rectified", "问题清单整改完成数", FieldKind.Number, false, "问题清单已整改完成多少个？（选填，请填写数字；不涉及请点“跳过”）", 9),
        new("total", "问题清单总数", FieldKind.Number, false, "问题清单共有多少个问题？（选填，请填写数字；不涉及请点“跳过”）", 9),
    ], [RectificationRule]);

    /// <summary>The quarterly form.</summary>
    public static readonly ReportTemplate QuarterlyTemplate = new("quarterly", "工作进展季报",
    [
        new("progress", "本季度工作进展", FieldKind.Items, true,
            "请填写上季度工作进展。可一次发送多条（每行一条），也可分几次发送；全部发完后回复“完成”。", 500),
        new("problems", "存在问题", FieldKind.Text, true, "请填写存在的问题和困难。没有请回复“无”。"),
        new("plan", "下季度工作计划", FieldKind.Text, true, "请填写下季度工作计划。"),
        new("rectified", "问题清单整改完成数", FieldKind.Number, false, "问题清单已整改完成多少个？（选填，请填写数字；不涉及请点“跳过”）", 9),
        new("total", "问题清单总数", FieldKind.Number, false, "问题清单共有多少个问题？（选填，请填写数字；不涉及请点“跳过”）", 9),
    ], [RectificationRule]);

    /// <summary>Provincial departments and prefectures report weekly (seed 000 第十六条: 各州市人民政府和省级各成员单位).</summary>
    public static readonly ReportCycle Weekly = new(ReportCycleDefinition.Weekly, WeeklyTemplate,
        [UnitKind.ProvincialDepartment, UnitKind.Prefecture], PromptSchedule.Default);

    /// <summary>Member units and special-action groups report quarterly (seed 003 八(二)).</summary>
    public static readonly ReportCycle Quarterly = new(ReportCycleDefinition.Quarterly, QuarterlyTemplate,
        [UnitKind.ProvincialDepartment, UnitKind.Prefecture, UnitKind.SpecialActionGroup], PromptSchedule.Default);

    /// <summary>卫生城镇巩固监督检查情况年报 (seed 004 十八).</summary>
    public static readonly ReportTemplate HygieneAnnualTemplate = new("hygiene-annual", "卫生城镇巩固监督检查情况年报",
    [
        new("progress", "本年度巩固工作开展情况", FieldKind.Items, true,
            "请填写本年度卫生城镇巩固工作和日常监督检查开展情况。可一次发送多条（每行一条），全部发完后回复“完成”。", 500),
        new("problems", "监督检查发现的问题", FieldKind.Text, true, "请填写监督检查中发现的问题（管理不到位、反弹等）。没有请回复“无”。"),
        new("rectification", "问题整改落实情况", FieldKind.Text, true, "请填写上述问题的整改落实情况。"),
        new("plan", "下一年度工作打算", FieldKind.Text, true, "请填写下一年度巩固提升工作打算。"),
    ], []);

    /// <summary>综合整治提升行动情况报告, after each clean-up campaign (seed 004 十七).</summary>
    public static readonly ReportTemplate CleanupCampaignTemplate = new("cleanup", "综合整治提升行动情况报告",
    [
        new("progress", "整治提升行动开展情况", FieldKind.Items, true,
            "请填写本次综合整治提升行动的开展情况。可一次发送多条（每行一条），全部发完后回复“完成”。", 500),
        new("problems", "自查发现的问题及整改情况", FieldKind.Text, true, "请填写自查评估发现的薄弱环节及整改情况。没有请回复“无”。"),
        new("plan", "长效管理措施", FieldKind.Text, true, "请填写巩固整治成果的长效管理措施。"),
    ], []);

    /// <summary>Prefectures' 爱卫办 report the year's 卫生城镇 checks to the province at the end of December (seed 004 十八).</summary>
    public static readonly ReportCycle HygieneAnnual = new(ReportCycleDefinition.HygieneAnnual, HygieneAnnualTemplate,
        [UnitKind.Prefecture], PromptSchedule.Default);

    /// <summary>Counties (国家卫生城镇) report each clean-up campaign to their prefecture (seed 004 十七).</summary>
    public static readonly ReportCycle CleanupCampaign = new(ReportCycleDefinition.CleanupCampaign, CleanupCampaignTemplate,
        [UnitKind.County], PromptSchedule.Default);

    /// <summary>The weekly and quarterly cycles (what the reports' tests are written against).</summary>
    public static readonly IReadOnlyList<ReportCycle> Defaults = [Weekly, Quarterly];

    /// <summary>Every cycle the host runs: <see cref="Defaults"/> and the yearly ones of seed 004.</summary>
    public static readonly IReadOnlyList<ReportCycle> All = [.. Defaults, HygieneAnnual, CleanupCampaign];
}

/// <summary>The cycles in force (configuration may replace the defaults).</summary>
public sealed class ReportCycles(IEnumerable<ReportCycle> cycles)
{
    private readonly IReadOnlyList<ReportCycle> _cycles = cycles.ToList();

    /// <summary>Every cycle.</summary>
    public IReadOnlyList<ReportCycle> All => _cycles;

    /// <summary>A cycle by key, or null.</summary>
    public ReportCycle? Find(string key) => _cycles.FirstOrDefault(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>A cycle by key; a clear error naming the known ones otherwise.</summary>
    public ReportCycle Get(string key) =>
        Find(key) ?? throw new ArgumentException($"没有名为“{key}”的报送周期，可用：{string.Join("、", _cycles.Select(c => $"{c.Key}（{c.Name}）"))}");
}
