using ChatOps.Channels.WeCom.Api;
using ChatOps.Channels.WeCom.Tests.Fakes;
using ChatOps.Core.Conversations;

namespace ChatOps.Channels.WeCom.Tests.Api;

/// <summary>
/// A fake WeCom server plus one client stack (store, token provider, API client) wired to it over real loopback
/// HTTP. Back-off delays are recorded instead of waited, so retry tests take no time.
/// </summary>
internal sealed class WeComHarness : IAsyncDisposable
{
    private readonly List<TimeSpan> _delays = [];

    private WeComHarness(FakeWeComServer server, TimeProvider time, WeComApiClientOptions clientOptions, WeComTokenProviderOptions providerOptions)
    {
        Server = server;
        Time = time;
        ClientOptions = clientOptions;
        ProviderOptions = providerOptions;
        clientOptions.Delay ??= (delay, _) =>
        {
            lock (_delays)
            {
                _delays.Add(delay);
            }

            return Task.CompletedTask;
        };
        App = server.CreateAppOptions();
        Store = new InMemoryAccessTokenCache(time);
        Tokens = NewProvider();
        Client = new WeComApiClient(Http, App, Tokens, time, clientOptions);
    }

    public FakeWeComServer Server { get; }

    public TimeProvider Time { get; }

    public WeComApiClientOptions ClientOptions { get; }

    public WeComTokenProviderOptions ProviderOptions { get; }

    public HttpClient Http { get; } = new();

    public WeComAppOptions App { get; }

    public InMemoryAccessTokenCache Store { get; }

    public WeComTokenProvider Tokens { get; }

    public WeComApiClient Client { get; }

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_delays)
            {
                return [.. _delays];
            }
        }
    }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<WeComHarness> StartAsync(
        TimeProvider? time = null,
        Action<FakeWeComServerOptions>? server = null,
        Action<WeComApiClientOptions>? client = null,
        Action<WeComTokenProviderOptions>? provider = null)
    {
        time ??= TimeProvider.System;
        var serverOptions = new FakeWeComServerOptions { TimeProvider = time };
        server?.Invoke(serverOptions);
        var clientOptions = new WeComApiClientOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(100), RetryMaxDelay = TimeSpan.FromSeconds(2) };
        client?.Invoke(clientOptions);
        var providerOptions = new WeComTokenProviderOptions { LeasePollInterval = TimeSpan.FromMilliseconds(10) };
        provider?.Invoke(providerOptions);
        var fake = await FakeWeComServer.StartAsync(serverOptions, Ct);
        return new WeComHarness(fake, time, clientOptions, providerOptions);
    }

    /// <summary>Another token provider over the same store: a second bot instance.</summary>
    public WeComTokenProvider NewProvider(string? instanceId = null) => new(
        Http,
        App,
        Store,
        Time,
        new WeComTokenProviderOptions
        {
            LeasePollInterval = ProviderOptions.LeasePollInterval,
            RefreshBefore = ProviderOptions.RefreshBefore,
            MinRefreshInterval = ProviderOptions.MinRefreshInterval,
            LeaseDuration = ProviderOptions.LeaseDuration,
            InstanceId = instanceId ?? Guid.NewGuid().ToString("N"),
        },
        ClientOptions);

    public static WeComSendRequest Text(string user, string content) =>
        new() { ToUsers = [user], Content = WeComContent.Text(content) };

    public int GetTokenCalls => Server.RequestsTo("/cgi-bin/gettoken").Count;

    public int SendCalls => Server.RequestsTo("/cgi-bin/message/send").Count;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
