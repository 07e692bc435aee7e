using System.Text.RegularExpressions;

namespace ChatOps.Channels.WeCom.Api;

/// <summary>What an errcode means to whoever runs the bot, in Chinese and English, and whether it breaks the whole app.</summary>
/// <param name="ErrCode">WeCom's errcode.</param>
/// <param name="Chinese">Meaning and what to do, for the office's IT staff.</param>
/// <param name="English">The same for the vendor.</param>
/// <param name="BreaksApp">True when no call of the app can succeed until an administrator acts (secret, IP, permissions).</param>
public sealed partial record WeComErrorAdvice(int ErrCode, string Chinese, string English, bool BreaksApp)
{
    /// <summary>
    /// The advice for <paramref name="errCode"/> (WeCom's 全局错误码), or null for codes that concern one message only.
    /// <paramref name="errMsg"/> supplies the egress IP WeCom reports with 60020 ("from ip: 1.2.3.4").
    /// </summary>
    public static WeComErrorAdvice? For(int errCode, string? errMsg = null)
    {
        var ip = errMsg is null ? null : FromIp().Match(errMsg) is { Success: true } m ? m.Groups[1].Value : null;
        return errCode switch
        {
            40001 or 40091 => new(errCode,
                "应用 Secret 错误或已重置：请在企业微信管理后台“应用管理 → 自建应用 → 本应用 → Secret”查看（发送到管理员企业微信），更新 WeCom Secret 配置后重启。",
                "The app Secret is wrong or was reset: view it in the WeCom admin console (App Management → the app → Secret), update the Secret setting and restart.", true),
            40013 => new(errCode,
                "企业ID（CorpID）错误：请在管理后台“我的企业 → 企业信息 → 企业ID”核对 CorpId 配置。",
                "The corp id is wrong: compare CorpId with My Company → Company Information → Company ID in the admin console.", true),
            40056 => new(errCode,
                "AgentId 错误：请在“应用管理 → 本应用”页面核对 AgentId 配置。",
                "The AgentId is wrong: compare it with the app's page in App Management.", true),
            41001 => new(errCode,
                "请求缺少 access_token：获取令牌失败后仍在调用接口，请先处理上面的 gettoken 错误。",
                "The call carried no access_token: fix the gettoken error first.", true),
            41002 or 41004 => new(errCode,
                "缺少 corpid 或 Secret：请在配置中填写 CorpId 和 Secret。",
                "corpid or Secret is missing: set CorpId and Secret.", true),
            40014 or 42001 => new(errCode,
                "access_token 无效或已过期：通常会自动刷新；若持续出现，请检查是否有其他程序用同一 Secret 频繁获取令牌。",
                "The access_token is invalid or expired: normally refreshed automatically; if it persists, another program may be fetching tokens with the same Secret.", false),
            48002 or 301002 => new(errCode,
                "应用无权调用该接口：请在管理后台检查该应用的权限（如“企业微信授权登录”“通讯录”可见范围）。",
                "The app may not call this API: check the app's permissions in the admin console.", true),
            60011 or 81013 => new(errCode,
                "接收人不在应用的“可见范围”内：请在“应用管理 → 本应用 → 可见范围”加入所有联络员所在部门或成员。",
                "The recipients are outside the app's visible range: add the liaisons' departments or members under App Management → the app → Visible Range.", false),
            60020 => new(errCode,
                (ip is null ? "本服务器的出口IP" : $"本服务器的出口IP {ip} ") +
                "不在企业可信IP中：请在管理后台“应用管理 → 本应用 → 企业可信IP → 配置”加入该IP（多台服务器或NAT时逐一加入）。",
                (ip is null ? "This server's egress IP" : $"This server's egress IP {ip}") +
                " is not in the app's trusted IPs (企业可信IP): add it under App Management → the app → 企业可信IP (each server or NAT address).", true),
            -1 => new(errCode,
                "企业微信系统繁忙：稍后会自动重试；若长时间持续，请检查网络或联系腾讯客服。",
                "WeCom is busy: retried automatically; if it persists, check the network or contact Tencent support.", false),
            45009 or 45033 or 45047 => new(errCode,
                "调用频率超限：机器人会自动放慢发送，无需处理；若频繁出现，请减少同时运行的实例或其他使用同一应用的程序。",
                "Call frequency limit: the bot backs off by itself; if frequent, reduce other programs using the same app.", false),
            _ => null,
        };
    }

    /// <summary>The advice for an error text the client produced ("WeCom message/send failed with errcode 60020: …").</summary>
    public static WeComErrorAdvice? ForError(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var m = ErrCodeInText().Match(error);
        return m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code)
            ? For(code, error)
            : null;
    }

    [GeneratedRegex(@"from ip:\s*([0-9a-fA-F.:]+)")]
    private static partial Regex FromIp();

    [GeneratedRegex(@"errcode\s+(-?\d+)")]
    private static partial Regex ErrCodeInText();
}
