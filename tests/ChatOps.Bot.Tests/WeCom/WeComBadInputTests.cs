using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using ChatOps.Channels.WeCom;
using ChatOps.Channels.WeCom.Api;
using ChatOps.Channels.WeCom.Hosting;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace ChatOps.Bot.Tests.WeCom;

/// <summary>
/// Every kind of bad callback the issue lists, sent to the real host: each gets a 4xx (or WeCom's empty answer for an
/// unknown message type), never a 500, and changes nothing; and, on the endpoint itself, each is one log line naming
/// its reason.
/// </summary>
public sealed class WeComBadInputTests(WeComBadInputTests.Fixture fixture) : IClassFixture<WeComBadInputTests.Fixture>
{
    private const string Token = "fakeToken123";
    private const string AesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private const string CorpId = "wwfakecorp0000001";

    public static TheoryData<string, int, string?> Cases() => new()
    {
        { "wrong signature", 403, nameof(WeComCallbackFailureReason.BadSignature) },
        { "no signature", 403, nameof(WeComCallbackFailureReason.BadSignature) },
        { "wrong corp id", 403, nameof(WeComCallbackFailureReason.ReceiveIdMismatch) },
        { "stale timestamp", 403, nameof(WeComCallbackFailureReason.StaleTimestamp) },
        { "bad base64", 400, nameof(WeComCallbackFailureReason.BadBase64) },
        { "bad padding", 400, nameof(WeComCallbackFailureReason.BadPadding) },
        { "malformed envelope XML", 400, nameof(WeComCallbackFailureReason.MalformedXml) },
        { "malformed message XML", 400, nameof(WeComCallbackFailureReason.MalformedXml) },
        { "DTD with external entity in the envelope", 400, nameof(WeComCallbackFailureReason.DtdProhibited) },
        { "DTD in the message", 400, nameof(WeComCallbackFailureReason.DtdProhibited) },
        { "body over 1 MB", 413, nameof(WeComCallbackFailureReason.TooLarge) },
        { "body over 1 MB, chunked", 413, nameof(WeComCallbackFailureReason.TooLarge) },
        { "unknown message type", 200, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadCallback_GetsItsStatus_NeverA500_AndChangesNothing(string name, int status, string? reason)
    {
        var bot = fixture.Bot;
        var before = await StateAsync(bot);
        var request = Build(name);
        var url = new Uri(bot.CallbackUrl + request.Query);
        using HttpContent content = name.EndsWith("chunked", StringComparison.Ordinal)
            ? new StreamContent(new MemoryStream(request.Body))
            : new ByteArrayContent(request.Body);
        if (content is StreamContent)
        {
            content.Headers.ContentLength = null;
        }

        using var response = await bot.Client.PostAsync(url, content, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Equal(reason ?? string.Empty, body);
        Assert.Equal(before, await StateAsync(bot));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadCallback_IsOneLogLineWithTheReason_AndTouchesNoPort(string name, int status, string? reason)
    {
        var logs = new ListLogger();
        var inbox = new Mock<IInbox>(MockBehavior.Strict);
        var directory = new Mock<IDirectoryRepository>(MockBehavior.Strict);
        var work = new Mock<IUnitOfWorkFactory>(MockBehavior.Strict);
        var signal = new Mock<IWorkSignal>(MockBehavior.Strict);
        var handler = new WeComCallbackHandler(inbox.Object, directory.Object, work.Object, signal.Object, TimeProvider.System, logs);
        var request = Build(name);
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.QueryString = new QueryString(request.Query);
        context.Request.Body = new MemoryStream(request.Body);
        context.Request.ContentLength = name.EndsWith("chunked", StringComparison.Ordinal) ? null : request.Body.Length;
        context.Response.Body = new MemoryStream();

        await handler.ReceiveAsync(context, fixture.App);

        Assert.Equal(status, context.Response.StatusCode);
        var line = Assert.Single(logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Contains(reason ?? nameof(WeComCallbackFailureReason.UnknownMessageType), line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AesKey, line.Message, StringComparison.Ordinal);
    }

    /// <summary>Rows of every table a callback may change.</summary>
    private static async Task<(long Inbox, long Outbox, long Dialogs)> StateAsync(WeComBot bot) => (
        await bot.ScalarAsync<long>("SELECT COUNT(*) FROM inbox"),
        await bot.ScalarAsync<long>("SELECT COUNT(*) FROM outbox"),
        await bot.ScalarAsync<long>("SELECT COUNT(*) FROM dialog_states"));

    private static (string Query, byte[] Body) Build(string name)
    {
        var crypto = new WeComCrypto(Token, AesKey, CorpId);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var message = TextXml("fgw.lly", "填报");

        (string, byte[]) Signed(string encrypt, string timestamp, string? envelope = null)
        {
            var signature = crypto.ComputeSignature(timestamp, "nonce123", encrypt);
            envelope ??= $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID>1000002</AgentID></xml>";
            return ($"?msg_signature={signature}&timestamp={timestamp}&nonce=nonce123", Encoding.UTF8.GetBytes(envelope));
        }

        return name switch
        {
            "wrong signature" => Signed(crypto.Encrypt(message), now) is var (q, b) ? (q.Replace("msg_signature=", "msg_signature=0", StringComparison.Ordinal), b) : default,
            "no signature" => ($"?timestamp={now}&nonce=n", Signed(crypto.Encrypt(message), now).Item2),
            "wrong corp id" => Signed(new WeComCrypto(Token, AesKey, "wwOtherCorp0000009").Encrypt(message), now),
            "stale timestamp" => Signed(crypto.Encrypt(message), DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            "bad base64" => Signed("This*is*not*Base64!", now),
            "bad padding" => Signed(EncryptRaw(new byte[64]), now),
            "malformed envelope XML" => Signed("abc", now, "<xml><Encrypt>abc</Encrypt>"),
            "malformed message XML" => Signed(crypto.Encrypt("<xml><FromUserName>fgw.lly</xml>"), now),
            "DTD with external entity in the envelope" => Signed("abc", now,
                "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><xml><Encrypt>&xxe;</Encrypt></xml>"),
            "DTD in the message" => Signed(crypto.Encrypt("<!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>" + message.Replace("填报", "&b;", StringComparison.Ordinal)), now),
            "body over 1 MB" or "body over 1 MB, chunked" => Signed(crypto.Encrypt(message), now,
                $"<xml><Encrypt><![CDATA[{crypto.Encrypt(message)}]]></Encrypt><Pad>{new string('x', 1_100_000)}</Pad></xml>"),
            "unknown message type" => Signed(crypto.Encrypt(message.Replace("[CDATA[text]]", "[CDATA[shake]]", StringComparison.Ordinal)), now),
            _ => throw new ArgumentException(name, nameof(name)),
        };
    }

    private static string TextXml(string user, string content) => new XElement("xml",
        new XElement("ToUserName", new XCData(CorpId)),
        new XElement("FromUserName", new XCData(user)),
        new XElement("CreateTime", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        new XElement("MsgType", new XCData("text")),
        new XElement("Content", new XCData(content)),
        new XElement("MsgId", "7300000000000000777"),
        new XElement("AgentID", "1000002")).ToString(SaveOptions.DisableFormatting);

    /// <summary>Ciphertext of <paramref name="frame"/> with the app's key and no padding added: its last byte (0) is no valid pad.</summary>
    private static string EncryptRaw(byte[] frame)
    {
        var key = Convert.FromBase64String(AesKey + "=");
        using var aes = Aes.Create();
        aes.Key = key;
        return Convert.ToBase64String(aes.EncryptCbc(frame, key.AsSpan(0, 16), PaddingMode.None));
    }

    /// <summary>One host for all cases: a bad callback must not change it anyway.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public WeComBot Bot { get; private set; } = null!;

        public WeComApp App { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Bot = await WeComBot.StartAsync();
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["WeCom:CorpId"] = CorpId,
                ["WeCom:AgentId"] = "1000002",
                ["WeCom:Secret"] = "fake-app-secret",
                ["WeCom:Token"] = Token,
                ["WeCom:EncodingAESKey"] = AesKey,
                ["WeCom:ApiBaseUrl"] = Bot.WeCom.BaseUrl,
            }).Build();
            var apps = new WeComApps(Options.Create(WeComChannelOptions.Read(configuration)), TimeProvider.System, NullLoggerFactory.Instance);
            App = apps.All[0];
        }

        public async ValueTask DisposeAsync() => await Bot.DisposeAsync();
    }

    /// <summary>Collects log lines.</summary>
    private sealed class ListLogger : ILogger<WeComCallbackHandler>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
