namespace ChatOps.Core.Organization;

/// <summary>Who may use the office console and its API, as the console, the API and token issuing tell a person.</summary>
public static partial class DirectoryText
{
    /// <summary>A bearer token that is unknown or revoked.</summary>
    public const string TokenInvalid = "接口令牌无效或已撤销，请在办公室工作台“接口令牌”页重新申请。";

    /// <summary>An API request without a session or a token.</summary>
    public const string SignInOrToken = "请先登录办公室工作台，或在请求头 Authorization 中提供个人接口令牌（Bearer）。";

    /// <summary>A console form posted without its antiforgery token.</summary>
    public const string AntiforgeryMissing = "缺少或无效的防伪令牌（RequestVerificationToken），请从办公室工作台页面提交。";

    /// <summary>The default name of a token.</summary>
    public const string DefaultTokenName = "接口令牌";

    /// <summary>The longest token name.</summary>
    public const int MaxTokenName = 100;

    /// <summary>A token name over the limit.</summary>
    public static readonly string TokenNameTooLong = $"令牌名称不能超过{MaxTokenName}个字。";

    /// <summary>Someone outside the office asks for an API token.</summary>
    public static string NoTokenForNonOffice(Person person) => $"{person.Name}不是领导小组办公室人员，不能申请办公室接口令牌。";

    /// <summary>Someone outside the office calls the office API.</summary>
    public static string ApiForOfficeOnly(Person person) => $"{person.Name}不是领导小组办公室人员，无权使用办公室接口。";

    /// <summary>The console's refusal for someone without an office role (liaisons work in chat).</summary>
    public static string ConsoleRefused(Person person) =>
        $"{person.Name}同志：办公室工作台供领导小组办公室、分管领导、会议主持人和督战组使用。联络员请在企业微信（或 Teams）中与机器人对话，完成填报、请假和确认收到通报。";
}
