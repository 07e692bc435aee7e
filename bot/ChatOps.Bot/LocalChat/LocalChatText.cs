namespace ChatOps.Bot.LocalChat;

/// <summary>
/// Every Chinese text the local web chat's API answers with (its refusals and the picker's section names), in one class
/// so the wording is reviewed in one place. Outside it stay only the page itself (wwwroot) and the role and unit-kind
/// names the picker takes from the vocabulary.
/// </summary>
public static partial class LocalChatText
{
    /// <summary>A message that is not the expected JSON.</summary>
    public const string BadRequest = "请求格式不正确：应为 JSON，包含 personId、text 或 action、clientId。";

    /// <summary>A message or a poll without a person.</summary>
    public const string ChoosePerson = "请先选择人员。";

    /// <summary>A message without its client id, or with one too long.</summary>
    public const string ClientIdMissing = "缺少消息编号（clientId），或编号过长。";

    /// <summary>A message with neither text nor a button's value.</summary>
    public const string EmptyMessage = "消息内容不能为空。";

    /// <summary>A button's value over the limit.</summary>
    public const string ActionTooLong = "按钮取值过长。";

    /// <summary>A poll whose <c>after</c> is not a non-negative number.</summary>
    public const string BadAfter = "参数 after 应为不小于 0 的整数。";

    /// <summary>The database failed while serving a request; the page keeps the message to send again.</summary>
    public const string DatabaseUnavailable = "数据库暂时无法写入，消息未能保存，请稍后重试。(Service unavailable: the database cannot be written; please try again later.)";

    /// <summary>The host has no inbox or outbox yet.</summary>
    public const string NotReady = "消息服务尚未就绪（收件箱或发件箱未配置），请稍后再试。";

    /// <summary>An upload without its client id or its file.</summary>
    public const string UploadIncomplete = "缺少消息编号（clientId）或文件。";

    /// <summary>An upload for a person not in the directory.</summary>
    public const string UploadUnknownPerson = "名录中没有这个人员，请刷新页面后重新选择。";

    /// <summary>An upload while the host has no inbox yet.</summary>
    public const string UploadNotReady = "服务正在启动，请稍后重试。";

    /// <summary>The picker's section of the leading group and its office.</summary>
    public const string OfficeGroup = "领导小组及办公室";

    /// <summary>The picker's section of people whose unit is not on file.</summary>
    public const string OtherGroup = "其他人员";

    /// <summary>A typed message over the limit.</summary>
    public static string TooLong(int max, int length) =>
        string.Create(CultureInfo.InvariantCulture, $"消息过长：最多 {max} 字，当前 {length} 字。");

    /// <summary>A person id not (or no longer) in the directory.</summary>
    public static string UnknownPerson(string personId) => $"名录中没有编号为“{personId}”的人员（可能已停用），请重新选择。";

    /// <summary>An upload the server could not read as a form (too large, or not multipart).</summary>
    public static string UploadUnreadable(long maxBytes) =>
        $"上传失败：文件不能超过 {ChatOps.Core.Files.Size(maxBytes)}，且须以表单（personId、clientId、file）提交。";
}
