using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatOps.Testing;

/// <summary>
/// A real HTTP server on loopback (Kestrel) that publishes OpenID metadata and key sets the way
/// login.botframework.com (Bot Connector) and login.microsoftonline.com (Emulator) do, with request counters and a
/// switch to make it fail.
/// </summary>
public sealed class FakeOpenIdServer : IAsyncDisposable
{
    /// <summary>Path of the Bot Connector metadata document.</summary>
    public const string ChannelMetadataPath = "/v1/.well-known/openidconfiguration";

    /// <summary>Path of the Bot Connector key set.</summary>
    public const string ChannelKeysPath = "/keys";

    /// <summary>Path of the Emulator (Entra) metadata document.</summary>
    public const string EmulatorMetadataPath = "/botframework.com/v2.0/.well-known/openid-configuration";

    /// <summary>Path of the Emulator (Entra) key set.</summary>
    public const string EmulatorKeysPath = "/common/discovery/v2.0/keys";

    private readonly WebApplication _app;
    private int _channelMetadataRequests;
    private int _channelKeyRequests;
    private int _emulatorMetadataRequests;
    private int _emulatorKeyRequests;
    private bool _stopped;

    private FakeOpenIdServer(WebApplication app) => _app = app;

    /// <summary>Gets the server's base address, e.g. <c>http://127.0.0.1:54321</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Gets the Bot Connector metadata URL.</summary>
    public Uri ChannelMetadataUrl => new(BaseAddress, ChannelMetadataPath);

    /// <summary>Gets the Emulator metadata URL.</summary>
    public Uri EmulatorMetadataUrl => new(BaseAddress, EmulatorMetadataPath);

    /// <summary>Gets the Bot Connector keys (with endorsements).</summary>
    public FakeKeySet ChannelKeys { get; } = new();

    /// <summary>Gets the Emulator keys (Entra publishes no endorsements).</summary>
    public FakeKeySet EmulatorKeys { get; } = new();

    /// <summary>Gets or sets the status code every request gets instead of a document (null: answer normally).</summary>
    public HttpStatusCode? FailWith { get; set; }

    /// <summary>Gets or sets the algorithms listed in the Bot Connector metadata.</summary>
    public IReadOnlyList<string> ChannelSigningAlgorithms { get; set; } = ["RS256"];

    /// <summary>Gets how many times the Bot Connector metadata was requested.</summary>
    public int ChannelMetadataRequests => Volatile.Read(ref _channelMetadataRequests);

    /// <summary>Gets how many times the Bot Connector key set was requested.</summary>
    public int ChannelKeyRequests => Volatile.Read(ref _channelKeyRequests);

    /// <summary>Gets how many times the Emulator metadata was requested.</summary>
    public int EmulatorMetadataRequests => Volatile.Read(ref _emulatorMetadataRequests);

    /// <summary>Gets how many times the Emulator key set was requested.</summary>
    public int EmulatorKeyRequests => Volatile.Read(ref _emulatorKeyRequests);

    /// <summary>Starts a server on 127.0.0.1 with a free port.</summary>
    /// <returns>The running server.</returns>
    public static async Task<FakeOpenIdServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeOpenIdServer(app);
        server.MapRoutes();
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Urls.First());
        return server;
    }

    /// <summary>Stops the server: further requests are refused at the TCP level.</summary>
    /// <returns>A task.</returns>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }

    private void MapRoutes()
    {
        _app.MapGet(ChannelMetadataPath, () =>
        {
            Interlocked.Increment(ref _channelMetadataRequests);
            return Answer(new JsonObject
            {
                ["issuer"] = BotTokenClaims.ChannelIssuer,
                ["authorization_endpoint"] = "https://invalid.botframework.com",
                ["jwks_uri"] = new Uri(BaseAddress, ChannelKeysPath).ToString(),
                ["id_token_signing_alg_values_supported"] = new JsonArray([.. ChannelSigningAlgorithms.Select(a => JsonValue.Create(a))]),
                ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
            }.ToJsonString());
        });
        _app.MapGet(ChannelKeysPath, () =>
        {
            Interlocked.Increment(ref _channelKeyRequests);
            return Answer(ChannelKeys.ToJwksJson());
        });
        _app.MapGet(EmulatorMetadataPath, () =>
        {
            Interlocked.Increment(ref _emulatorMetadataRequests);
            return Answer(new JsonObject
            {
                ["issuer"] = "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
                ["token_endpoint"] = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token",
                ["jwks_uri"] = new Uri(BaseAddress, EmulatorKeysPath).ToString(),
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            }.ToJsonString());
        });
        _app.MapGet(EmulatorKeysPath, () =>
        {
            Interlocked.Increment(ref _emulatorKeyRequests);
            return Answer(EmulatorKeys.ToJwksJson());
        });
    }

    private IResult Answer(string json) =>
        FailWith is { } status ? Results.StatusCode((int)status) : Results.Text(json, "application/json");
}
