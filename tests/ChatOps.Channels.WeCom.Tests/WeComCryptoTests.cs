using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.Channels.WeCom.Tests;

public class WeComCryptoTests
{
    private const string Ts = OfficialVectors.Timestamp;
    private const string Nonce = OfficialVectors.Nonce;

    // ---- WeCom's official vectors -------------------------------------------------------------------------------

    [Fact]
    public void VerifyUrl_OfficialPhpVector_ReturnsDecryptedEchoStr()
    {
        var echo = OfficialVectors.Crypto().VerifyUrl(
            OfficialVectors.VerifyMsgSignature, OfficialVectors.VerifyTimestamp, OfficialVectors.VerifyNonce, OfficialVectors.VerifyEchoStr);

        Assert.Equal(OfficialVectors.VerifyEchoStrPlain, echo);
    }

    [Fact]
    public void DecryptMessage_OfficialPhpVector_ReturnsDocumentedPlaintext()
    {
        var plain = OfficialVectors.Crypto().DecryptMessage(
            OfficialVectors.MsgSignature, OfficialVectors.Timestamp, OfficialVectors.Nonce, OfficialVectors.PostBody);

        Assert.Equal(OfficialVectors.Plaintext, plain);
    }

    [Fact]
    public void DecryptInbound_OfficialPhpVector_ParsesTextMessage()
    {
        var inbound = OfficialVectors.Crypto().DecryptInbound(
            OfficialVectors.MsgSignature, OfficialVectors.Timestamp, OfficialVectors.Nonce, OfficialVectors.PostBody);

        Assert.Equal(WeComInboundKind.Text, inbound.Kind);
        Assert.Equal("wx5823bf96d3bd56c7", inbound.ToUserName);
        Assert.Equal("mycreate", inbound.FromUserName);
        Assert.Equal(1409659813L, inbound.CreateTime);
        Assert.Equal("hello", inbound.Content);
        Assert.Equal("4561255354251345929", inbound.MsgId);
        Assert.Equal("218", inbound.AgentId);
        Assert.Equal("msg:4561255354251345929", inbound.DedupeKey);
    }

    [Fact]
    public void VerifyUrl_OfficialPythonVector_ReturnsDecryptedEchoStr()
    {
        var echo = OfficialVectors.Crypto2().VerifyUrl(
            OfficialVectors.VerifyMsgSignature2, OfficialVectors.VerifyTimestamp2, OfficialVectors.VerifyNonce2, OfficialVectors.VerifyEchoStr2);

        Assert.Equal(OfficialVectors.VerifyEchoStrPlain2, echo);
    }

    [Fact]
    public void DecryptMessage_OfficialPythonVectorWithPadAbove16_ReturnsPlaintext()
    {
        var plain = OfficialVectors.Crypto2().DecryptMessage(
            OfficialVectors.MsgSignature2, OfficialVectors.Timestamp2, OfficialVectors.Nonce2, OfficialVectors.PostBody2);

        Assert.Equal(OfficialVectors.Plaintext2, plain);
        Assert.Equal("你好", WeComInboundParser.Parse(plain).Content);
    }

    [Fact]
    public void ComputeSignature_OfficialDocumentExample_MatchesSortedConcatenation()
    {
        // 加解密方案说明 / 举例说明: sorted strings "1372623149", "1409659813", "QDG6eK", msg_encrypt.
        var signature = WeComCrypto.ComputeSignature(OfficialVectors.Token, Ts, Nonce, OfficialVectors.Encrypt);

        Assert.Equal(OfficialVectors.MsgSignature, signature);
        var manual = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(Nonce + Ts + OfficialVectors.Token + OfficialVectors.Encrypt)));
        Assert.Equal(manual, signature);
    }

    [Fact]
    public void Encrypt_FixedRandom_MatchesIndependentImplementation()
    {
        // Expected ciphertexts computed with Python + pyca/cryptography from the published algorithm
        // (pad to 32: the first frame needs 1 pad byte, the second a full block of 32).
        var crypto = OfficialVectors.Crypto();
        var random = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();

        Assert.Equal(
            "JVwoIzeb5XuqKIT2XqjnoBV+BX7BiXDbeZ/vBcGUqcDpT7XgHD3nyO8IaAy/Lc/tyjabg+o01PuDSiaQn4rw0PHKHhrkvdv46uh0kziEw+SmEntTHnjSe4kx0wzKENuh",
            crypto.Encrypt("<xml><Content><![CDATA[周报已提交]]></Content></xml>", random));
        Assert.Equal(
            "JVwoIzeb5XuqKIT2XqjnoJ8pIXhGsHfE0fKPfi4xAg4ResrntsNFkr6iai1QOWSNeRp9QXMX8PXR1oIuLZ7MD8GZh6zWFgV+feKKPTrT26TdKOn0U+4aPEw+/izdg2Qy",
            crypto.Encrypt(new string('a', 26), random));
    }

    // ---- Round trips ----------------------------------------------------------------------------------------------

    [Fact]
    public void EncryptMessage_ThenDecryptPassiveReply_RoundTrips()
    {
        var crypto = OfficialVectors.Crypto();
        const string reply = "<xml><ToUserName><![CDATA[mycreate]]></ToUserName><FromUserName><![CDATA[wx5823bf96d3bd56c7]]></FromUserName><CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[本周周报已收到，谢谢。]]></Content></xml>";

        var envelopeXml = crypto.EncryptMessage(reply, Ts, Nonce);
        var envelope = WeComEnvelope.Parse(envelopeXml);

        Assert.Equal(Ts, envelope.TimeStamp);
        Assert.Equal(Nonce, envelope.Nonce);
        Assert.Equal(crypto.ComputeSignature(Ts, Nonce, envelope.Encrypt), envelope.MsgSignature);
        Assert.Equal(reply, crypto.DecryptPassiveReply(envelopeXml));
        Assert.Equal(reply, crypto.DecryptMessage(envelope.MsgSignature, Ts, Nonce, envelopeXml));
    }

    [Fact]
    public void CreateEncryptedMessage_AsCallbackBody_DecryptsLikeWeComPost()
    {
        var crypto = OfficialVectors.Crypto();
        const string inner = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>1409659813</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[提交周报]]></Content><MsgId>42</MsgId><AgentID>1000002</AgentID></xml>";

        var message = crypto.CreateEncryptedMessage(inner, Ts, "abc");
        var body = message.ToCallbackBody("wx5823bf96d3bd56c7", "1000002");
        var envelope = WeComEnvelope.Parse(body);

        Assert.Equal("wx5823bf96d3bd56c7", envelope.ToUserName);
        Assert.Equal("1000002", envelope.AgentId);
        Assert.Equal(inner, crypto.DecryptMessage(message.MsgSignature, Ts, "abc", body));
    }

    [Fact]
    public void Encrypt_AllLengths_PadsToMultipleOf32AndRoundTrips()
    {
        var crypto = OfficialVectors.Crypto();
        for (var length = 0; length <= 100; length++)
        {
            var plain = new string('x', length);
            var encrypt = crypto.Encrypt(plain);

            Assert.Equal(0, Convert.FromBase64String(encrypt).Length % 32);
            Assert.Equal(plain, crypto.VerifyUrl(crypto.ComputeSignature(Ts, Nonce, encrypt), Ts, Nonce, encrypt));
        }
    }

    [Fact]
    public void Encrypt_SamePlaintextTwice_UsesFreshRandomPrefix()
    {
        var crypto = OfficialVectors.Crypto();

        Assert.NotEqual(crypto.Encrypt("same"), crypto.Encrypt("same"));
    }

    [Fact]
    public void VerifyUrl_UppercaseSignature_IsAccepted()
    {
        var echo = OfficialVectors.Crypto().VerifyUrl(
            OfficialVectors.VerifyMsgSignature.ToUpperInvariant(), OfficialVectors.VerifyTimestamp, OfficialVectors.VerifyNonce, OfficialVectors.VerifyEchoStr);

        Assert.Equal(OfficialVectors.VerifyEchoStrPlain, echo);
    }

    // ---- Ordinal sort -------------------------------------------------------------------------------------------

    [Fact]
    public void ComputeSignature_SortsOrdinallyNotByCulture()
    {
        // Ordinal: '+' (0x2B) < '1' (0x31) < 'Z' (0x5A) < 'a' (0x61). Culture order puts "aToken" before
        // "Zebra" (case-insensitive first) and moves punctuation, so the concatenations differ.
        string[] parts = ["aToken", "1700000000", "Zebra", "+encrypted/Value=="];
        var ordinal = parts.OrderBy(p => p, StringComparer.Ordinal).ToArray();
        var culture = parts.OrderBy(p => p, StringComparer.Create(CultureInfo.GetCultureInfo("en-US"), ignoreCase: false)).ToArray();
        Assert.Equal(["+encrypted/Value==", "1700000000", "Zebra", "aToken"], ordinal);
        Assert.NotEqual(string.Concat(ordinal), string.Concat(culture));

        var signature = WeComCrypto.ComputeSignature("aToken", "1700000000", "Zebra", "+encrypted/Value==");

        Assert.Equal(Sha1Hex(string.Concat(ordinal)), signature);
        Assert.NotEqual(Sha1Hex(string.Concat(culture)), signature);
    }

    [Fact]
    public void ComputeSignature_ArgumentOrderDoesNotMatter()
    {
        Assert.Equal(
            WeComCrypto.ComputeSignature("b", "a", "C", "1"),
            WeComCrypto.ComputeSignature("1", "C", "a", "b"));
    }

    // ---- Failures -----------------------------------------------------------------------------------------------

    [Fact]
    public void DecryptMessage_WrongSignature_FailsWithBadSignature()
    {
        var wrong = "0" + OfficialVectors.MsgSignature[1..];

        AssertFails(WeComCallbackFailureReason.BadSignature,
            () => OfficialVectors.Crypto().DecryptMessage(wrong, Ts, Nonce, OfficialVectors.PostBody));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("477715d11cdb4164915debcba66cb864d751f3e")]
    public void DecryptMessage_MissingOrTruncatedSignature_FailsWithBadSignature(string? signature)
    {
        AssertFails(WeComCallbackFailureReason.BadSignature,
            () => OfficialVectors.Crypto().DecryptMessage(signature, Ts, Nonce, OfficialVectors.PostBody));
    }

    [Fact]
    public void DecryptMessage_WrongToken_FailsWithBadSignature()
    {
        var crypto = new WeComCrypto("otherToken", OfficialVectors.EncodingAesKey, OfficialVectors.CorpId, new WeComCryptoOptions { MaxTimestampAge = null });

        AssertFails(WeComCallbackFailureReason.BadSignature,
            () => crypto.DecryptMessage(OfficialVectors.MsgSignature, Ts, Nonce, OfficialVectors.PostBody));
    }

    [Fact]
    public void DecryptMessage_TamperedNonce_FailsWithBadSignature()
    {
        AssertFails(WeComCallbackFailureReason.BadSignature,
            () => OfficialVectors.Crypto().DecryptMessage(OfficialVectors.MsgSignature, Ts, "1372623148", OfficialVectors.PostBody));
    }

    [Fact]
    public void VerifyUrl_TamperedEchoStr_FailsWithBadSignature()
    {
        var tampered = "Q" + OfficialVectors.VerifyEchoStr[1..];

        AssertFails(WeComCallbackFailureReason.BadSignature,
            () => OfficialVectors.Crypto().VerifyUrl(OfficialVectors.VerifyMsgSignature, OfficialVectors.VerifyTimestamp, OfficialVectors.VerifyNonce, tampered));
    }

    [Fact]
    public void DecryptMessage_WrongCorpId_FailsWithReceiveIdMismatch()
    {
        // Same token, so the signature holds; the frame ends in wx5823bf96d3bd56c7, not in our corp id.
        var crypto = new WeComCrypto(OfficialVectors.Token, OfficialVectors.EncodingAesKey, "ww0000000000000000", new WeComCryptoOptions { MaxTimestampAge = null });

        AssertFails(WeComCallbackFailureReason.ReceiveIdMismatch,
            () => crypto.DecryptMessage(OfficialVectors.MsgSignature, Ts, Nonce, OfficialVectors.PostBody));
    }

    [Fact]
    public void DecryptMessage_ReceiveIdIsPrefixOfOurs_FailsWithReceiveIdMismatch()
    {
        var crypto = new WeComCrypto(OfficialVectors.Token, OfficialVectors.EncodingAesKey, OfficialVectors.CorpId + "0", new WeComCryptoOptions { MaxTimestampAge = null });

        AssertFails(WeComCallbackFailureReason.ReceiveIdMismatch,
            () => crypto.DecryptMessage(OfficialVectors.MsgSignature, Ts, Nonce, OfficialVectors.PostBody));
    }

    [Theory]
    [InlineData("not*base64!")]
    [InlineData("QUJD=EFG")]
    public void DecryptMessage_BadBase64_FailsWithBadBase64(string encrypt)
    {
        AssertFails(WeComCallbackFailureReason.BadBase64, () => DecryptSigned(encrypt));
    }

    [Fact]
    public void DecryptMessage_CiphertextNotWholeBlocks_FailsWithBadLength()
    {
        var encrypt = Convert.ToBase64String(new byte[20]);

        AssertFails(WeComCallbackFailureReason.BadLength, () => DecryptSigned(encrypt));
    }

    [Fact]
    public void DecryptMessage_MessageLengthBeyondFrame_FailsWithBadLength()
    {
        var frame = Frame("<xml/>", OfficialVectors.CorpId);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(16, 4), 1000);

        AssertFails(WeComCallbackFailureReason.BadLength, () => DecryptSigned(EncryptRaw(Pad(frame))));
    }

    [Fact]
    public void DecryptMessage_MessageLengthNearUInt32Max_FailsWithBadLength()
    {
        var frame = Frame("<xml/>", OfficialVectors.CorpId);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(16, 4), uint.MaxValue);

        AssertFails(WeComCallbackFailureReason.BadLength, () => DecryptSigned(EncryptRaw(Pad(frame))));
    }

    [Fact]
    public void DecryptMessage_FrameShorterThanHeader_FailsWithBadLength()
    {
        var block = new byte[32];
        block.AsSpan(16).Fill(16); // 16 bytes of content, 16 of padding: no room for msg_len

        AssertFails(WeComCallbackFailureReason.BadLength, () => DecryptSigned(EncryptRaw(block)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    [InlineData(255)]
    public void DecryptMessage_PadValueOutOfRange_FailsWithBadPadding(byte padValue)
    {
        var block = new byte[64];
        block[^1] = padValue;

        AssertFails(WeComCallbackFailureReason.BadPadding, () => DecryptSigned(EncryptRaw(block)));
    }

    [Fact]
    public void DecryptMessage_InconsistentPadBytes_FailsWithBadPadding()
    {
        var block = Pad(Frame("<xml/>", OfficialVectors.CorpId));
        var pad = block[^1];
        Assert.True(pad >= 2);
        block[^pad] = (byte)(pad - 1); // first pad byte differs from the rest

        AssertFails(WeComCallbackFailureReason.BadPadding, () => DecryptSigned(EncryptRaw(block)));
    }

    [Fact]
    public void DecryptMessage_PadLargerThan16_IsAccepted()
    {
        var frame = Frame("<xml/>", OfficialVectors.CorpId); // 16 + 4 + 6 + 18 = 44 bytes → 20 pad bytes
        var block = Pad(frame);
        Assert.Equal(20, block[^1]);

        Assert.Equal("<xml/>", DecryptSigned(EncryptRaw(block)));
    }

    [Fact]
    public void DecryptMessage_InvalidUtf8Message_FailsWithMalformedXml()
    {
        var frame = Frame("ab", OfficialVectors.CorpId);
        frame[20] = 0xFF;

        AssertFails(WeComCallbackFailureReason.MalformedXml, () => DecryptSigned(EncryptRaw(Pad(frame))));
    }

    [Theory]
    [InlineData("this is not xml")]
    [InlineData("<xml><Encrypt>abc</Encrypt>")]
    [InlineData("<xml><Encrypt>abc</Encrypt></xml><xml/>")]
    [InlineData("<xml><ToUserName>x</ToUserName></xml>")]
    [InlineData("<xml><Encrypt></Encrypt></xml>")]
    [InlineData("<root><Encrypt>abc</Encrypt></root>")]
    [InlineData("")]
    public void DecryptMessage_MalformedEnvelope_FailsWithMalformedXml(string body)
    {
        AssertFails(WeComCallbackFailureReason.MalformedXml,
            () => OfficialVectors.Crypto().DecryptMessage(OfficialVectors.MsgSignature, Ts, Nonce, body));
    }

    [Fact]
    public void DecryptMessage_EnvelopeWithExternalEntity_FailsWithDtdProhibited()
    {
        const string body = """
            <?xml version="1.0"?>
            <!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <xml><ToUserName>&xxe;</ToUserName><Encrypt>abc</Encrypt></xml>
            """;

        AssertFails(WeComCallbackFailureReason.DtdProhibited,
            () => OfficialVectors.Crypto().DecryptMessage(OfficialVectors.MsgSignature, Ts, Nonce, body));
    }

    [Fact]
    public void DecryptMessage_EnvelopeWithEntityExpansion_FailsWithDtdProhibited()
    {
        const string body = """<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><xml><Encrypt>&b;</Encrypt></xml>""";

        AssertFails(WeComCallbackFailureReason.DtdProhibited,
            () => OfficialVectors.Crypto().DecryptMessage(OfficialVectors.MsgSignature, Ts, Nonce, body));
    }

    [Fact]
    public void DecryptMessage_UndeclaredEntityWithoutDoctype_FailsWithMalformedXml()
    {
        const string body = "<xml><Encrypt>&xxe;</Encrypt></xml>";

        AssertFails(WeComCallbackFailureReason.MalformedXml,
            () => OfficialVectors.Crypto().DecryptMessage(OfficialVectors.MsgSignature, Ts, Nonce, body));
    }

    [Fact]
    public void DecryptInbound_InnerMessageWithDoctype_FailsWithDtdProhibited()
    {
        var crypto = OfficialVectors.Crypto();
        var message = crypto.CreateEncryptedMessage(
            """<!DOCTYPE xml [<!ENTITY xxe SYSTEM "http://169.254.169.254/">]><xml><Content>&xxe;</Content></xml>""", Ts, Nonce);

        AssertFails(WeComCallbackFailureReason.DtdProhibited,
            () => crypto.DecryptInbound(message.MsgSignature, Ts, Nonce, message.ToCallbackBody(OfficialVectors.CorpId, "1")));
    }

    [Fact]
    public void DecryptInbound_InnerMessageMalformed_FailsWithMalformedXml()
    {
        var crypto = OfficialVectors.Crypto();
        var message = crypto.CreateEncryptedMessage("<xml><Content>unterminated</xml>", Ts, Nonce);

        AssertFails(WeComCallbackFailureReason.MalformedXml,
            () => crypto.DecryptInbound(message.MsgSignature, Ts, Nonce, message.ToCallbackBody(OfficialVectors.CorpId, "1")));
    }

    [Fact]
    public void DecryptInbound_UnknownMsgType_FailsWithUnknownMessageType()
    {
        var crypto = OfficialVectors.Crypto();
        var message = crypto.CreateEncryptedMessage(
            "<xml><ToUserName>c</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>hologram</MsgType><MsgId>9</MsgId></xml>", Ts, Nonce);

        AssertFails(WeComCallbackFailureReason.UnknownMessageType,
            () => crypto.DecryptInbound(message.MsgSignature, Ts, Nonce, message.ToCallbackBody(OfficialVectors.CorpId, "1")));
    }

    [Fact]
    public void DecryptMessage_BodyOverOneMegabyte_FailsWithTooLarge()
    {
        var body = "<xml><Encrypt>" + new string('A', 1024 * 1024) + "</Encrypt></xml>";

        AssertFails(WeComCallbackFailureReason.TooLarge,
            () => OfficialVectors.Crypto().DecryptMessage(OfficialVectors.MsgSignature, Ts, Nonce, body));
    }

    [Fact]
    public void VerifyUrl_EchoStrOverLimit_FailsWithTooLarge()
    {
        var crypto = new WeComCrypto(OfficialVectors.Token, OfficialVectors.EncodingAesKey, OfficialVectors.CorpId, new WeComCryptoOptions { MaxBodyLength = 64 });

        AssertFails(WeComCallbackFailureReason.TooLarge,
            () => crypto.VerifyUrl(OfficialVectors.VerifyMsgSignature, OfficialVectors.VerifyTimestamp, OfficialVectors.VerifyNonce, new string('A', 65)));
    }

    [Fact]
    public async Task ReadAsStringAsync_BodyOverLimit_FailsWithTooLarge()
    {
        using var stream = new MemoryStream(new byte[(1024 * 1024) + 1]);

        var ex = await Assert.ThrowsAsync<WeComCallbackException>(() => WeComCallbackBody.ReadAsStringAsync(stream, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(WeComCallbackFailureReason.TooLarge, ex.Reason);
    }

    [Fact]
    public async Task ReadAsStringAsync_BodyWithBom_ReturnsTextWithoutBom()
    {
        using var stream = new MemoryStream([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(OfficialVectors.PostBody)]);

        var body = await WeComCallbackBody.ReadAsStringAsync(stream, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(OfficialVectors.PostBody, body);
        Assert.Equal(OfficialVectors.Plaintext, OfficialVectors.Crypto().DecryptMessage(OfficialVectors.MsgSignature, Ts, Nonce, body));
    }

    [Fact]
    public async Task ReadAsStringAsync_InvalidUtf8_FailsWithMalformedXml()
    {
        using var stream = new MemoryStream([0x3C, 0xFF, 0x3E]);

        var ex = await Assert.ThrowsAsync<WeComCallbackException>(() => WeComCallbackBody.ReadAsStringAsync(stream, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(WeComCallbackFailureReason.MalformedXml, ex.Reason);
    }

    // ---- Timestamp window ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(300)]
    [InlineData(-300)]
    public void DecryptMessage_TimestampWithinWindow_IsAccepted(int offsetSeconds)
    {
        var crypto = CryptoAt(long.Parse(Ts, CultureInfo.InvariantCulture) + offsetSeconds);

        Assert.Equal(OfficialVectors.Plaintext, crypto.DecryptMessage(OfficialVectors.MsgSignature, Ts, Nonce, OfficialVectors.PostBody));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    [InlineData(86400)]
    public void DecryptMessage_TimestampOutsideWindow_FailsWithStaleTimestamp(int offsetSeconds)
    {
        var crypto = CryptoAt(long.Parse(Ts, CultureInfo.InvariantCulture) + offsetSeconds);

        AssertFails(WeComCallbackFailureReason.StaleTimestamp,
            () => crypto.DecryptMessage(OfficialVectors.MsgSignature, Ts, Nonce, OfficialVectors.PostBody));
    }

    [Fact]
    public void VerifyUrl_DefaultOptionsAndOldVector_FailsWithStaleTimestamp()
    {
        var crypto = new WeComCrypto(OfficialVectors.Token, OfficialVectors.EncodingAesKey, OfficialVectors.CorpId);

        AssertFails(WeComCallbackFailureReason.StaleTimestamp,
            () => crypto.VerifyUrl(OfficialVectors.VerifyMsgSignature, OfficialVectors.VerifyTimestamp, OfficialVectors.VerifyNonce, OfficialVectors.VerifyEchoStr));
    }

    [Fact]
    public void VerifyUrl_SignedNonNumericTimestamp_FailsWithStaleTimestamp()
    {
        var crypto = CryptoAt(1_700_000_000);
        var encrypt = crypto.Encrypt("echo");

        AssertFails(WeComCallbackFailureReason.StaleTimestamp,
            () => crypto.VerifyUrl(crypto.ComputeSignature("yesterday", Nonce, encrypt), "yesterday", Nonce, encrypt));
    }

    [Fact]
    public void DecryptMessage_StaleAndBadSignature_ReportsBadSignatureFirst()
    {
        var crypto = CryptoAt(1_700_000_000);

        AssertFails(WeComCallbackFailureReason.BadSignature,
            () => crypto.DecryptMessage("0000000000000000000000000000000000000000", Ts, Nonce, OfficialVectors.PostBody));
    }

    [Fact]
    public void DefaultOptions_MaxTimestampAgeIs300Seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(300), new WeComCryptoOptions().MaxTimestampAge);
        Assert.Equal(1024 * 1024, new WeComCryptoOptions().MaxBodyLength);
    }

    // ---- Configuration and secrecy ------------------------------------------------------------------------------

    [Theory]
    [InlineData("short")]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2CX")]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2*")]
    public void Constructor_InvalidEncodingAesKey_ThrowsWithoutLeakingKey(string key)
    {
        var ex = Assert.Throws<ArgumentException>(() => new WeComCrypto("t", key, "c"));

        Assert.DoesNotContain(key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FailureMessages_NeverContainKeyTokenOrPlaintext()
    {
        var crypto = OfficialVectors.Crypto();
        var wrongCorp = new WeComCrypto(OfficialVectors.Token, OfficialVectors.EncodingAesKey, "ww0000000000000000", new WeComCryptoOptions { MaxTimestampAge = null });
        var padBlock = new byte[64];
        padBlock[^1] = 40;
        Action[] failures =
        [
            () => crypto.DecryptMessage("bad", Ts, Nonce, OfficialVectors.PostBody),
            () => wrongCorp.DecryptMessage(OfficialVectors.MsgSignature, Ts, Nonce, OfficialVectors.PostBody),
            () => DecryptSigned("not*base64!"),
            () => DecryptSigned(EncryptRaw(padBlock)),
            () => crypto.DecryptMessage(OfficialVectors.MsgSignature, Ts, Nonce, "<xml>"),
        ];

        foreach (var failure in failures)
        {
            var ex = Assert.Throws<WeComCallbackException>(failure);
            Assert.DoesNotContain(OfficialVectors.EncodingAesKey, ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(OfficialVectors.Token, ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("mycreate", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(OfficialVectors.CorpId, ex.Message, StringComparison.Ordinal);
        }
    }

    // ---- Helpers ------------------------------------------------------------------------------------------------

    private static WeComCrypto CryptoAt(long unixSeconds)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));
        return new WeComCrypto(OfficialVectors.Token, OfficialVectors.EncodingAesKey, OfficialVectors.CorpId, new WeComCryptoOptions { TimeProvider = clock });
    }

    private static void AssertFails(WeComCallbackFailureReason reason, Action action)
    {
        var ex = Assert.Throws<WeComCallbackException>(action);
        Assert.Equal(reason, ex.Reason);
    }

    private static void AssertFails(WeComCallbackFailureReason reason, Func<object?> action) =>
        AssertFails(reason, () => { _ = action(); });

    /// <summary>Wraps <paramref name="encrypt"/> in a callback body with a valid signature and decrypts it.</summary>
    private static string DecryptSigned(string encrypt)
    {
        var crypto = OfficialVectors.Crypto();
        var body = new WeComEncryptedMessage(encrypt, "unused", Ts, Nonce).ToCallbackBody(OfficialVectors.CorpId, "1");
        return crypto.DecryptMessage(crypto.ComputeSignature(Ts, Nonce, encrypt), Ts, Nonce, body);
    }

    /// <summary>random(16) + msg_len + msg + receiveId, unpadded.</summary>
    private static byte[] Frame(string message, string receiveId)
    {
        var msg = Encoding.UTF8.GetBytes(message);
        var rid = Encoding.UTF8.GetBytes(receiveId);
        var frame = new byte[20 + msg.Length + rid.Length];
        RandomNumberGenerator.Fill(frame.AsSpan(0, 16));
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(16, 4), (uint)msg.Length);
        msg.CopyTo(frame.AsSpan(20));
        rid.CopyTo(frame.AsSpan(20 + msg.Length));
        return frame;
    }

    /// <summary>WeCom's padding: to a multiple of 32 with pad value 1..32.</summary>
    private static byte[] Pad(byte[] frame)
    {
        var pad = 32 - (frame.Length % 32);
        var padded = new byte[frame.Length + pad];
        frame.CopyTo(padded, 0);
        padded.AsSpan(frame.Length).Fill((byte)pad);
        return padded;
    }

    /// <summary>AES-256-CBC of an arbitrary (already block-aligned) frame with the official key, no padding added.</summary>
    private static string EncryptRaw(byte[] block)
    {
        var key = Convert.FromBase64String(OfficialVectors.EncodingAesKey + "=");
        using var aes = Aes.Create();
        aes.Key = key;
        return Convert.ToBase64String(aes.EncryptCbc(block, key.AsSpan(0, 16), PaddingMode.None));
    }

    private static string Sha1Hex(string value) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(value)));
}
