using System.Text;

namespace ChatOps.Channels.WeCom.Tests;

/// <summary>
/// The callback path's allocation-light parts (docs/benchmarks.md, "CPU per message"): the signature compared as bytes,
/// one AES instance shared by concurrent callbacks, and the body read into a pooled buffer that grows.
/// </summary>
public class WeComHotPathTests
{
    private const string Ts = OfficialVectors.Timestamp;
    private const string Nonce = OfficialVectors.Nonce;

    [Theory]
    [InlineData("zz7715d11cdb4164915debcba66cb864d751f3e6")] // right length, not hex
    [InlineData("477715d11cdb4164915debcba66cb864d751f3e6 ")] // one character too many
    [InlineData("477715d11cdb4164915debcba66cb864d751f3e7")] // hex, one bit off
    public void DecryptMessage_SignatureNotTheExpectedHex_FailsWithBadSignature(string signature)
    {
        var ex = Assert.Throws<WeComCallbackException>(() => OfficialVectors.Crypto().DecryptMessage(signature, Ts, Nonce, OfficialVectors.PostBody));
        Assert.Equal(WeComCallbackFailureReason.BadSignature, ex.Reason);
    }

    [Fact]
    public void DecryptMessage_UppercaseHexSignature_IsAccepted()
    {
        var plain = OfficialVectors.Crypto().DecryptMessage(OfficialVectors.MsgSignature.ToUpperInvariant(), Ts, Nonce, OfficialVectors.PostBody);

        Assert.Contains("<xml>", plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneCrypto_ConcurrentEncryptAndDecrypt_EveryMessageRoundTrips()
    {
        var crypto = OfficialVectors.Crypto();
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 300; i++)
            {
                // Lengths vary so that frames of different block counts interleave on the shared AES instance.
                var plain = $"<xml><Content><![CDATA[{worker}-{i}-{new string('报', i % 97)}]]></Content></xml>";
                var message = crypto.CreateEncryptedMessage(plain, Ts, Nonce);
                var decrypted = crypto.DecryptMessage(message.MsgSignature, Ts, Nonce, message.ToCallbackBody(OfficialVectors.CorpId, "1"));
                if (decrypted != plain)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }, TestContext.Current.CancellationToken)));

        Assert.Equal(0, failures);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4 * 1024)]
    [InlineData(4 * 1024 + 1)]
    [InlineData(50_000)]
    public async Task ReadAsStringAsync_BodyInSmallChunks_ReadsEveryCharacter(int characters)
    {
        // Three-byte characters, delivered 100 bytes at a time: characters straddle both the reads and the buffer's growth.
        var text = string.Concat(Enumerable.Range(0, characters).Select(i => i % 3 == 0 ? "报" : ((char)('a' + (i % 26))).ToString()));
        await using var body = new TrickleStream(Encoding.UTF8.GetBytes(text), 100);

        var read = await WeComCallbackBody.ReadAsStringAsync(body, 1024 * 1024, TestContext.Current.CancellationToken);

        Assert.Equal(text, read);
    }

    [Theory]
    [InlineData(10_000, 10_000, false)]
    [InlineData(10_001, 10_000, true)]
    public async Task ReadAsStringAsync_AtAndOverTheLimit_ReadsOrFailsWithTooLarge(int bytes, int limit, bool tooLarge)
    {
        await using var body = new TrickleStream(Encoding.ASCII.GetBytes(new string('x', bytes)), 333);

        var read = () => WeComCallbackBody.ReadAsStringAsync(body, limit, TestContext.Current.CancellationToken);

        if (tooLarge)
        {
            var ex = await Assert.ThrowsAsync<WeComCallbackException>(read);
            Assert.Equal(WeComCallbackFailureReason.TooLarge, ex.Reason);
        }
        else
        {
            Assert.Equal(bytes, (await read()).Length);
        }
    }

    [Fact]
    public async Task ReadAndDecryptInbound_TypicalTextCallback_AllocatesLittleBeyondTheXmlReaders()
    {
        var crypto = OfficialVectors.Crypto();
        var xml = "<xml><ToUserName><![CDATA[" + OfficialVectors.CorpId + "]]></ToUserName><FromUserName><![CDATA[zhang.san]]></FromUserName>"
            + "<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            + "<Content><![CDATA[本周完成问题整改12项，下周继续推进农贸市场环境卫生整治。]]></Content><MsgId>7400000000000000001</MsgId><AgentID>1000002</AgentID></xml>";
        var message = crypto.CreateEncryptedMessage(xml, Ts, Nonce);
        var body = Encoding.UTF8.GetBytes(message.ToCallbackBody(OfficialVectors.CorpId, "1000002"));
        async Task<WeComInbound> ReceiveAsync()
        {
            using var stream = new MemoryStream(body, writable: false);
            var text = await WeComCallbackBody.ReadAsStringAsync(stream, 1024 * 1024, TestContext.Current.CancellationToken);
            return crypto.DecryptInbound(message.MsgSignature, Ts, Nonce, text);
        }

        await ReceiveAsync(); // first use: pools, AES, XML types
        var before = GC.GetAllocatedBytesForCurrentThread();
        var inbound = await ReceiveAsync(); // a MemoryStream completes synchronously: all on this thread
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("zhang.san", inbound.FromUserName);
        // The body, signature and AES buffers are pooled; the two XmlReaders (envelope and message) are most of what is left.
        Assert.True(allocated < 40_000, $"one callback allocated {allocated:N0} bytes"); // 31 KB when written
    }

    /// <summary>A stream that hands out at most <c>chunk</c> bytes per read, as a slow client's body arrives.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
