namespace ChatOps.Core.Reports;

/// <summary>The 工作专报's texts: 专报 in chat, the console's editor and sign-off, the default headings.</summary>
public static partial class ReportText
{
    /// <summary>帮助's line for 专报 (office staff).</summary>
    public const string BulletinHelp = "**专报** [期次]：查看最近一期（或指定期次，如“专报 2026-W48”）的工作专报和报送情况";

    /// <summary>The title of 专报's full text in chat.</summary>
    public const string BulletinTitle = "工作专报";

    /// <summary>Editing by someone who is not office staff.</summary>
    public const string BulletinEditOfficeOnly = "只有领导小组办公室可以编辑专报。";

    /// <summary>Saving over someone else's save.</summary>
    public const string BulletinChangedMeanwhile = "本期专报已被他人修改，请刷新页面后重新编辑。";

    /// <summary>Signing an edition never saved.</summary>
    public const string BulletinNotSaved = "本期专报尚未保存，请先保存草稿。";

    /// <summary>No office head in the directory to sign.</summary>
    public const string BulletinNoSigner = "名录中没有办公室主任，无法签发。请在名录中为办公室主任同时设置“办公室”和“主持人”角色。";

    /// <summary>Signing a version other than the one read.</summary>
    public const string BulletinChangedBeforeSign = "本期专报在您打开后又被修改过，请核对最新内容后再签发。";

    /// <summary>An issue number out of range.</summary>
    public const string BulletinBadNumber = "期号须为 1 至 9999 之间的数字。";

    /// <summary>A date out of range.</summary>
    public const string BulletinBadDate = "请填写正确的日期。";

    /// <summary>An empty 行动要情.</summary>
    public const string HeadlineEmpty = "行动要情的内容不能为空。";

    /// <summary>One part of 专报's full text: 工作专报（2/3）.</summary>
    public static string BulletinPart(int part, int parts) => parts == 1 ? BulletinTitle : $"{BulletinTitle}（{part}/{parts}）";

    /// <summary>A period key that names no bulletin period, with the periods the holiday calendar made of it.</summary>
    public static string NoSuchBulletinPeriod(string cycleName, string key, IReadOnlyList<string> actual) => actual.Count == 0
        ? NoSuchPeriod(cycleName, key)
        : $"{cycleName}没有“{key}”这一期；按节假日安排，这几期是：{string.Join("、", actual)}。";

    /// <summary>A 行动要情 over the limit.</summary>
    public static string HeadlineTooLong(int max, int length) => $"行动要情每条不超过 {max} 字（现有 {length} 字），请分成几条。";

    /// <summary>期号 as printed: 2026年第12期.</summary>
    public static string IssueNumber(int year, int number) => $"{year}年第{number}期";

    /// <summary>The default heading of the provincial departments' part.</summary>
    public static string ProvincialHeading(string? topic) => $"省直部门{topic}推进情况";

    /// <summary>The default heading of the local part.</summary>
    public static string LocalHeading(string? topic) => $"州市县区推进{topic}情况";

    /// <summary>Saving an edition already issued.</summary>
    public static string BulletinIssued(string issueNumber) => $"本期专报（{issueNumber}）已签发印发，不能再修改。";

    /// <summary>An issue number another edition holds.</summary>
    public static string IssueNumberTaken(string issueNumber, int next) => $"期号“{issueNumber}”已被使用，下一个可用期号是第{next}期。";

    /// <summary>A draft saved.</summary>
    public static string BulletinSaved(string issueNumber) => $"已保存{issueNumber}专报草稿。";

    /// <summary>Signing by someone other than the office head.</summary>
    public static string BulletinSignerOnly(IEnumerable<string> signers) => $"专报须由{string.Join("、", signers)}（办公室主任）签发，您无权签发。";

    /// <summary>Signing twice.</summary>
    public static string BulletinAlreadySigned(string issueNumber) => $"{issueNumber}专报已于此前签发，无需重复签发。";

    /// <summary>Signed.</summary>
    public static string BulletinSigned(string issueNumber) => $"已签发{issueNumber}专报，已存入往期专报。";

    /// <summary>An item over the editor's limit.</summary>
    public static string BulletinItemTooLong(int max) => $"单项内容不超过 {max} 字，请精简。";
}
