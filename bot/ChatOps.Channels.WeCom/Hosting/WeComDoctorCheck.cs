using System.Text.Json;
using ChatOps.Channels.WeCom.Api;
using ChatOps.Core.Operations;
using Microsoft.Extensions.Configuration;

namespace ChatOps.Channels.WeCom.Hosting;

/// <summary>
/// The doctor's WeCom check, per configured app: gettoken with the configured CorpId and Secret (straight to WeCom,
/// bypassing the token cache, so the configured secret itself is tested), then agent/get with that token — the call
/// that meets 企业可信IP (60020) and tells the app's visible range and 可信域名 — and the callback URL the admin
/// console must be given. Two requests per app; nothing is sent to anyone.
/// </summary>
public sealed class WeComDoctorCheck(IConfiguration configuration, HttpClient http) : IDoctorCheck
{
    /// <inheritdoc/>
    public int Order => 20;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(CancellationToken cancellationToken = default)
    {
        var settings = WeComChannelOptions.Read(configuration);
        var findings = new List<DoctorFinding>();
        var baseUrl = configuration["PublicBaseUrl"] ?? configuration["Circulars:PublicBaseUrl"];
        for (var i = 0; i < settings.WeCom.Apps.Count; i++)
        {
            var app = settings.WeCom.Apps[i];
            var check = $"wecom:{app.Key}";
            var errors = app.Validate(settings.SingleAppForm ? "WeCom" : string.Create(CultureInfo.InvariantCulture, $"WeCom:Apps:{i}"));
            if (errors.Count > 0)
            {
                findings.Add(DoctorFinding.Blocking(check,
                    WeComText.SettingsIncomplete(errors),
                    $"Settings incomplete, WeCom not contacted: {string.Join("; ", errors)}."));
                continue;
            }

            var callback = string.IsNullOrWhiteSpace(baseUrl)
                ? WeComText.CallbackPlaceholder(settings.CallbackPaths[i])
                : baseUrl.TrimEnd('/') + settings.CallbackPaths[i];
            findings.Add(new DoctorFinding(check, DoctorLevel.Info,
                WeComText.CallbackInstructions(callback),
                $"In the admin console (the app → Receive Messages → Set API), enter URL {callback} and the same Token and EncodingAESKey as configured."));
            await ProbeAsync(app, check, findings, cancellationToken);
        }

        return findings;
    }

    private async Task ProbeAsync(WeComAppOptions app, string check, List<DoctorFinding> findings, CancellationToken cancellationToken)
    {
        var root = app.ApiBaseUrl.TrimEnd('/');
        var token = await CallAsync(check, findings, "gettoken",
            $"{root}/cgi-bin/gettoken?corpid={Uri.EscapeDataString(app.CorpId)}&corpsecret={Uri.EscapeDataString(app.Secret)}", root, cancellationToken);
        if (token is null)
        {
            return;
        }

        if (token.Value.TryGetProperty("access_token", out var t) && t.GetString() is { Length: > 0 } accessToken)
        {
            findings.Add(DoctorFinding.Ok(check, WeComText.TokenIssued, "CorpId and Secret are right: an access_token was issued."));
            var agent = await CallAsync(check, findings, "agent/get",
                $"{root}/cgi-bin/agent/get?access_token={Uri.EscapeDataString(accessToken)}&agentid={Uri.EscapeDataString(app.AgentId)}", root, cancellationToken);
            if (agent is { } a)
            {
                Describe(a, check, findings);
            }
        }
        else
        {
            findings.Add(DoctorFinding.Blocking(check, WeComText.TokenMissing,
                "gettoken returned no access_token: check that ApiBaseUrl points at the WeCom API."));
        }
    }

    private async Task<JsonElement?> CallAsync(string check, List<DoctorFinding> findings, string api, string url, string root, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            using var response = await http.GetAsync(new Uri(url), timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                findings.Add(DoctorFinding.Blocking(check,
                    WeComText.HttpError(api, (int)response.StatusCode, root),
                    $"{api} answered HTTP {(int)response.StatusCode}: check ApiBaseUrl ({root}) and the outbound proxy."));
                return null;
            }

            using var json = JsonDocument.Parse(body);
            var rootElement = json.RootElement.Clone();
            var code = rootElement.TryGetProperty("errcode", out var c) && c.TryGetInt32(out var n) ? n : 0;
            if (code == 0)
            {
                return rootElement;
            }

            var message = rootElement.TryGetProperty("errmsg", out var m) ? m.GetString() : null;
            var advice = WeComErrorAdvice.For(code, message);
            findings.Add(DoctorFinding.Blocking(check,
                WeComText.ApiFailed(api, code, advice?.Chinese, message),
                $"{api} failed with errcode {code}: {advice?.English ?? "see WeCom's global error code list."} ({message})"));
            return null;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            findings.Add(DoctorFinding.Blocking(check,
                WeComText.ApiUnreachable(root, ex.Message),
                $"Cannot reach the WeCom API at {root} ({ex.Message}): allow outbound HTTPS to it (firewall, proxy); for 政务微信 check ApiBaseUrl."));
            return null;
        }
    }

    private static void Describe(JsonElement agent, string check, List<DoctorFinding> findings)
    {
        findings.Add(DoctorFinding.Ok(check, WeComText.IpTrusted, "This server's egress IP is trusted: API calls are allowed."));
        if (agent.TryGetProperty("close", out var close) && close.TryGetInt32(out var closed) && closed == 1)
        {
            findings.Add(DoctorFinding.Blocking(check, WeComText.AppDisabled, "The app is disabled: enable it in the admin console."));
        }

        var users = Count(agent, "allow_userinfos", "user");
        var parties = Count(agent, "allow_partys", "partyid");
        var tags = Count(agent, "allow_tags", "tagid");
        findings.Add(users + parties + tags == 0
            ? DoctorFinding.Blocking(check, WeComText.VisibleRangeEmpty,
                "The app's visible range is empty, so it can message nobody: add the liaisons' departments under Visible Range.")
            : DoctorFinding.Ok(check, WeComText.VisibleRange(parties, users, tags),
                $"Visible range: {parties} department(s), {users} member(s), {tags} tag(s)."));
        var domain = agent.TryGetProperty("redirect_domain", out var d) ? d.GetString() : null;
        findings.Add(string.IsNullOrEmpty(domain)
            ? new DoctorFinding(check, DoctorLevel.Info, WeComText.NoTrustedDomain,
                "No trusted domain (可信域名): to sign in to the console from WeCom, set it under Web Authorization and JS-SDK and configure WeCom:DomainVerification.")
            : DoctorFinding.Ok(check, WeComText.TrustedDomain(domain), $"Trusted domain: {domain}."));
    }

    private static int Count(JsonElement agent, string property, string list) =>
        agent.TryGetProperty(property, out var o) && o.ValueKind == JsonValueKind.Object && o.TryGetProperty(list, out var l) && l.ValueKind == JsonValueKind.Array
            ? l.GetArrayLength()
            : 0;
}

/// <summary>Recognises the WeCom send errors that break the whole app (secret, corp id, trusted IP, permissions).</summary>
public sealed class WeComTroubleshooter : IChannelTroubleshooter
{
    /// <inheritdoc/>
    public string Channel => Core.Organization.ChannelNames.WeCom;

    /// <inheritdoc/>
    public ChannelProblem? Classify(string error) =>
        WeComErrorAdvice.ForError(error) is { BreaksApp: true } advice
            ? new ChannelProblem(advice.ErrCode.ToString(CultureInfo.InvariantCulture), advice.Chinese)
            : null;
}
