using ChatOps.Channels.WeCom.Api;
using Microsoft.Extensions.Options;

namespace ChatOps.Channels.WeCom.Hosting;

/// <summary>
/// One configured WeCom app as the host runs it: its settings, callback path and crypto (inbound), and its token
/// provider and API client (outbound). Built once from validated settings.
/// </summary>
public sealed class WeComApp
{
    internal WeComApp(WeComAppOptions options, string callbackPath, WeComCrypto crypto, WeComTokenProvider tokens, WeComApiClient client)
    {
        Options = options;
        CallbackPath = callbackPath;
        Crypto = crypto;
        Tokens = tokens;
        Client = client;
    }

    /// <summary>The app's settings.</summary>
    public WeComAppOptions Options { get; }

    /// <summary>Where WeCom calls this app back (URL check and messages).</summary>
    public string CallbackPath { get; }

    /// <summary>Signature check and AES decryption of this app's callbacks (ReceiveId = the corp id).</summary>
    public WeComCrypto Crypto { get; }

    /// <summary>This app's access_token, shared by all instances through the core's <see cref="IAccessTokenCache"/>.</summary>
    public WeComTokenProvider Tokens { get; }

    /// <summary>This app's API client.</summary>
    public WeComApiClient Client { get; }

    /// <summary>The app's key in logs and card-update records (its Name, else CorpId:AgentId).</summary>
    public string Key => Options.Key;
}

/// <summary>
/// Every configured WeCom app with one shared <see cref="HttpClient"/>. The first app is the sending app: it sends the
/// messages the bot starts and its replies (outbox items carry no app); a card is always updated through the app whose
/// callback reported the click, because a response_code belongs to its app.
/// </summary>
public sealed class WeComApps : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>
    /// Builds the apps from validated settings. Their access_tokens live in <paramref name="tokenCache"/> (the database
    /// in the host, so every bot instance uses the same token per app and one refreshes it at a time), else in memory.
    /// </summary>
    public WeComApps(IOptions<WeComChannelOptions> options, TimeProvider time, ILoggerFactory loggers, IAccessTokenCache? tokenCache = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var settings = options.Value;
        tokenCache ??= new InMemoryAccessTokenCache(time);

        // One pooled client for every app and the token endpoint; per-attempt timeouts are the API client's own.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
        var apiOptions = new WeComApiClientOptions
        {
            RateLimitRetryAfter = settings.RateLimitRetryAfter,
            ConcurrencyLimitRetryAfter = settings.ConcurrencyLimitRetryAfter,
        };
        var cryptoOptions = new WeComCryptoOptions { TimeProvider = time, MaxBodyLength = WeComChannelOptions.MaxBodyBytes };
        var apps = new List<WeComApp>();
        for (var i = 0; i < settings.WeCom.Apps.Count; i++)
        {
            var app = settings.WeCom.Apps[i];
            var tokens = new WeComTokenProvider(_http, app, tokenCache, time, new WeComTokenProviderOptions(), apiOptions, loggers.CreateLogger<WeComTokenProvider>());
            var client = new WeComApiClient(_http, app, tokens, time, apiOptions, loggers.CreateLogger<WeComApiClient>());
            apps.Add(new WeComApp(app, settings.CallbackPaths[i], new WeComCrypto(app.Token, app.EncodingAESKey, app.CorpId, cryptoOptions), tokens, client));
        }

        All = apps;
        ConfigurationRetryAfter = settings.ConfigurationRetryAfter;
    }

    /// <summary>The first hold of an app whose configuration WeCom refuses (<see cref="WeComChannelOptions.ConfigurationRetryAfter"/>).</summary>
    public TimeSpan ConfigurationRetryAfter { get; } = TimeSpan.FromSeconds(60);

    /// <summary>The shared client (media/get downloads use it beside the API client).</summary>
    internal HttpClient Http => _http;

    /// <summary>The apps in configuration order.</summary>
    public IReadOnlyList<WeComApp> All { get; }

    /// <summary>The sending app (the first configured).</summary>
    public WeComApp Sending => All[0];

    /// <summary>The app with <paramref name="key"/>, or null.</summary>
    public WeComApp? Find(string? key) => key is null ? null : All.FirstOrDefault(a => a.Key == key);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
