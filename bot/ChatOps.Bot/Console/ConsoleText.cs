namespace ChatOps.Bot.OfficeConsole;

/// <summary>
/// Every Chinese text of the office console's shared parts (the navigation, the holiday banner, the 403 page, 登录), of
/// 本期报送's and 审计's exports and of 接口令牌, in one class so the wording is reviewed in one place. Outside it stay
/// only the pages' Razor markup (.cshtml) and the texts of the features the pages show (ReportText, DirectoryText, …).
/// </summary>
public static partial class ConsoleText
{
    /// <summary>The navigation's entry of the home page (本期报送).</summary>
    public const string NavHome = "本期报送";

    /// <summary>The navigation's entry of the reports page.</summary>
    public const string NavReports = "报告";

    /// <summary>The navigation's entry of the 工作专报 editor.</summary>
    public const string NavBulletin = "专报编辑";

    /// <summary>The navigation's entry of the circulars and notices.</summary>
    public const string NavCirculars = "通报/通知";

    /// <summary>The navigation's entry of the minutes' sign-off.</summary>
    public const string NavSignoff = "签发";

    /// <summary>The navigation's entry of the meetings.</summary>
    public const string NavMeetings = "会议";

    /// <summary>The navigation's entry of the directory.</summary>
    public const string NavDirectory = "名录";

    /// <summary>The navigation's entry of the submission statistics.</summary>
    public const string NavStats = "报送统计";

    /// <summary>The navigation's entry of the holidays.</summary>
    public const string NavHolidays = "节假日";

    /// <summary>The navigation's entry of problem lists and 督办.</summary>
    public const string NavSupervision = "问题清单与督办";

    /// <summary>The navigation's entry of the audit log.</summary>
    public const string NavAudit = "审计";

    /// <summary>The navigation's entry of the doctor's findings.</summary>
    public const string NavDoctor = "运行检查";

    /// <summary>The navigation's entry of the personal API tokens.</summary>
    public const string NavTokens = "接口令牌";

    /// <summary>The 403 page for a signed-in person outside the page's area.</summary>
    public const string OutsideArea = "您没有查看此页面的权限。办公室工作台的各页面按名录中的角色开放：办公室人员可查看全部，分管领导可查看本单位的报送与审核，会议主持人可查看所主持的会议。";

    /// <summary>The 403 page's browser title.</summary>
    public const string ForbiddenTitle = "无权访问 - 办公室工作台";

    /// <summary>The 403 page's heading.</summary>
    public const string ForbiddenHeading = "无权访问";

    /// <summary>The 403 page's link back to 登录.</summary>
    public const string SignInAnother = "换一个账号登录";

    /// <summary>The unit column of the Development sign-in picker for a person of the leading group's office.</summary>
    public const string OfficeUnit = "领导小组办公室";

    /// <summary>催报 on the home page with no unit ticked.</summary>
    public const string ChaseNoneTicked = "请先勾选要催报的单位。";

    /// <summary>The file name of 审计's export.</summary>
    public const string AuditExportName = "审计日志.xlsx";

    /// <summary>接口令牌's notice after revoking a token.</summary>
    public const string TokenRevoked = "令牌已撤销。";

    /// <summary>The header row of 审计's export.</summary>
    public static readonly IReadOnlyList<string> AuditExportHeader = ["时间", "操作人", "操作", "对象", "详情", "来源"];

    /// <summary>The header row of 本期报送's export.</summary>
    public static readonly IReadOnlyList<string> BoardExportHeader = ["期次", "截止时间", "单位", "状态", "报送时间", "报送人", "联络员"];

    /// <summary>The file name of 本期报送's export: 报送情况-周报.xlsx.</summary>
    public static string BoardExportName(string cycleName) => $"报送情况-{cycleName}.xlsx";

    /// <summary>The banner on every page from 1 November while next year's holiday arrangement is missing.</summary>
    public static string HolidayWarning(int year) =>
        string.Create(CultureInfo.InvariantCulture, $"尚未录入{year}年的节假日安排：国务院办公厅通知发布后，请在“节假日”页录入放假和调休上班日期，否则{year}年的截止时间不会顺延。");

    /// <summary>登录's message for the error code a refused sign-in comes back with (state, code, unknown, …).</summary>
    public static string SignInError(string code) => code switch
    {
        "state" => "登录请求已失效或无法核验（可能已使用过或被篡改），请重新登录。",
        "code" => "企业微信登录码无效或已过期，请重新扫码或从企业微信重新进入。",
        "unknown" => "您的账号不在名录中，请联系领导小组办公室登记后再登录。",
        "unreachable" => "暂时无法连接企业微信，请稍后再试。",
        "entra" => "Microsoft 登录未完成，请重新登录。",
        "wecom-off" => "未启用企业微信登录。",
        "entra-off" => "未启用 Microsoft Entra ID 登录。",
        _ => "登录未完成，请重新登录。",
    };
}
