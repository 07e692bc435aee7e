namespace ChatOps.Channels.WeCom;

/// <summary>The doctor's WeCom findings and what WeCom's errcodes mean to the office's IT staff.</summary>
public static partial class WeComText
{
    /// <summary>The app's settings are incomplete, so WeCom was not contacted.</summary>
    public static string SettingsIncomplete(IEnumerable<string> errors) => $"配置不完整，未连接企业微信：{string.Join("；", errors)}。";

    /// <summary>The callback URL when no public base URL is configured.</summary>
    public static string CallbackPlaceholder(string path) => $"https://<本服务的域名>{path}";

    /// <summary>Where the admin console takes the callback URL.</summary>
    public static string CallbackInstructions(string callback) =>
        $"管理后台“应用管理 → 本应用 → 接收消息 → 设置API接收”请填写 URL：{callback}，Token 与 EncodingAESKey 填写与配置相同的值。";

    /// <summary>gettoken succeeded.</summary>
    public const string TokenIssued = "CorpId 与 Secret 正确，已取得 access_token。";

    /// <summary>gettoken answered without a token.</summary>
    public const string TokenMissing = "gettoken 未返回 access_token：请检查 ApiBaseUrl 是否指向企业微信 API。";

    /// <summary>A WeCom API answered an HTTP error.</summary>
    public static string HttpError(string api, int status, string root) => $"{api} 返回 HTTP {status}：请检查 ApiBaseUrl（{root}）和出网代理。";

    /// <summary>A WeCom API answered an errcode; <paramref name="advice"/> is its meaning, when known.</summary>
    public static string ApiFailed(string api, int code, string? advice, string? message) =>
        $"{api} 失败，错误码 {code}：{advice ?? "请对照企业微信全局错误码说明处理。"}（{message}）";

    /// <summary>The WeCom API cannot be reached.</summary>
    public static string ApiUnreachable(string root, string detail) =>
        $"无法访问企业微信接口 {root}（{detail}）：请确认本服务器可出网访问该地址的 443 端口（防火墙、代理），政务微信请核对 ApiBaseUrl。";

    /// <summary>agent/get succeeded, so this server's egress IP is trusted.</summary>
    public const string IpTrusted = "本服务器出口IP在企业可信IP内，接口可调用。";

    /// <summary>The app is disabled.</summary>
    public const string AppDisabled = "应用已停用：请在管理后台启用该应用。";

    /// <summary>The app's visible range is empty.</summary>
    public const string VisibleRangeEmpty = "应用“可见范围”为空，机器人无法给任何人发消息：请在“应用管理 → 本应用 → 可见范围”加入联络员所在部门。";

    /// <summary>The app's visible range.</summary>
    public static string VisibleRange(int parties, int users, int tags) => $"可见范围：{parties} 个部门、{users} 名成员、{tags} 个标签。";

    /// <summary>No trusted domain, so the console cannot be signed in to from WeCom.</summary>
    public const string NoTrustedDomain = "未设置可信域名：如需在企业微信内登录办公室控制台，请在“网页授权及JS-SDK → 可信域名”填写本服务域名，并配置 WeCom:DomainVerification。";

    /// <summary>The app's trusted domain.</summary>
    public static string TrustedDomain(string domain) => $"可信域名：{domain}。";

    /// <summary>40001, 40091: the Secret.</summary>
    public const string SecretWrong = "应用 Secret 错误或已重置：请在企业微信管理后台“应用管理 → 自建应用 → 本应用 → Secret”查看（发送到管理员企业微信），更新 WeCom Secret 配置后重启。";

    /// <summary>40013: the corp id.</summary>
    public const string CorpIdWrong = "企业ID（CorpID）错误：请在管理后台“我的企业 → 企业信息 → 企业ID”核对 CorpId 配置。";

    /// <summary>40056: the agent id.</summary>
    public const string AgentIdWrong = "AgentId 错误：请在“应用管理 → 本应用”页面核对 AgentId 配置。";

    /// <summary>41001: a call without a token.</summary>
    public const string TokenNotSent = "请求缺少 access_token：获取令牌失败后仍在调用接口，请先处理上面的 gettoken 错误。";

    /// <summary>41002, 41004: corp id or Secret missing.</summary>
    public const string CredentialsMissing = "缺少 corpid 或 Secret：请在配置中填写 CorpId 和 Secret。";

    /// <summary>40014, 42001: the token is invalid or expired.</summary>
    public const string TokenExpired = "access_token 无效或已过期：通常会自动刷新；若持续出现，请检查是否有其他程序用同一 Secret 频繁获取令牌。";

    /// <summary>48002, 301002: the app lacks the permission.</summary>
    public const string NoPermission = "应用无权调用该接口：请在管理后台检查该应用的权限（如“企业微信授权登录”“通讯录”可见范围）。";

    /// <summary>60011, 81013: recipients outside the visible range.</summary>
    public const string OutsideVisibleRange = "接收人不在应用的“可见范围”内：请在“应用管理 → 本应用 → 可见范围”加入所有联络员所在部门或成员。";

    /// <summary>60020: this server's egress IP (when WeCom names it) is not trusted.</summary>
    public static string IpNotTrusted(string? ip) =>
        (ip is null ? "本服务器的出口IP" : $"本服务器的出口IP {ip} ") +
        "不在企业可信IP中：请在管理后台“应用管理 → 本应用 → 企业可信IP → 配置”加入该IP（多台服务器或NAT时逐一加入）。";

    /// <summary>-1: WeCom is busy.</summary>
    public const string Busy = "企业微信系统繁忙：稍后会自动重试；若长时间持续，请检查网络或联系腾讯客服。";

    /// <summary>45009, 45033, 45047: the call frequency limit.</summary>
    public const string RateLimited = "调用频率超限：机器人会自动放慢发送，无需处理；若频繁出现，请减少同时运行的实例或其他使用同一应用的程序。";
}
