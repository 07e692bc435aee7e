using System.Text.RegularExpressions;
using ChatOps.Channels.BotFramework.Connector;
using Microsoft.Extensions.Options;

namespace ChatOps.Channels.BotFramework.Hosting;

/// <summary>
/// Bot Framework settings (section <c>BotFramework</c>): the bot's Microsoft Entra app registration, and the service
/// URLs, overridable so tests run the real token validation and client-credentials flow against local fakes. Without an
/// <see cref="AppId"/> the channel only works in Development, anonymously, as with the Bot Framework Emulator.
/// </summary>
public sealed class BotFrameworkOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "BotFramework";

    /// <summary>Gets or sets the Microsoft App ID (the Entra app's client id); the audience of inbound tokens.</summary>
    public string? AppId { get; set; }

    /// <summary>Gets or sets the app's client secret, for outbound tokens (keep it in user secrets or the environment).</summary>
    public string? AppPassword { get; set; }

    /// <summary>Gets or sets the bot's Entra tenant for a single-tenant bot (outbound tokens come from its authority); empty: multi-tenant.</summary>
    public string? TenantId { get; set; }

    /// <summary>Gets or sets the Bot Connector OpenID metadata URL (inbound token keys).</summary>
    public string? OpenIdMetadataUrl { get; set; } = BotAuthenticationOptions.DefaultOpenIdMetadataUrl.ToString();

    /// <summary>Gets or sets the Emulator OpenID metadata URL.</summary>
    public string? EmulatorOpenIdMetadataUrl { get; set; } = BotAuthenticationOptions.DefaultEmulatorOpenIdMetadataUrl.ToString();

    /// <summary>Gets or sets whether tokens of the Bot Framework Emulator (signed in with the bot's own app id) are accepted.</summary>
    public bool AllowEmulatorTokens { get; set; } = true;

    /// <summary>
    /// Gets or sets how many inbound tokens already checked are kept, so that a token the Bot Connector sends again is not
    /// verified again in full; 0 verifies every token in full.
    /// </summary>
    public int CheckedTokens { get; set; } = BotAuthenticationOptions.DefaultCheckedTokens;

    /// <summary>Gets or sets the OAuth token endpoint; empty: botframework.com, or the tenant's authority when <see cref="TenantId"/> is set.</summary>
    public string? TokenEndpoint { get; set; }

    /// <summary>Gets or sets the scope of outbound tokens.</summary>
    public string Scope { get; set; } = BotFrameworkTokenClient.DefaultScope;

    /// <summary>Gets or sets the largest activity accepted on /api/messages, in bytes.</summary>
    public int MaxActivityBytes { get; set; } = ActivityParser.DefaultMaxBytes;

    /// <summary>
    /// Gets the Bot Connector service URL per Teams tenant (<c>BotFramework:ServiceUrls:{tenantId}</c>, e.g.
    /// https://smba.trafficmanager.net/apac/{tenantId}/), used to start a 1:1 conversation with someone the bot never heard from.
    /// </summary>
    public Dictionary<string, string> ServiceUrls { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the service URL for a tenant not listed in <see cref="ServiceUrls"/> (<c>BotFramework:DefaultServiceUrl</c>).</summary>
    public string? DefaultServiceUrl { get; set; }

    /// <summary>Gets the tenant people belong to: <see cref="TenantId"/>, else the only tenant of <see cref="ServiceUrls"/>.</summary>
    public string? EffectiveTenantId => !string.IsNullOrWhiteSpace(TenantId) ? TenantId.Trim() : ServiceUrls.Count == 1 ? ServiceUrls.Keys.Single() : null;

    /// <summary>The service URL to start conversations in <paramref name="tenantId"/>; null when none is configured.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <returns>The URL, or null.</returns>
    public string? ServiceUrlFor(string? tenantId) =>
        tenantId is null ? null
        : ServiceUrls.TryGetValue(tenantId, out var url) && !string.IsNullOrWhiteSpace(url) ? url.Trim()
        : string.IsNullOrWhiteSpace(DefaultServiceUrl) ? null : DefaultServiceUrl.Trim();

    /// <summary>Gets a value indicating whether an app id is configured.</summary>
    public bool HasAppId => !string.IsNullOrWhiteSpace(AppId);

    /// <summary>The token endpoint in effect.</summary>
    /// <returns>The configured endpoint, else the tenant's or botframework.com's.</returns>
    public Uri EffectiveTokenEndpoint() =>
        string.IsNullOrWhiteSpace(TokenEndpoint) ? BotFrameworkTokenClient.TokenEndpointFor(TenantId) : new Uri(TokenEndpoint.Trim());

    /// <summary>
    /// Whether the channel is on: with an app id, or anonymously in Development (replies then go to the serviceUrl
    /// without a token, like the Emulator). Decided at registration from configuration and environment.
    /// </summary>
    /// <param name="appId">The configured app id.</param>
    /// <param name="isDevelopment">Whether the host runs in Development.</param>
    /// <returns>True when the channel's sender is registered.</returns>
    public static bool IsEnabled(string? appId, bool isDevelopment) => !string.IsNullOrWhiteSpace(appId) || isDevelopment;
}

/// <summary>Checks <see cref="BotFrameworkOptions"/> at start-up; each problem is one line naming the key.</summary>
internal sealed partial class BotFrameworkOptionsValidator : IValidateOptions<BotFrameworkOptions>
{
    public ValidateOptionsResult Validate(string? name, BotFrameworkOptions options)
    {
        var failures = new List<string>();
        if (options.HasAppId)
        {
            if (!Guid.TryParse(options.AppId!.Trim(), out _))
            {
                failures.Add($"BotFramework:AppId must be the bot's Microsoft App ID, a GUID (got '{options.AppId}').");
            }

            if (string.IsNullOrWhiteSpace(options.AppPassword))
            {
                failures.Add("BotFramework:AppPassword is required when BotFramework:AppId is set (the client secret of the bot's app registration).");
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.AppPassword) || !string.IsNullOrWhiteSpace(options.TenantId))
        {
            failures.Add("BotFramework:AppId is required when BotFramework:AppPassword or BotFramework:TenantId is set.");
        }

        if (!string.IsNullOrWhiteSpace(options.TenantId) && !TenantPattern().IsMatch(options.TenantId.Trim()))
        {
            failures.Add($"BotFramework:TenantId must be the bot's Entra tenant id (a GUID) or domain (got '{options.TenantId}').");
        }

        CheckUrl(failures, "BotFramework:OpenIdMetadataUrl", options.OpenIdMetadataUrl, required: true);
        CheckUrl(failures, "BotFramework:EmulatorOpenIdMetadataUrl", options.EmulatorOpenIdMetadataUrl, required: true);
        CheckUrl(failures, "BotFramework:TokenEndpoint", options.TokenEndpoint, required: false);
        if (string.IsNullOrWhiteSpace(options.Scope))
        {
            failures.Add($"BotFramework:Scope must not be empty (the default is '{BotFrameworkTokenClient.DefaultScope}').");
        }

        if (options.MaxActivityBytes is < 1024 or > 16 * 1024 * 1024)
        {
            failures.Add($"BotFramework:MaxActivityBytes must be between 1024 and 16777216 (got {options.MaxActivityBytes}).");
        }

        if (options.CheckedTokens is < 0 or > 1_000_000)
        {
            failures.Add($"BotFramework:CheckedTokens must be between 0 (verify every token in full) and 1000000 (got {options.CheckedTokens}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrl(List<string> failures, string key, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                failures.Add($"{key} must be an absolute http(s) URL (it is empty).");
            }

            return;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{key} must be an absolute http(s) URL (got '{value}').");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.-]{0,253}$")]
    private static partial Regex TenantPattern();
}
