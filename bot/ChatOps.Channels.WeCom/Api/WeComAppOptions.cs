using System.Net;
using Microsoft.Extensions.Options;

namespace ChatOps.Channels.WeCom.Api;

/// <summary>
/// The settings of one WeCom self-built app (应用): what the bot needs to fetch tokens, send active messages and
/// check callbacks. A class, not a record, so that <see cref="Secret"/> never ends up in a generated ToString.
/// 政务微信 is a private deployment with the same API on its own host, hence <see cref="ApiBaseUrl"/>.
/// </summary>
public sealed class WeComAppOptions
{
    /// <summary>WeCom's public API host, used unless <see cref="ApiBaseUrl"/> says otherwise.</summary>
    public const string DefaultApiBaseUrl = "https://qyapi.weixin.qq.com";

    /// <summary>A short name that tells apps apart in logs, routing and the token store (e.g. "notices"). Optional for a single app.</summary>
    public string? Name { get; set; }

    /// <summary>The corp id (企业ID); also the ReceiveId of the callback crypto.</summary>
    public string CorpId { get; set; } = string.Empty;

    /// <summary>The app's AgentId, a positive integer (kept as text so a bad value gives a clear validation message).</summary>
    public string AgentId { get; set; } = string.Empty;

    /// <summary>The app's Secret (corpsecret of gettoken). Never logged.</summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary>The callback Token (3–32 letters or digits).</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>The callback EncodingAESKey (43 letters or digits).</summary>
    public string EncodingAESKey { get; set; } = string.Empty;

    /// <summary>The API host, default <see cref="DefaultApiBaseUrl"/>; 政务微信 sets its own. HTTPS unless loopback or <see cref="AllowHttp"/>.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>
    /// Allows a plain-http <see cref="ApiBaseUrl"/> on a non-loopback host (some private 政务微信 deployments).
    /// Off by default because gettoken carries the secret in its query string.
    /// </summary>
    public bool AllowHttp { get; set; }

    /// <summary>The key that identifies this app: <see cref="Name"/> when set, else "CorpId:AgentId".</summary>
    public string Key => string.IsNullOrWhiteSpace(Name) ? $"{CorpId}:{AgentId}" : Name;

    /// <summary>The AgentId as a number (valid only after <see cref="Validate"/> returned no errors).</summary>
    public long AgentIdValue => long.Parse(AgentId, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>The token-store key of this app.</summary>
    public WeComTokenKey TokenKey => new(CorpId, AgentId);

    /// <summary>
    /// Checks the settings and returns one line per problem, each naming the configuration key under
    /// <paramref name="path"/> (e.g. "WeCom:Apps:0:EncodingAESKey must be 43 characters"). Values of secrets are never echoed.
    /// </summary>
    public IReadOnlyList<string> Validate(string path = "WeCom")
    {
        ArgumentNullException.ThrowIfNull(path);
        var errors = new List<string>();
        string K(string key) => $"{path}:{key}";

        if (string.IsNullOrWhiteSpace(CorpId))
        {
            errors.Add($"{K(nameof(CorpId))} is required");
        }
        else if (CorpId.Trim() != CorpId || CorpId.Contains('|', StringComparison.Ordinal))
        {
            errors.Add($"{K(nameof(CorpId))} must not contain spaces or '|'");
        }

        if (string.IsNullOrWhiteSpace(AgentId))
        {
            errors.Add($"{K(nameof(AgentId))} is required");
        }
        else if (!long.TryParse(AgentId, NumberStyles.None, CultureInfo.InvariantCulture, out var agentId) || agentId <= 0)
        {
            errors.Add($"{K(nameof(AgentId))} must be a positive integer");
        }

        if (string.IsNullOrWhiteSpace(Secret))
        {
            errors.Add($"{K(nameof(Secret))} is required");
        }

        if (string.IsNullOrEmpty(Token))
        {
            errors.Add($"{K(nameof(Token))} is required");
        }
        else if (Token.Length is < 3 or > 32 || !Token.All(char.IsAsciiLetterOrDigit))
        {
            errors.Add($"{K(nameof(Token))} must be 3 to 32 letters or digits");
        }

        if (string.IsNullOrEmpty(EncodingAESKey))
        {
            errors.Add($"{K(nameof(EncodingAESKey))} is required");
        }
        else if (EncodingAESKey.Length != WeComCrypto.EncodingAesKeyLength)
        {
            errors.Add($"{K(nameof(EncodingAESKey))} must be {WeComCrypto.EncodingAesKeyLength} characters");
        }
        else if (!EncodingAESKey.All(char.IsAsciiLetterOrDigit)
            || !Convert.TryFromBase64String(EncodingAESKey + "=", new byte[33], out var written) || written != 32)
        {
            errors.Add($"{K(nameof(EncodingAESKey))} must be letters and digits that decode to a 32-byte key");
        }

        if (string.IsNullOrWhiteSpace(ApiBaseUrl))
        {
            errors.Add($"{K(nameof(ApiBaseUrl))} is required");
        }
        else if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var baseUri)
            || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(baseUri.Query) || !string.IsNullOrEmpty(baseUri.Fragment))
        {
            errors.Add($"{K(nameof(ApiBaseUrl))} must be an absolute http(s) URL without query or fragment");
        }
        else if (baseUri.Scheme == Uri.UriSchemeHttp && !AllowHttp && !IsLoopback(baseUri))
        {
            errors.Add($"{K(nameof(ApiBaseUrl))} must use https (set {K(nameof(AllowHttp))} for a plain-http private deployment)");
        }

        if (Name is not null && (Name.Length == 0 || Name.Trim() != Name))
        {
            errors.Add($"{K(nameof(Name))} must not be empty or have surrounding spaces");
        }

        return errors;
    }

    /// <summary>The base URL without a trailing slash, ready for "/cgi-bin/...".</summary>
    internal string BaseUrlTrimmed => ApiBaseUrl.TrimEnd('/');

    internal static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}

/// <summary>
/// The "WeCom" configuration section: several apps (agents) may be configured, e.g. one for notices and one for
/// interactive dialogs, each with its own secret and token. Validation names keys as WeCom:Apps:{index}:{Key}.
/// </summary>
public sealed class WeComOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "WeCom";

    /// <summary>The configured apps.</summary>
    public IList<WeComAppOptions> Apps { get; } = new List<WeComAppOptions>();

    /// <summary>Validates every app plus cross-app rules (names required when several apps, names and CorpId+AgentId unique).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Apps.Count == 0)
        {
            errors.Add($"{SectionName}:Apps must configure at least one app");
            return errors;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var agents = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Apps.Count; i++)
        {
            var app = Apps[i];
            var path = string.Create(CultureInfo.InvariantCulture, $"{SectionName}:Apps:{i}");
            errors.AddRange(app.Validate(path));
            if (Apps.Count > 1 && string.IsNullOrWhiteSpace(app.Name))
            {
                errors.Add($"{path}:Name is required when several apps are configured");
            }

            if (!string.IsNullOrWhiteSpace(app.Name) && !names.Add(app.Name))
            {
                errors.Add($"{path}:Name duplicates another app's name");
            }

            if (!string.IsNullOrWhiteSpace(app.CorpId) && !string.IsNullOrWhiteSpace(app.AgentId) && !agents.Add($"{app.CorpId}:{app.AgentId}"))
            {
                errors.Add($"{path}:AgentId duplicates another app with the same CorpId");
            }
        }

        return errors;
    }
}

/// <summary>Plugs <see cref="WeComOptions.Validate"/> into the options pipeline so a bad configuration fails at start-up with clear lines.</summary>
public sealed class WeComOptionsValidator : IValidateOptions<WeComOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WeComOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
