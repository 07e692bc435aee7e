namespace ChatOps.Bot.Operations;

/// <summary>
/// Every Chinese text the bot host shows about its own operation, in one place to read and reword: the command line's
/// help and argument errors, the doctor, backup, teams-package and unreachable verbs, the configuration check, the
/// Teams app package's texts and the default office name. Outside it stay the core's and the storage's doctor findings
/// (OperationsText), the verbs of the features (their own XxxText), the verbs' usage lines and the English halves of
/// the doctor's findings (for the vendor).
/// </summary>
internal static class HostText
{
    /// <summary>The help's first heading.</summary>
    public const string HelpUsage = "用法：";

    /// <summary>The help's line on running the service.</summary>
    public const string HelpRunService = "  dotnet ChatOps.Bot.dll [--键=值 ...]          启动机器人服务（默认地址 http://localhost:5080）";

    /// <summary>The help's line on running a command.</summary>
    public const string HelpRunVerb = "  dotnet ChatOps.Bot.dll 命令 [参数] [--键=值]   执行一项管理命令后退出";

    /// <summary>The help's heading above the verbs' usage lines.</summary>
    public const string HelpVerbs = "命令：";

    /// <summary>The help's heading above the options.</summary>
    public const string HelpOptions = "选项：";

    /// <summary>The help's line on configuration overrides.</summary>
    public const string HelpOverride = "  --键=值                 覆盖任一配置项，如 --Storage:Provider=SqlServer、--Directory:SeedFile=";

    /// <summary>The help's line on the listening address.</summary>
    public const string HelpUrls = "  --urls 地址             服务监听地址（也可用环境变量 ASPNETCORE_URLS 或 ASPNETCORE_HTTP_PORTS）";

    /// <summary>The help's line on the help itself.</summary>
    public const string HelpHelp = "  --help, -h, help        显示本说明";

    /// <summary>The help's last line: the exit codes.</summary>
    public const string HelpExitCodes = "退出码：0 完成；1 被拒绝或输入有误；2 参数错误；3 配置有误或数据库不可用。";

    /// <summary>The first argument names no verb.</summary>
    public static string UnknownVerb(string verb) => $"chatops: 未知的命令“{verb}”。";

    /// <summary>Options the verb does not know.</summary>
    public static string UnknownOptions(IEnumerable<string> options, string usage) =>
        $"未知的选项：{string.Join("、", options.Select(k => "--" + k))}。usage: {usage}";

    /// <summary>More words than the verb takes.</summary>
    public static string ExtraArguments(IEnumerable<string> words, string usage) => $"多余的参数：{string.Join(" ", words)}。usage: {usage}";

    /// <summary>A required option missing or blank.</summary>
    public static string MissingOption(string option, string usage) => $"缺少 --{option}。usage: {usage}";

    /// <summary>A required date option missing or blank.</summary>
    public static string MissingDate(string option) => $"缺少 --{option}，应写成 2026-01-01 这样的日期。";

    /// <summary>A date option that is not a date.</summary>
    public static string BadDate(string option, string text) => $"--{option} 的值“{text}”不是有效日期，应写成 2026-01-01 这样的格式。";

    /// <summary>The doctor verb's last line, in both languages.</summary>
    public static string DoctorDone(int blocking, int warnings) => blocking == 0
        ? $"检查完成：无阻断问题，{warnings} 项需注意。 | Done: nothing blocks, {warnings} warning(s)."
        : $"检查完成：{blocking} 项阻断问题须先处理，{warnings} 项需注意。 | Done: {blocking} blocking problem(s) to fix first, {warnings} warning(s).";

    /// <summary>The backup verb's answer.</summary>
    public static string BackedUp(string path, long bytes, int migrations) =>
        $"已备份到 {path}（{bytes / 1024.0:0.#} KB，含 {migrations} 个升级脚本记录，完整性检查通过）。";

    /// <summary>The backup failed.</summary>
    public static string BackupFailed(string detail) => $"备份失败：{detail}";

    /// <summary>The teams-package verb's answer.</summary>
    public static string TeamsPackageWritten(string path, string botId) => $"已生成 Teams 应用包 {path}（机器人 {botId}）。上传方法见 README“Teams”一节。";

    /// <summary>A file a CLI verb (import-directory, import-problems) is given that does not exist.</summary>
    public static string FileNotFound(string path) => $"未找到文件：{path}";

    /// <summary>A file a CLI verb (export, bulletin, backup, teams-package) cannot write.</summary>
    public static string CannotWrite(string detail) => $"无法写入文件：{detail}";

    /// <summary>The unreachable verb when nobody waits.</summary>
    public const string NothingWaiting = "没有等待送达的消息。";

    /// <summary>The unreachable verb's line per recipient.</summary>
    public static string Waiting(UnreachableRecipient r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return string.Create(CultureInfo.InvariantCulture,
            $"{r.Name}（{r.Channel}: {r.Address}）：{r.Waiting} 条消息等待送达，最早 {r.Since:yyyy-MM-dd HH:mm} UTC；{r.Reason}");
    }

    /// <summary>The configuration check: one validation failure.</summary>
    public static string ConfigurationError(string failure) => $"配置错误：{failure}";

    /// <summary>The configuration check: the sample directory would be seeded in production.</summary>
    public const string SeedFileInProduction = "Directory:SeedFile 不为空：空数据库会被导入示例名录。生产环境请设为空，并用 import-directory 导入本单位名录。";

    /// <summary>The configuration check passed.</summary>
    public static string ConfigurationValid(string environment) => $"配置校验通过（运行环境：{environment}）。";

    /// <summary>The office's name by default (<c>Office:Name</c>), as it heads the bulletin.</summary>
    public const string DefaultOfficeName = "云南省推进爱国卫生“7个专项行动”领导小组办公室";

    /// <summary>The Teams package: <c>BotFramework:AppId</c> missing or not a GUID.</summary>
    public const string TeamsBotIdRequired = "BotFramework:AppId 须为 Azure Bot 的 Microsoft App ID（GUID），请先配置。 | BotFramework:AppId must be the bot's Microsoft App ID (a GUID).";

    /// <summary>The Teams package: <c>Teams:AppId</c> not a GUID.</summary>
    public static string TeamsAppIdNotGuid(string appId) => $"Teams:AppId 须为 GUID（当前为“{appId}”）。 | Teams:AppId must be a GUID.";

    /// <summary>The Teams package: no domain given or configured.</summary>
    public const string TeamsDomainRequired = "请用 --domain 指定本服务的域名（如 bot.example.gov.cn），或配置 PublicBaseUrl。 | Give the bot's domain with --domain or set PublicBaseUrl.";

    /// <summary>The Teams package: a version that is not x.y.z.</summary>
    public static string TeamsBadVersion(string version) => $"--version 须为 x.y.z 形式（当前为“{version}”）。 | --version must be x.y.z.";

    /// <summary>The Teams package: an accent color that is not #RRGGBB.</summary>
    public static string TeamsBadAccent(string accent) => $"Teams:AccentColor 须为 #RRGGBB（当前为“{accent}”）。 | Teams:AccentColor must be #RRGGBB.";

    /// <summary>The Teams app's developer when <c>Office:Name</c> is not set.</summary>
    public const string TeamsDefaultOffice = "领导小组办公室";

    /// <summary>The Teams app's short name when <c>Teams:ShortName</c> is not set.</summary>
    public const string TeamsDefaultShortName = "工作督办助手";

    /// <summary>The Teams app's short description.</summary>
    public const string TeamsShortDescription = "周报提醒与报送、会议请假、通报签收";

    /// <summary>The Teams app's full description.</summary>
    public static string TeamsFullDescription(string office) =>
        $"{office}的工作机器人：按时提醒各成员单位联络员报送周报、季报，逐项对话填报；会议通知与请假；通报推送与签收统计。";
}
