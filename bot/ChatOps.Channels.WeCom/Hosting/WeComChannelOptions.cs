using ChatOps.Channels.WeCom.Api;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ChatOps.Channels.WeCom.Hosting;

/// <summary>
/// The WeCom channel's settings as the host reads them from the <c>WeCom</c> section, in either of two forms: one app
/// directly under the section (<c>WeCom:CorpId</c>, <c>WeCom:AgentId</c>, …), or several under <c>WeCom:Apps:N:…</c>.
/// Each app may set <c>CallbackPath</c> (default <c>/wecom/callback</c> for a single app, <c>/wecom/callback/{Name}</c>
/// when several apps are configured). Kept apart from <see cref="WeComOptions"/> so the protocol project's options stay
/// free of hosting concerns; the apps themselves are validated by <see cref="WeComOptionsValidator"/>.
/// </summary>
public sealed class WeComChannelOptions
{
    /// <summary>Callback path of a single app.</summary>
    public const string DefaultCallbackPath = "/wecom/callback";

    /// <summary>Largest callback body accepted: 1 MiB (WeCom's bodies are a few KB).</summary>
    public const int MaxBodyBytes = WeComCryptoOptions.DefaultMaxBodyLength;

    private static readonly string[] AppKeys =
    [
        nameof(WeComAppOptions.CorpId), nameof(WeComAppOptions.AgentId), nameof(WeComAppOptions.Secret),
        nameof(WeComAppOptions.Token), nameof(WeComAppOptions.EncodingAESKey),
    ];

    /// <summary>The configured apps, in configuration order; the first one sends what the bot starts and every reply.</summary>
    public WeComOptions WeCom { get; } = new();

    /// <summary>The callback path of each app, parallel to <see cref="WeComOptions.Apps"/>.</summary>
    public IList<string> CallbackPaths { get; } = new List<string>();

    /// <summary>
    /// <c>WeCom:RateLimitRetryAfter</c>: the first pause of an app after 45009/45047 (default 60 s, WeCom's windows are per
    /// minute); it doubles while the limit repeats.
    /// </summary>
    public TimeSpan RateLimitRetryAfter { get; set; } = new WeComApiClientOptions().RateLimitRetryAfter;

    /// <summary><c>WeCom:ConcurrencyLimitRetryAfter</c>: the first pause after 45033 (default 2 s).</summary>
    public TimeSpan ConcurrencyLimitRetryAfter { get; set; } = new WeComApiClientOptions().ConcurrencyLimitRetryAfter;

    /// <summary>
    /// <c>WeCom:ConfigurationRetryAfter</c>: how long an app's messages are held after WeCom refuses its configuration
    /// (60020 IP not trusted, 40001 secret, 40013 corp id, 48002 no permission …) before one of them tries again
    /// (default 60 s); it doubles while the error repeats, up to 15 minutes. Nothing fails meanwhile.
    /// </summary>
    public TimeSpan ConfigurationRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>True when the single-app form (<c>WeCom:CorpId</c> …) was used: error messages name those keys.</summary>
    public bool SingleAppForm { get; private set; }

    /// <summary>True when both forms were used at once, which is refused.</summary>
    public bool BothForms { get; private set; }

    /// <summary>
    /// True when the configuration names at least one app (a credential key in either form). When false the channel is
    /// off: nothing is registered, no endpoint is mapped, and WeCom is not among the enabled channels.
    /// </summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(WeComOptions.SectionName);
        return section.GetSection("Apps").GetChildren().Any() || AppKeys.Any(k => !string.IsNullOrWhiteSpace(section[k]));
    }

    /// <summary>Reads the settings from <paramref name="configuration"/> (both forms; see the type's summary).</summary>
    public static WeComChannelOptions Read(IConfiguration configuration)
    {
        var options = new WeComChannelOptions();
        options.Load(configuration);
        return options;
    }

    /// <summary>Replaces these settings with those in <paramref name="configuration"/>.</summary>
    public void Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        WeCom.Apps.Clear();
        CallbackPaths.Clear();
        var section = configuration.GetSection(WeComOptions.SectionName);
        RateLimitRetryAfter = section.GetValue(nameof(RateLimitRetryAfter), RateLimitRetryAfter);
        ConcurrencyLimitRetryAfter = section.GetValue(nameof(ConcurrencyLimitRetryAfter), ConcurrencyLimitRetryAfter);
        ConfigurationRetryAfter = section.GetValue(nameof(ConfigurationRetryAfter), ConfigurationRetryAfter);
        var apps = section.GetSection("Apps").GetChildren()
            .OrderBy(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
        var single = AppKeys.Any(k => !string.IsNullOrWhiteSpace(section[k]));
        BothForms = single && apps.Count > 0;
        SingleAppForm = apps.Count == 0 && single;
        if (SingleAppForm)
        {
            apps = [section];
        }

        foreach (var child in apps)
        {
            var app = new WeComAppOptions();
            child.Bind(app);
            WeCom.Apps.Add(app);
        }

        for (var i = 0; i < apps.Count; i++)
        {
            var name = WeCom.Apps[i].Name;
            CallbackPaths.Add(apps[i]["CallbackPath"] is { Length: > 0 } path ? path
                : apps.Count == 1 || string.IsNullOrWhiteSpace(name) ? DefaultCallbackPath
                : $"{DefaultCallbackPath}/{name}");
        }
    }

    /// <summary>
    /// True for a path the endpoint can be mapped at: starts with '/', letters, digits and "/-_." only (no route
    /// parameters, no query).
    /// </summary>
    public static bool IsValidCallbackPath(string? path) =>
        path is { Length: > 1 } && path[0] == '/' && !path.Contains("//", StringComparison.Ordinal)
        && path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.');
}

/// <summary>
/// Validates <see cref="WeComChannelOptions"/> at start-up: every app through the existing
/// <see cref="WeComOptionsValidator"/> (keys renamed to <c>WeCom:Key</c> for the single-app form, so the message
/// names the key the operator actually set), plus the hosting rules: one form only, valid and distinct callback paths.
/// </summary>
public sealed class WeComChannelOptionsValidator : IValidateOptions<WeComChannelOptions>
{
    private static readonly WeComOptionsValidator Apps = new();

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WeComChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BothForms)
        {
            failures.Add("WeCom: configure one app directly under WeCom (WeCom:CorpId, …) or several under WeCom:Apps, not both");
        }

        var result = Apps.Validate(name, options.WeCom);
        if (result.Failed)
        {
            failures.AddRange(result.Failures.Select(f => options.SingleAppForm ? f.Replace("WeCom:Apps:0:", "WeCom:", StringComparison.Ordinal) : f));
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.CallbackPaths.Count; i++)
        {
            var key = options.SingleAppForm ? "WeCom:CallbackPath" : string.Create(CultureInfo.InvariantCulture, $"WeCom:Apps:{i}:CallbackPath");
            var path = options.CallbackPaths[i];
            if (!WeComChannelOptions.IsValidCallbackPath(path))
            {
                failures.Add($"{key} must be a path such as /wecom/callback (letters, digits, '/', '-', '_', '.'; got '{path}')");
            }
            else if (!seen.Add(path))
            {
                failures.Add($"{key} '{path}' is already the callback path of another app");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
