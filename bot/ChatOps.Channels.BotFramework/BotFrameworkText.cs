namespace ChatOps.Channels.BotFramework;

/// <summary>
/// Every Chinese text the Bot Framework (Teams) channel shows, in one place to read and reword: answered and expired
/// cards, the download button, the office's notice about an unreachable recipient, the group kind's label, the names
/// of unnamed attachments and the doctor's findings. Outside it stay the English halves of the findings and
/// explanations (for the vendor).
/// </summary>
public static class BotFrameworkText
{
    /// <summary>What an expired card shows instead of its buttons once clicked.</summary>
    public const string ExpiredCaption = "已失效";

    /// <summary>What an answered card shows instead of its buttons: "已选择：提交".</summary>
    public static string Chosen(string answer) => $"已选择：{answer}";

    /// <summary>The button of a file's card that opens its download link.</summary>
    public const string Download = "下载";

    /// <summary>The label of a Teams / Bot Framework group conversation's kind.</summary>
    public const string ConversationLabel = "Teams/Bot Framework 群聊";

    /// <summary>The name of an inbound picture sent without one.</summary>
    public const string UnnamedPicture = "图片";

    /// <summary>The name of an inbound file sent without one.</summary>
    public const string UnnamedFile = "文件";

    /// <summary>A group conversation as the unreachable notice names it: 群聊“联络员群”.</summary>
    public static string GroupName(string name) => $"群聊“{name}”";

    /// <summary>The office's notice that a person or group can no longer be reached on Teams / Web Chat.</summary>
    public static string Unreachable(string who) =>
        $"【消息无法送达】{who}在 Teams / Web Chat 上已无法接收机器人消息（机器人被屏蔽、卸载或移出会话）。" +
        "后续提醒将无法送达，请联系其重新添加机器人，或在名录中改用其他渠道。";

    /// <summary>The doctor: no app id, so the channel is off.</summary>
    public const string NotConfigured = "未配置 BotFramework:AppId，Teams 渠道未启用（仅开发环境可匿名连接模拟器）。";

    /// <summary>The doctor: the settings are invalid, so Azure was not contacted.</summary>
    public static string SettingsInvalid(IEnumerable<string> failures) => $"配置有误，未连接 Azure：{string.Join("；", failures)}";

    /// <summary>AADSTS7000215, AADSTS7000222: the client secret.</summary>
    public const string SecretWrong = "机器人的客户端密码（BotFramework:AppPassword）错误或已过期：请在 Azure 门户“应用注册 → 本应用 → 证书和密码”新建客户端密码，更新配置后重启（密码到期前须轮换）。";

    /// <summary>AADSTS700016: the app is not in the tenant.</summary>
    public const string AppNotInTenant = "在该租户中未找到此应用（BotFramework:AppId 或 TenantId 错误）：请核对 Azure Bot“配置”页的 Microsoft App ID 和应用租户。";

    /// <summary>AADSTS90002: the tenant.</summary>
    public const string TenantNotFound = "未找到租户（BotFramework:TenantId 错误）：单租户机器人请填写其 Entra 租户ID，多租户请留空。";

    /// <summary>Another AADSTS code.</summary>
    public static string CredentialsRefused(string code) => $"Azure 拒绝了机器人的凭据（{code}）：请核对 BotFramework:AppId、AppPassword、TenantId。";

    /// <summary>The token endpoint cannot be reached.</summary>
    public const string TokenEndpointUnreachable = "无法访问 Azure 令牌服务（login.microsoftonline.com）：请允许本服务器出网访问该地址的 443 端口（防火墙、代理）。";

    /// <summary>The token endpoint or the connector answered 401.</summary>
    public const string CredentialsRefusedByService = "Azure 或 Bot Connector 拒绝了机器人的凭据：请核对 BotFramework:AppId、AppPassword、TenantId。";

    /// <summary>The doctor: a token was issued.</summary>
    public const string TokenIssued = "已从 Azure 取得机器人的访问令牌（AppId 与 AppPassword 正确）。";

    /// <summary>The doctor: no token; <paramref name="explanation"/> is the error's meaning, when known.</summary>
    public static string TokenFailed(string? explanation, string detail) => $"取得访问令牌失败：{explanation ?? "请核对 BotFramework 配置。"}（{detail}）";

    /// <summary>The doctor: the connector's OpenID metadata and keys are reachable.</summary>
    public static string MetadataReachable(int keys) => $"Bot Connector 的 OpenID 元数据可访问（{keys} 个签名密钥），可以验证 Teams 发来的消息。";

    /// <summary>The doctor: the key set is empty.</summary>
    public const string KeySetEmpty = "OpenID 密钥集为空，无法验证 Teams 发来的消息。";

    /// <summary>The doctor: the connector's OpenID metadata cannot be read.</summary>
    public static string MetadataUnreadable(string url, string detail) =>
        $"无法读取 Bot Connector 的 OpenID 元数据 {url}（{detail}）：Teams 发来的消息都将被拒绝（401）。请允许出网访问 login.botframework.com 的 443 端口。";
}
