using System.Text.Json.Nodes;

namespace ChatOps.Testing;

/// <summary>
/// Claim sets shaped like the tokens of the Bot Connector service and of the Bot Framework Emulator, per the Bot
/// Connector authentication document.
/// </summary>
public static class BotTokenClaims
{
    /// <summary>The issuer of Bot Connector tokens.</summary>
    public const string ChannelIssuer = "https://api.botframework.com";

    /// <summary>An Emulator v1.0 token issuer (security protocol v3.1).</summary>
    public const string EmulatorIssuerV1 = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";

    /// <summary>An Emulator v2.0 token issuer (security protocol v3.2).</summary>
    public const string EmulatorIssuerV2 = "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0";

    /// <summary>Claims of a token the Bot Connector sends to a bot.</summary>
    /// <param name="appId">The bot's app id (audience).</param>
    /// <param name="serviceUrl">The serviceurl claim.</param>
    /// <param name="now">Issue time.</param>
    /// <param name="lifetime">Validity; 1 hour by default.</param>
    /// <returns>The claims.</returns>
    public static JsonObject Channel(string appId, string serviceUrl, DateTimeOffset now, TimeSpan? lifetime = null) => new()
    {
        ["serviceurl"] = serviceUrl,
        ["nbf"] = now.ToUnixTimeSeconds(),
        ["exp"] = (now + (lifetime ?? TimeSpan.FromHours(1))).ToUnixTimeSeconds(),
        ["iss"] = ChannelIssuer,
        ["aud"] = appId,
    };

    /// <summary>Claims of an Emulator token: v1.0 carries the caller in <c>appid</c>, v2.0 in <c>azp</c>.</summary>
    /// <param name="appId">The bot's app id (audience).</param>
    /// <param name="callerAppId">The app id that requested the token (the bot itself when genuine).</param>
    /// <param name="issuer">The issuer.</param>
    /// <param name="version"><c>1.0</c> or <c>2.0</c>.</param>
    /// <param name="now">Issue time.</param>
    /// <returns>The claims.</returns>
    public static JsonObject Emulator(string appId, string callerAppId, string issuer, string version, DateTimeOffset now)
    {
        var claims = new JsonObject
        {
            ["aud"] = appId,
            ["iss"] = issuer,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
            ["ver"] = version,
        };
        claims[version == "2.0" ? "azp" : "appid"] = callerAppId;
        return claims;
    }
}
