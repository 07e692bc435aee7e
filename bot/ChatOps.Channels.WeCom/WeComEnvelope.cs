namespace ChatOps.Channels.WeCom;

/// <summary>
/// The outer XML of an encrypted WeCom packet. WeCom's callback POST carries ToUserName, Encrypt and AgentID;
/// a passive reply (and <see cref="WeComCrypto.EncryptMessage"/>) carries Encrypt, MsgSignature, TimeStamp and Nonce.
/// One type reads both, so the bot's endpoint and the fake WeCom server share the same parsing rules.
/// </summary>
/// <param name="Encrypt">Base64 ciphertext; always present.</param>
/// <param name="ToUserName">Corp id in callback POSTs; absent in passive replies.</param>
/// <param name="AgentId">Application id in callback POSTs; absent in passive replies.</param>
/// <param name="MsgSignature">Signature in passive replies; callbacks carry it in the query string instead.</param>
/// <param name="TimeStamp">Timestamp in passive replies.</param>
/// <param name="Nonce">Nonce in passive replies.</param>
public sealed record WeComEnvelope(
    string Encrypt,
    string? ToUserName,
    string? AgentId,
    string? MsgSignature,
    string? TimeStamp,
    string? Nonce)
{
    /// <summary>
    /// Parses an envelope safely (no DTD, size limit). Throws <see cref="WeComCallbackException"/> with
    /// TooLarge, DtdProhibited or MalformedXml (also when Encrypt is missing or empty).
    /// </summary>
    public static WeComEnvelope Parse(string xml, int maxLength = WeComCryptoOptions.DefaultMaxBodyLength)
    {
        var root = WeComXml.LoadRoot(xml, maxLength, "envelope");
        var encrypt = WeComXml.Child(root, "Encrypt");
        if (string.IsNullOrEmpty(encrypt))
        {
            throw new WeComCallbackException(WeComCallbackFailureReason.MalformedXml, "The envelope has no Encrypt element.");
        }

        return new WeComEnvelope(
            encrypt,
            WeComXml.Child(root, "ToUserName"),
            WeComXml.Child(root, "AgentID"),
            WeComXml.Child(root, "MsgSignature"),
            WeComXml.Child(root, "TimeStamp"),
            WeComXml.Child(root, "Nonce"));
    }
}
