namespace ChatOps.Channels.WeCom;

/// <summary>
/// Why a WeCom callback was rejected. Machine-readable so the endpoint can map it to a status code and a metric
/// without parsing messages, and so tests can assert the exact cause.
/// </summary>
public enum WeComCallbackFailureReason
{
    /// <summary>msg_signature does not match SHA1(sort(token, timestamp, nonce, encrypt)); the request is not from WeCom or was altered.</summary>
    BadSignature,

    /// <summary>The timestamp is not a Unix time or lies outside <see cref="WeComCryptoOptions.MaxTimestampAge"/> (replay protection).</summary>
    StaleTimestamp,

    /// <summary>The encrypted payload is not valid Base64.</summary>
    BadBase64,

    /// <summary>The decrypted block does not end in valid PKCS#7 padding (pad value 1..32, all pad bytes equal).</summary>
    BadPadding,

    /// <summary>The ciphertext is not a whole number of AES blocks, or the decrypted frame (random, msg_len, msg, receiveid) is truncated.</summary>
    BadLength,

    /// <summary>The ReceiveId at the end of the decrypted frame is not ours (a message for another corp or app).</summary>
    ReceiveIdMismatch,

    /// <summary>The outer envelope or the decrypted message is not well-formed XML, or lacks a required element.</summary>
    MalformedXml,

    /// <summary>The XML carries a DOCTYPE; DTDs are prohibited (entity expansion, external entities).</summary>
    DtdProhibited,

    /// <summary>The body exceeds the configured size limit.</summary>
    TooLarge,

    /// <summary>The decrypted message has a MsgType this channel does not know.</summary>
    UnknownMessageType,
}
