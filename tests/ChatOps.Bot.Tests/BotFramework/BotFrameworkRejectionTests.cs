using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatOps.Channels.BotFramework.Tests.Fakes;

namespace ChatOps.Bot.Tests.BotFramework;

/// <summary>One host for every rejection case: each is refused with the right status and nothing is ever stored.</summary>
public sealed class BotFrameworkRejectionFixture : IAsyncLifetime
{
    public BotFrameworkHarness Bot { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Bot = await BotFrameworkHarness.StartAsync();

    public async ValueTask DisposeAsync() => await Bot.DisposeAsync();
}

/// <summary>
/// Bad input on /api/messages: forged, expired, wrong-audience, wrong-issuer and wrong-serviceUrl tokens, tokens signed by
/// an unknown key or for a channel the key is not endorsed for, and bodies that are not activities. Every one is
/// rejected (401, 400, 413) and leaves no trace in the inbox or the conversation references.
/// </summary>
public sealed class BotFrameworkRejectionTests(BotFrameworkRejectionFixture fixture) : IClassFixture<BotFrameworkRejectionFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BotFrameworkHarness Bot => fixture.Bot;

    public static TheoryData<string> TokenCases() =>
    [
        "missing", "not-bearer", "garbage", "forged", "tampered", "expired", "not-yet-valid", "wrong-audience", "wrong-issuer",
        "wrong-serviceUrl", "no-serviceUrl", "unknown-key", "not-endorsed", "hs256", "alg-none",
    ];

    [Theory]
    [MemberData(nameof(TokenCases))]
    public async Task BadToken_Is401_AndNothingIsStored(string kind)
    {
        var connector = Bot.Connector;
        var activity = Activities.Message(Bot.ServiceUrl, "填报");
        using var unknownKey = FakeSigningKey.Create("never-published", "webchat");
        using var impostor = connector.Key.CreateImpostor();
        var now = DateTimeOffset.UtcNow;
        string? header = kind switch
        {
            "missing" => null,
            "not-bearer" => "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("bot:secret")),
            "garbage" => "Bearer not.a.jwt",
            "forged" => Bearer(connector.Token(key: impostor)),
            "tampered" => Bearer(Tamper(connector.Token())),
            "expired" => Bearer(connector.Token(c => { c["nbf"] = now.AddHours(-2).ToUnixTimeSeconds(); c["exp"] = now.AddMinutes(-6).ToUnixTimeSeconds(); })),
            "not-yet-valid" => Bearer(connector.Token(c => { c["nbf"] = now.AddMinutes(10).ToUnixTimeSeconds(); c["exp"] = now.AddHours(1).ToUnixTimeSeconds(); })),
            "wrong-audience" => Bearer(connector.Token(c => c["aud"] = "00000000-1111-2222-3333-444444444444")),
            "wrong-issuer" => Bearer(connector.Token(c => c["iss"] = "https://api.botframework.evil")),
            "wrong-serviceUrl" => Bearer(connector.Token(serviceUrl: "https://smba.trafficmanager.net/apac/")),
            "no-serviceUrl" => Bearer(connector.Token(c => c.Remove("serviceurl"))),
            "unknown-key" => Bearer(connector.Token(key: unknownKey)),
            "not-endorsed" => Bearer(connector.Token()),
            "hs256" => Bearer(FakeTokenSigner.SignHs256(Encoding.UTF8.GetBytes(new string('k', 64)), Claims(), connector.Key.KeyId)),
            "alg-none" => Bearer(FakeTokenSigner.Unsigned(Claims(), connector.Key.KeyId)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        if (kind == "not-endorsed")
        {
            activity["channelId"] = "slack";
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(Activities.Json(activity), Encoding.UTF8, "application/json") };
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }

        var response = await Bot.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingStoredAsync();

        JsonObject Claims() => BotTokenClaims.Channel(FakeBotConnector.AppId, Bot.ServiceUrl, now);
    }

    public static TheoryData<string, int> BodyCases() => new()
    {
        { "not-json", 400 },
        { "empty", 400 },
        { "json-array", 400 },
        { "truncated", 400 },
        { "no-type", 400 },
        { "message-without-from", 400 },
        { "message-without-conversation", 400 },
        { "wrong-field-type", 400 },
        { "not-utf8", 400 },
        { "oversized", 413 },
        { "oversized-chunked", 413 },
    };

    [Theory]
    [MemberData(nameof(BodyCases))]
    public async Task BadBody_IsRejected_AndNothingIsStored(string kind, int status)
    {
        var valid = Activities.Message(Bot.ServiceUrl, "填报");
        HttpContent content = kind switch
        {
            "not-json" => Text("你好，我要填报"),
            "empty" => Text(string.Empty),
            "json-array" => Text("[" + Activities.Json(valid) + "]"),
            "truncated" => Text(Activities.Json(valid)[..40]),
            "no-type" => Text(Activities.Json(Without(valid, "type"))),
            "message-without-from" => Text(Activities.Json(Without(valid, "from"))),
            "message-without-conversation" => Text(Activities.Json(Without(valid, "conversation"))),
            "wrong-field-type" => Text(Activities.Json(With(valid, "conversation", JsonValue.Create(42)))),
            "not-utf8" => new ByteArrayContent([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x7D]),
            "oversized" => Text(Activities.Json(With(valid, "text", JsonValue.Create(new string('报', 400_000))))),
            "oversized-chunked" => new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(Activities.Json(With(valid, "text", JsonValue.Create(new string('报', 400_000))))))),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Bot.Connector.Token());

        var response = await Bot.Client.SendAsync(request, Ct);

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        await AssertNothingStoredAsync();
    }

    private static string Bearer(string token) => "Bearer " + token;

    /// <summary>Changes the payload after signing (the signature no longer matches).</summary>
    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload["exp"] = payload["exp"]!.GetValue<long>() + 86_400;
        parts[1] = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload.ToJsonString());
        return string.Join('.', parts);
    }

    private static StringContent Text(string body) => new(body, Encoding.UTF8);

    private static JsonObject Without(JsonObject activity, string field)
    {
        var copy = activity.DeepClone().AsObject();
        copy.Remove(field);
        return copy;
    }

    private static JsonObject With(JsonObject activity, string field, JsonNode? value)
    {
        var copy = activity.DeepClone().AsObject();
        copy[field] = value;
        return copy;
    }

    private async Task AssertNothingStoredAsync()
    {
        Assert.Equal(0, await Bot.CountAsync("inbox"));
        Assert.Equal(0, await Bot.CountAsync("conversation_references"));
        Assert.Empty(Bot.Connector.Calls);
    }

    /// <summary>A body without a length: sent chunked, so the limit must be enforced while reading.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
