using System.Text.Json.Nodes;
using ChatOps.Channels.BotFramework.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.Channels.BotFramework.Tests;

/// <summary>A loopback OpenID server, a fake clock and an authenticator pointed at them.</summary>
internal sealed class AuthHarness : IAsyncDisposable
{
    public const string AppId = "6f2c1a7e-0b4d-4e3a-9c55-2d8b1e0f7a31";
    public const string ServiceUrl = "https://smba.trafficmanager.net/apac/";
    public const string Teams = "msteams";

    private AuthHarness(FakeOpenIdServer server, FakeTimeProvider time, HttpClient http, BotAuthenticator authenticator)
    {
        Server = server;
        Time = time;
        Http = http;
        Authenticator = authenticator;
    }

    public static DateTimeOffset Start { get; } = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);

    public FakeOpenIdServer Server { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public BotAuthenticator Authenticator { get; }

    public FakeSigningKey ChannelKey { get; } = FakeSigningKey.Create("bf-key-1", Teams, "webchat", "directline");

    public FakeSigningKey EmulatorKey { get; } = FakeSigningKey.Create("entra-key-1");

    public List<FakeSigningKey> ExtraKeys { get; } = [];

    public static async Task<AuthHarness> StartAsync(Action<BotAuthenticationOptions>? configure = null)
    {
        var server = await FakeOpenIdServer.StartAsync();
        var time = new FakeTimeProvider(Start);
        var http = new HttpClient();
        var options = new BotAuthenticationOptions
        {
            AppId = AppId,
            OpenIdMetadataUrl = server.ChannelMetadataUrl,
            EmulatorOpenIdMetadataUrl = server.EmulatorMetadataUrl,
        };
        configure?.Invoke(options);
        var harness = new AuthHarness(server, time, http, new BotAuthenticator(options, http, time));
        server.ChannelKeys.Add(harness.ChannelKey);
        server.EmulatorKeys.Add(harness.EmulatorKey);
        return harness;
    }

    public FakeSigningKey NewKey(string kid, params string[] endorsements)
    {
        var key = FakeSigningKey.Create(kid, endorsements);
        ExtraKeys.Add(key);
        return key;
    }

    public JsonObject ChannelClaims(TimeSpan? lifetime = null) => BotTokenClaims.Channel(AppId, ServiceUrl, Time.GetUtcNow(), lifetime);

    public string ChannelToken(Action<JsonObject>? edit = null, FakeSigningKey? key = null)
    {
        var claims = ChannelClaims();
        edit?.Invoke(claims);
        return FakeTokenSigner.Sign(key ?? ChannelKey, claims);
    }

    public Task<BotAuthenticationResult> AuthenticateAsync(string? token, string? channelId = Teams, string? serviceUrl = ServiceUrl) =>
        Authenticator.AuthenticateAsync(token is null ? null : "Bearer " + token, channelId, serviceUrl, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Http.Dispose();
        ChannelKey.Dispose();
        EmulatorKey.Dispose();
        foreach (var key in ExtraKeys)
        {
            key.Dispose();
        }
    }
}
