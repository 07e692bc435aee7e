using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ChatOps.Channels.WeCom;

/// <summary>
/// WeCom's callback cryptography (the equivalent of Tencent's WXBizMsgCrypt), written here because
/// Senparc.Weixin.Work does not restore on our machines. Wire-compatible with WeCom's published algorithm:
/// AESKey = Base64Decode(EncodingAESKey + "="), AES-256-CBC with IV = first 16 key bytes, PKCS#7 padding to a
/// multiple of 32 bytes, plaintext = random(16) + msg_len (4 bytes, big-endian) + msg + ReceiveId, and
/// msg_signature = SHA1 hex of token, timestamp, nonce and encrypt sorted ordinally and concatenated.
/// Used by the bot's callback endpoint (verify, decrypt, passive replies) and by the fake WeCom server in tests
/// (encrypt and sign callbacks). Thread-safe; create one per app configuration.
/// </summary>
public sealed class WeComCrypto
{
    /// <summary>Length of an EncodingAESKey as shown in WeCom's admin console.</summary>
    public const int EncodingAesKeyLength = 43;

    // WeCom pads to a multiple of 32 bytes (pad values 1..32); .NET's PKCS7 mode only knows 16-byte AES blocks,
    // so padding is added and checked by hand with PaddingMode.None.
    private const int PadBlockSize = 32;
    private const int AesBlockSize = 16;
    private const int RandomLength = 16;
    private const int LengthFieldLength = 4;
    private const int HeaderLength = RandomLength + LengthFieldLength;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _token;
    private readonly byte[] _iv;

    /// <summary>One AES instance keyed once (not one per message); its one-shot calls are serialised by a lock.</summary>
    private readonly Aes _aes;
    private readonly byte[] _receiveIdBytes;
    private readonly WeComCryptoOptions _options;

    /// <summary>
    /// Creates the crypto for one app. <paramref name="receiveId"/> is the corp id for a self-built app
    /// (WeCom's "ReceiveId"). Throws <see cref="ArgumentException"/> for a malformed configuration; the message
    /// never contains the key.
    /// </summary>
    public WeComCrypto(string token, string encodingAesKey, string receiveId, WeComCryptoOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentNullException.ThrowIfNull(encodingAesKey);
        ArgumentNullException.ThrowIfNull(receiveId);

        if (encodingAesKey.Length != EncodingAesKeyLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The EncodingAESKey must be {EncodingAesKeyLength} characters long."),
                nameof(encodingAesKey));
        }

        var key = new byte[32];
        if (!Convert.TryFromBase64String(encodingAesKey + "=", key, out var written) || written != key.Length)
        {
            throw new ArgumentException("The EncodingAESKey is not valid Base64 for a 32-byte key.", nameof(encodingAesKey));
        }

        _token = token;
        _iv = key[..AesBlockSize];
        _aes = Aes.Create();
        _aes.Key = key;
        ReceiveId = receiveId;
        _receiveIdBytes = Encoding.UTF8.GetBytes(receiveId);
        _options = options ?? new WeComCryptoOptions();
        if (_options.MaxBodyLength <= 0)
        {
            throw new ArgumentException("MaxBodyLength must be positive.", nameof(options));
        }
    }

    /// <summary>The ReceiveId (corp id) that every decrypted frame must end with and every encrypted frame carries.</summary>
    public string ReceiveId { get; }

    /// <summary>
    /// WeCom's signature: lowercase hex SHA1 of the four strings sorted with <see cref="string.CompareOrdinal(string, string)"/>
    /// and concatenated. Ordinal, not culture, order: "Z" sorts before "a", "+" before digits.
    /// </summary>
    public static string ComputeSignature(string token, string timestamp, string nonce, string encrypt)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(encrypt);

        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        HashSignature(token, timestamp, nonce, encrypt, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>The SHA1 behind <see cref="ComputeSignature(string, string, string, string)"/>, into <paramref name="hash"/>, allocating nothing.</summary>
    private static void HashSignature(string token, string timestamp, string nonce, string encrypt, Span<byte> hash)
    {
        Span<string> parts = [token, timestamp, nonce, encrypt];
        parts.Sort(string.CompareOrdinal);
        var length = 0;
        foreach (var part in parts)
        {
            length += Encoding.UTF8.GetByteCount(part);
        }

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = 0;
            foreach (var part in parts)
            {
                written += Encoding.UTF8.GetBytes(part, rented.AsSpan(written));
            }

            SHA1.HashData(rented.AsSpan(0, written), hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented, clearArray: true); // it held the token
        }
    }

    /// <summary>The signature of <paramref name="encrypt"/> with this app's token.</summary>
    public string ComputeSignature(string timestamp, string nonce, string encrypt) =>
        ComputeSignature(_token, timestamp, nonce, encrypt);

    /// <summary>
    /// Answers WeCom's URL check (GET with msg_signature, timestamp, nonce, echostr; the values already URL-decoded):
    /// verifies the signature and the timestamp and returns the decrypted echostr, to be sent back as plain text.
    /// Missing parameters may be passed as null; they fail as <see cref="WeComCallbackFailureReason.BadSignature"/>.
    /// </summary>
    public string VerifyUrl(string? msgSignature, string? timestamp, string? nonce, string? echoStr)
    {
        echoStr ??= string.Empty;
        EnsureLength(echoStr, "echostr");
        VerifySignature(msgSignature, timestamp ?? string.Empty, nonce ?? string.Empty, echoStr);
        VerifyTimestamp(timestamp ?? string.Empty);
        return Decrypt(echoStr);
    }

    /// <summary>
    /// Verifies and decrypts a callback POST: <paramref name="postBodyXml"/> is the request body (an envelope with
    /// Encrypt), the other values come from the query string. Returns the decrypted inner XML; parse it with
    /// <see cref="WeComInboundParser.Parse"/> (or use <see cref="DecryptInbound"/>).
    /// </summary>
    public string DecryptMessage(string? msgSignature, string? timestamp, string? nonce, string postBodyXml)
    {
        ArgumentNullException.ThrowIfNull(postBodyXml);
        var envelope = WeComEnvelope.Parse(postBodyXml, _options.MaxBodyLength);
        VerifySignature(msgSignature, timestamp ?? string.Empty, nonce ?? string.Empty, envelope.Encrypt);
        VerifyTimestamp(timestamp ?? string.Empty);
        return Decrypt(envelope.Encrypt);
    }

    /// <summary><see cref="DecryptMessage"/> followed by <see cref="WeComInboundParser.Parse"/>.</summary>
    public WeComInbound DecryptInbound(string? msgSignature, string? timestamp, string? nonce, string postBodyXml) =>
        WeComInboundParser.Parse(DecryptMessage(msgSignature, timestamp, nonce, postBodyXml), _options.MaxBodyLength);

    /// <summary>
    /// Verifies and decrypts a passive reply envelope (<see cref="EncryptMessage"/>'s output), taking signature,
    /// timestamp and nonce from the envelope itself. Used by the fake WeCom server to read the bot's replies.
    /// </summary>
    public string DecryptPassiveReply(string replyXml)
    {
        ArgumentNullException.ThrowIfNull(replyXml);
        var envelope = WeComEnvelope.Parse(replyXml, _options.MaxBodyLength);
        VerifySignature(envelope.MsgSignature, envelope.TimeStamp ?? string.Empty, envelope.Nonce ?? string.Empty, envelope.Encrypt);
        VerifyTimestamp(envelope.TimeStamp ?? string.Empty);
        return Decrypt(envelope.Encrypt);
    }

    /// <summary>
    /// Encrypts and signs <paramref name="replyXml"/> and returns the outer XML envelope
    /// (Encrypt, MsgSignature, TimeStamp, Nonce), as WeCom expects for a passive reply.
    /// </summary>
    public string EncryptMessage(string replyXml, string timestamp, string nonce) =>
        CreateEncryptedMessage(replyXml, timestamp, nonce).ToXml();

    /// <summary>Encrypts and signs <paramref name="plaintext"/>, returning the parts (for callback bodies and query strings).</summary>
    public WeComEncryptedMessage CreateEncryptedMessage(string plaintext, string timestamp, string nonce)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        var encrypt = Encrypt(plaintext);
        return new WeComEncryptedMessage(encrypt, ComputeSignature(timestamp, nonce, encrypt), timestamp, nonce);
    }

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> into WeCom's frame with 16 fresh random bytes and returns it as Base64
    /// (the value of an Encrypt element or of an echostr).
    /// </summary>
    public string Encrypt(string plaintext)
    {
        Span<byte> random = stackalloc byte[RandomLength];
        RandomNumberGenerator.Fill(random);
        return Encrypt(plaintext, random);
    }

    /// <summary>Encrypts with the given random prefix; deterministic, for tests.</summary>
    internal string Encrypt(string plaintext, ReadOnlySpan<byte> random)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        if (random.Length != RandomLength)
        {
            throw new ArgumentException("The random prefix must be 16 bytes.", nameof(random));
        }

        var message = Encoding.UTF8.GetBytes(plaintext);
        var contentLength = HeaderLength + message.Length + _receiveIdBytes.Length;
        var pad = PadBlockSize - (contentLength % PadBlockSize); // 1..32: a full block of 32 when already aligned
        var frame = new byte[contentLength + pad];
        random.CopyTo(frame);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(RandomLength, LengthFieldLength), (uint)message.Length);
        message.CopyTo(frame.AsSpan(HeaderLength));
        _receiveIdBytes.CopyTo(frame.AsSpan(HeaderLength + message.Length));
        frame.AsSpan(contentLength).Fill((byte)pad);

        byte[] cipher;
        lock (_aes)
        {
            cipher = _aes.EncryptCbc(frame, _iv, PaddingMode.None);
        }

        return Convert.ToBase64String(cipher);
    }

    /// <summary>
    /// Decrypts a Base64 frame and checks padding, length and ReceiveId. Internal on purpose: callers must go
    /// through a signature check first (which also keeps padding errors from acting as a padding oracle).
    /// </summary>
    internal string Decrypt(string encrypt)
    {
        // Pooled buffers for the ciphertext and the frame: a callback allocates only the message string it returns.
        var buffer = ArrayPool<byte>.Shared.Rent((encrypt.Length / 4 * 3) + 3);
        var frameBuffer = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            if (!Convert.TryFromBase64String(encrypt, buffer, out var cipherLength))
            {
                throw new WeComCallbackException(WeComCallbackFailureReason.BadBase64, "The encrypted payload is not valid Base64.");
            }

            if (cipherLength == 0 || cipherLength % AesBlockSize != 0)
            {
                throw new WeComCallbackException(WeComCallbackFailureReason.BadLength, "The ciphertext is not a whole number of AES blocks.");
            }

            int frameLength;
            lock (_aes)
            {
                frameLength = _aes.DecryptCbc(buffer.AsSpan(0, cipherLength), _iv, frameBuffer, PaddingMode.None);
            }

            return ReadFrame(frameBuffer.AsSpan(0, frameLength));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<byte>.Shared.Return(frameBuffer, clearArray: true); // it held the plaintext
        }
    }

    /// <summary>Checks a decrypted frame's padding, length field and ReceiveId, and returns its message.</summary>
    private string ReadFrame(ReadOnlySpan<byte> frame)
    {
        var pad = frame[^1];
        if (pad is < 1 or > PadBlockSize || pad > frame.Length)
        {
            throw new WeComCallbackException(WeComCallbackFailureReason.BadPadding, "The decrypted payload has an invalid padding value.");
        }

        for (var i = frame.Length - pad; i < frame.Length; i++)
        {
            if (frame[i] != pad)
            {
                throw new WeComCallbackException(WeComCallbackFailureReason.BadPadding, "The decrypted payload has inconsistent padding bytes.");
            }
        }

        var content = frame[..^pad];
        if (content.Length < HeaderLength)
        {
            throw new WeComCallbackException(WeComCallbackFailureReason.BadLength, "The decrypted payload is shorter than its header.");
        }

        var messageLength = BinaryPrimitives.ReadUInt32BigEndian(content.Slice(RandomLength, LengthFieldLength));
        if (messageLength > (uint)(content.Length - HeaderLength))
        {
            throw new WeComCallbackException(WeComCallbackFailureReason.BadLength, "The message length field exceeds the decrypted payload.");
        }

        var message = content.Slice(HeaderLength, (int)messageLength);
        var receiveId = content[(HeaderLength + (int)messageLength)..];
        if (!receiveId.SequenceEqual(_receiveIdBytes))
        {
            throw new WeComCallbackException(WeComCallbackFailureReason.ReceiveIdMismatch, "The payload is addressed to a different ReceiveId.");
        }

        try
        {
            return StrictUtf8.GetString(message);
        }
        catch (DecoderFallbackException ex)
        {
            throw new WeComCallbackException(WeComCallbackFailureReason.MalformedXml, "The decrypted message is not valid UTF-8.", ex);
        }
    }

    private void VerifySignature(string? msgSignature, string timestamp, string nonce, string encrypt)
    {
        // The given signature is hex in either case; compared as the 20 bytes it stands for, in fixed time.
        Span<byte> expected = stackalloc byte[SHA1.HashSizeInBytes];
        HashSignature(_token, timestamp, nonce, encrypt, expected);
        Span<byte> actual = stackalloc byte[SHA1.HashSizeInBytes];
        var given = msgSignature.AsSpan();
        var decoded = given.Length == 2 * SHA1.HashSizeInBytes
            && Convert.FromHexString(given, actual, out _, out var written) == OperationStatus.Done && written == actual.Length;
        if (!decoded || !CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            throw new WeComCallbackException(WeComCallbackFailureReason.BadSignature, "The message signature does not match.");
        }
    }

    private void VerifyTimestamp(string timestamp)
    {
        if (_options.MaxTimestampAge is not { } maxAge)
        {
            return;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new WeComCallbackException(WeComCallbackFailureReason.StaleTimestamp, "The timestamp is not a Unix time in seconds.");
        }

        var now = _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        var age = now >= seconds ? now - seconds : seconds - now;
        if (age > (long)maxAge.TotalSeconds)
        {
            throw new WeComCallbackException(WeComCallbackFailureReason.StaleTimestamp, "The timestamp is outside the accepted window.");
        }
    }

    private void EnsureLength(string value, string what)
    {
        if (value.Length > _options.MaxBodyLength)
        {
            throw new WeComCallbackException(
                WeComCallbackFailureReason.TooLarge,
                string.Create(CultureInfo.InvariantCulture, $"The {what} exceeds {_options.MaxBodyLength} characters."));
        }
    }
}
