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
                WeComText.SecretWrong,
                "The app Secret is wrong or was reset: view it in the WeCom admin console (App Management → the app → Secret), update the Secret setting and restart.", true),
            40013 => new(errCode,
                WeComText.CorpIdWrong,
                "The corp id is wrong: compare CorpId with My Company → Company Information → Company ID in the admin console.", true),
            40056 => new(errCode,
                WeComText.AgentIdWrong,
                "The AgentId is wrong: compare it with the app's page in App Management.", true),
            41001 => new(errCode,
                WeComText.TokenNotSent,
                "The call carried no access_token: fix the gettoken error first.", true),
            41002 or 41004 => new(errCode,
                WeComText.CredentialsMissing,
                "corpid or Secret is missing: set CorpId and Secret.", true),
            40014 or 42001 => new(errCode,
                WeComText.TokenExpired,
                "The access_token is invalid or expired: normally refreshed automatically; if it persists, another program may be fetching tokens with the same Secret.", false),
            48002 or 301002 => new(errCode,
                WeComText.NoPermission,
                "The app may not call this API: check the app's permissions in the admin console.", true),
            60011 or 81013 => new(errCode,
                WeComText.OutsideVisibleRange,
                "The recipients are outside the app's visible range: add the liaisons' departments or members under App Management → the app → Visible Range.", false),
            60020 => new(errCode,
                WeComText.IpNotTrusted(ip),
                (ip is null ? "This server's egress IP" : $"This server's egress IP {ip}") +
                " is not in the app's trusted IPs (企业可信IP): add it under App Management → the app → 企业可信IP (each server or NAT address).", true),
            -1 => new(errCode,
                WeComText.Busy,
                "WeCom is busy: retried automatically; if it persists, check the network or contact Tencent support.", false),
            45009 or 45033 or 45047 => new(errCode,
                WeComText.RateLimited,
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
