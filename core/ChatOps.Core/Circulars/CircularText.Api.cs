namespace ChatOps.Core.Circulars;

/// <summary>What the office API (<c>/api/circulars</c>) and the console page answer about a request itself, and the console's export.</summary>
public sealed partial class CircularText
{
    /// <summary>An upload that is not multipart/form-data.</summary>
    public const string UploadAsMultipart = "请以 multipart/form-data 上传文件（字段名 file）。";

    /// <summary>No such attachment.</summary>
    public const string AttachmentNotFound = "未找到该附件。";

    /// <summary>A body that is not JSON.</summary>
    public const string JsonRequired = "请求体须为 JSON（Content-Type: application/json）。";

    /// <summary>A body over the limit.</summary>
    public const string RequestTooLarge = "请求体过大。";

    /// <summary>An empty body.</summary>
    public const string RequestEmpty = "请求体不能为空。";

    /// <summary>The title of a validation problem.</summary>
    public const string InvalidTitle = "公文内容有误";

    /// <summary>The title of a 401.</summary>
    public const string UnauthorizedTitle = "未授权";

    /// <summary>The title of a 400.</summary>
    public const string BadRequestTitle = "请求有误";

    /// <summary>The title of a 403.</summary>
    public const string ForbiddenTitle = "无权操作";

    /// <summary>The title of a 404.</summary>
    public const string NotFoundTitle = "未找到";

    /// <summary>The title of a 409.</summary>
    public const string ConflictTitle = "状态不允许";

    /// <summary>The console's default notice after sending.</summary>
    public const string SentNotice = "已发出。";

    /// <summary>The console's default notice after saving a draft.</summary>
    public const string DraftSaved = "草稿已保存。";

    /// <summary>The console's form with no target chosen.</summary>
    public const string ChooseTargetsInForm = "请从列表中选择发送对象（群聊、成员单位、角色或人员），或勾选全体人员。";

    /// <summary>The console's export of the list: its file name.</summary>
    public const string ExportFile = "通报通知.xlsx";

    /// <summary>The console's export of the list: its columns.</summary>
    public static IReadOnlyList<string> ExportColumns { get; } = ["文号", "类别", "标题", "状态", "发出时间", "应回执", "已回执"];

    /// <summary>The console's notice after 立即提醒.</summary>
    public static string Reminded(int people) => string.Create(CultureInfo.InvariantCulture, $"已提醒{people}名未回执人员。");

    /// <summary>A body that is not valid JSON.</summary>
    public static string InvalidJson(string error) => $"请求体不是有效的 JSON：{error}";

    /// <summary>No document with that id (the API says 公文: any kind).</summary>
    public static string DocumentNotFound(long id) => string.Create(CultureInfo.InvariantCulture, $"未找到编号为 #{id} 的公文。");

    /// <summary>A target of the API's JSON that is not understood.</summary>
    public static string UnknownApiTarget(string? kind) =>
        $"发送对象“{kind}”无法识别，可用：group（群聊）、unit（成员单位）、role（角色）、person（人员）、everyone（全体人员），除全体人员外须提供 code。";

    /// <summary>A console upload over the limit.</summary>
    public static string UploadTooLarge(string fileName, long max) => string.Create(CultureInfo.InvariantCulture, $"附件“{fileName}”超过 {max / (1024 * 1024)} MB。");

    /// <summary>Stored but not sent (the console).</summary>
    public static string SavedNotSent(string errors) => $"草稿已保存，但未能发出：{errors}";
}
