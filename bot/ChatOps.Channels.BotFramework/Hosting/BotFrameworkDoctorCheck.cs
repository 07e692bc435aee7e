using System.Text.RegularExpressions;
using ChatOps.Channels.BotFramework.Connector;
using ChatOps.Core.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOps.Channels.BotFramework.Hosting;

/// <summary>
/// The doctor's Bot Framework check: a client-credentials token straight from the token endpoint (not the cache, so
/// the configured secret itself is tested; Entra's AADSTS code explained), and the Bot Connector's OpenID metadata and
/// key set, without which no inbound message can be authenticated. Three requests; nothing is sent to anyone.
/// </summary>
public sealed partial class BotFrameworkDoctorCheck(IConfiguration configuration, HttpClient http) : IDoctorCheck
{
    private const string Check = "botframework";

    /// <inheritdoc/>
    public int Order => 30;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(CancellationToken cancellationToken = default)
    {
        var options = new BotFrameworkOptions();
        configuration.GetSection(BotFrameworkOptions.Section).Bind(options);
        if (!options.HasAppId)
        {
            return [new DoctorFinding(Check, DoctorLevel.Info,
                BotFrameworkText.NotConfigured,
                "BotFramework:AppId is not set: the Teams channel is off (Development allows the anonymous Emulator only).")];
        }

        var invalid = new BotFrameworkOptionsValidator().Validate(null, options);
        if (invalid.Failed)
        {
            return [DoctorFinding.Blocking(Check,
                BotFrameworkText.SettingsInvalid(invalid.Failures),
                $"Settings invalid, Azure not contacted: {string.Join("; ", invalid.Failures)}")];
        }

        var findings = new List<DoctorFinding>();
        await TokenAsync(options, findings, cancellationToken);
        await MetadataAsync(options, findings, cancellationToken);
        return findings;
    }

    /// <summary>Explains an Entra / connector error text; null when it does not concern the bot's credentials.</summary>
    public static (string Code, string Chinese, string English)? ExplainCredentialError(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var aadsts = Aadsts().Match(error);
        var code = aadsts.Success ? aadsts.Value : null;
        return code switch
        {
            "AADSTS7000215" or "AADSTS7000222" => (code,
                BotFrameworkText.SecretWrong,
                "The bot's client secret (BotFramework:AppPassword) is wrong or expired: create a new one under App registrations → the app → Certificates & secrets, update the setting and restart (rotate before expiry)."),
            "AADSTS700016" => (code,
                BotFrameworkText.AppNotInTenant,
                "The app is not found in the tenant (BotFramework:AppId or TenantId wrong): compare with the Azure Bot's Configuration page."),
            "AADSTS90002" => (code,
                BotFrameworkText.TenantNotFound,
                "Tenant not found (BotFramework:TenantId wrong): set the bot's Entra tenant id for a single-tenant bot, empty for multi-tenant."),
            not null => (code, BotFrameworkText.CredentialsRefused(code),
                $"Azure refused the bot's credentials ({code}): check BotFramework:AppId, AppPassword and TenantId."),
            null when error.Contains("could not be reached", StringComparison.Ordinal) => ("unreachable",
                BotFrameworkText.TokenEndpointUnreachable,
                "The Azure token endpoint (login.microsoftonline.com) cannot be reached: allow outbound HTTPS to it (firewall, proxy)."),
            null when error.Contains("token endpoint answered", StringComparison.Ordinal) || error.StartsWith("401", StringComparison.Ordinal) => ("401",
                BotFrameworkText.CredentialsRefusedByService,
                "Azure or the Bot Connector refused the bot's credentials: check BotFramework:AppId, AppPassword and TenantId."),
            _ => null,
        };
    }

    private async Task TokenAsync(BotFrameworkOptions options, List<DoctorFinding> findings, CancellationToken cancellationToken)
    {
        var credentials = new BotFrameworkCredentials(options.AppId!.Trim(), options.AppPassword, options.EffectiveTokenEndpoint(), options.Scope);
        var client = new BotFrameworkTokenClient(http, credentials, TimeProvider.System, NullLogger<BotFrameworkTokenClient>.Instance);
        try
        {
            await client.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            findings.Add(DoctorFinding.Ok(Check, BotFrameworkText.TokenIssued,
                "A token was issued for the bot (AppId and AppPassword are right)."));
        }
        catch (BotFrameworkTokenException ex)
        {
            var explained = ExplainCredentialError(ex.Message);
            findings.Add(DoctorFinding.Blocking(Check,
                BotFrameworkText.TokenFailed(explained?.Chinese, ex.Message),
                $"No token: {explained?.English ?? "check the BotFramework settings."} ({ex.Message})"));
        }
    }

    private async Task MetadataAsync(BotFrameworkOptions options, List<DoctorFinding> findings, CancellationToken cancellationToken)
    {
        var url = options.OpenIdMetadataUrl!.Trim();
        try
        {
            using var metadata = JsonDocument.Parse(await http.GetStringAsync(new Uri(url), cancellationToken).ConfigureAwait(false));
            var jwks = metadata.RootElement.TryGetProperty("jwks_uri", out var j) ? j.GetString() : null;
            if (jwks is null)
            {
                throw new JsonException("the document has no jwks_uri");
            }

            using var keys = JsonDocument.Parse(await http.GetStringAsync(new Uri(jwks), cancellationToken).ConfigureAwait(false));
            var count = keys.RootElement.TryGetProperty("keys", out var k) && k.ValueKind == JsonValueKind.Array ? k.GetArrayLength() : 0;
            findings.Add(count > 0
                ? DoctorFinding.Ok(Check, BotFrameworkText.MetadataReachable(count),
                    $"The Bot Connector OpenID metadata is reachable ({count} signing keys): inbound messages can be authenticated.")
                : DoctorFinding.Blocking(Check, BotFrameworkText.KeySetEmpty, "The OpenID key set is empty: inbound messages cannot be authenticated."));
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or UriFormatException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            findings.Add(DoctorFinding.Blocking(Check,
                BotFrameworkText.MetadataUnreadable(url, ex.Message),
                $"The Bot Connector OpenID metadata {url} cannot be read ({ex.Message}): every inbound message will be refused (401). Allow outbound HTTPS to login.botframework.com."));
        }
    }

    [GeneratedRegex(@"AADSTS\d+")]
    private static partial Regex Aadsts();
}

/// <summary>Recognises the Bot Framework send errors that mean the bot's credentials are refused or Azure is unreachable.</summary>
public sealed class BotFrameworkTroubleshooter : IChannelTroubleshooter
{
    /// <inheritdoc/>
    public string Channel => Core.Organization.ChannelNames.BotFramework;

    /// <inheritdoc/>
    public ChannelProblem? Classify(string error) =>
        BotFrameworkDoctorCheck.ExplainCredentialError(error) is { } e ? new ChannelProblem(e.Code, e.Chinese) : null;
}
