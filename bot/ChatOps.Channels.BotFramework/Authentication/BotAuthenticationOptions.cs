namespace ChatOps.Channels.BotFramework;

/// <summary>
/// Settings of <see cref="BotAuthenticator"/>. The defaults are the public Azure values from the Bot Connector
/// authentication document; the URLs are settable so tests (and other clouds) can point them elsewhere.
/// </summary>
public sealed class BotAuthenticationOptions
{
    /// <summary>The Bot Connector service's OpenID metadata document.</summary>
    public static readonly Uri DefaultOpenIdMetadataUrl = new("https://login.botframework.com/v1/.well-known/openidconfiguration");

    /// <summary>The OpenID metadata document whose keys sign Bot Framework Emulator tokens.</summary>
    public static readonly Uri DefaultEmulatorOpenIdMetadataUrl =
        new("https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration");

    /// <summary>The issuer of tokens the Bot Connector service sends to bots.</summary>
    public const string DefaultChannelIssuer = "https://api.botframework.com";

    /// <summary>The issuers of Emulator tokens (security protocol v3.1 and v3.2, v1.0 and v2.0 tokens).</summary>
    public static readonly IReadOnlyList<string> DefaultEmulatorIssuers =
    [
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
    ];

    /// <summary>Gets or sets the bot's Microsoft App ID: the required audience. Empty means no authentication is possible.</summary>
    public string? AppId { get; set; }

    /// <summary>
    /// Gets or sets the bot's Microsoft Entra tenant for a single-tenant bot; adds
    /// <c>https://sts.windows.net/{tenant}/</c> and <c>https://login.microsoftonline.com/{tenant}/v2.0</c> to the Emulator issuers.
    /// </summary>
    public string? TenantId { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the host runs in Development. Only then, and only with no
    /// <see cref="AppId"/>, are requests accepted without a token.
    /// </summary>
    public bool IsDevelopment { get; set; }

    /// <summary>Gets or sets a value indicating whether tokens from the Bot Framework Emulator path are accepted.</summary>
    public bool AllowEmulatorTokens { get; set; } = true;

    /// <summary>Gets or sets the Bot Connector OpenID metadata URL.</summary>
    public Uri OpenIdMetadataUrl { get; set; } = DefaultOpenIdMetadataUrl;

    /// <summary>Gets or sets the Emulator OpenID metadata URL.</summary>
    public Uri EmulatorOpenIdMetadataUrl { get; set; } = DefaultEmulatorOpenIdMetadataUrl;

    /// <summary>Gets or sets the issuer of Bot Connector tokens.</summary>
    public string ChannelIssuer { get; set; } = DefaultChannelIssuer;

    /// <summary>Gets the Emulator issuers; the tenant-specific ones of <see cref="TenantId"/> are added automatically.</summary>
    public IList<string> EmulatorIssuers { get; } = [.. DefaultEmulatorIssuers];

    /// <summary>Gets audiences accepted besides <see cref="AppId"/> (none by default).</summary>
    public IList<string> AdditionalAudiences { get; } = [];

    /// <summary>Gets or sets the allowed clock skew for nbf/exp; the document's industry standard is 5 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how long fetched signing keys are used before they are fetched again.</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Gets or sets the least time between two fetches of the metadata; bounds the refresh a token with an unknown
    /// <c>kid</c> triggers, so forged tokens cannot make us hammer the metadata endpoint.
    /// </summary>
    public TimeSpan MinimumKeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how long to wait before trying again when no keys were ever fetched and the last fetch failed.</summary>
    public TimeSpan MetadataRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets how old cached keys may get while the metadata endpoint fails to answer; beyond that requests fail
    /// with <see cref="BotAuthenticationFailure.MetadataUnavailable"/>. The Bot Builder SDK cached keys for 5 days.
    /// </summary>
    public TimeSpan MaximumKeyStaleness { get; set; } = TimeSpan.FromDays(5);

    /// <summary>Gets or sets the time limit of one metadata or key-set request.</summary>
    public TimeSpan MetadataRequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets how many tokens already checked are kept, so that a token the Bot Connector sends again is not
    /// verified again (its lifetime, key set, endorsement and serviceurl still are, on every request); 0 verifies every
    /// token in full.
    /// </summary>
    public int CheckedTokens { get; set; } = DefaultCheckedTokens;

    /// <summary>The default of <see cref="CheckedTokens"/>.</summary>
    public const int DefaultCheckedTokens = 1000;
}
