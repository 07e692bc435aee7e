using System.Xml;

namespace ChatOps.Channels.WeCom;

/// <summary>
/// An encrypted and signed packet, kept as parts so the fake WeCom server can put the signature in the query
/// string and the ciphertext in a callback body, while passive replies use <see cref="ToXml"/> as is.
/// </summary>
/// <param name="Encrypt">Base64 ciphertext.</param>
/// <param name="MsgSignature">Lowercase hex SHA1 over token, timestamp, nonce and encrypt, sorted ordinally.</param>
/// <param name="TimeStamp">The timestamp that was signed.</param>
/// <param name="Nonce">The nonce that was signed.</param>
public sealed record WeComEncryptedMessage(string Encrypt, string MsgSignature, string TimeStamp, string Nonce)
{
    /// <summary>
    /// The envelope WeCom expects as a passive reply (the same shape WXBizMsgCrypt.EncryptMsg produces):
    /// <c>&lt;xml&gt;&lt;Encrypt&gt;…&lt;/Encrypt&gt;&lt;MsgSignature&gt;…&lt;/MsgSignature&gt;&lt;TimeStamp&gt;…&lt;/TimeStamp&gt;&lt;Nonce&gt;…&lt;/Nonce&gt;&lt;/xml&gt;</c>.
    /// </summary>
    public string ToXml()
    {
        var builder = new StringBuilder(Encrypt.Length + 200);
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false };
        using (var writer = XmlWriter.Create(builder, settings))
        {
            writer.WriteStartElement("xml");
            WriteCData(writer, "Encrypt", Encrypt);
            WriteCData(writer, "MsgSignature", MsgSignature);
            writer.WriteElementString("TimeStamp", TimeStamp);
            WriteCData(writer, "Nonce", Nonce);
            writer.WriteEndElement();
        }

        return builder.ToString();
    }

    /// <summary>
    /// The body WeCom POSTs to a callback URL: <c>&lt;xml&gt;&lt;ToUserName/&gt;&lt;Encrypt/&gt;&lt;AgentID/&gt;&lt;/xml&gt;</c>;
    /// the signature, timestamp and nonce travel in the query string. Used by the fake WeCom server.
    /// </summary>
    public string ToCallbackBody(string toUserName, string agentId)
    {
        ArgumentNullException.ThrowIfNull(toUserName);
        ArgumentNullException.ThrowIfNull(agentId);
        var builder = new StringBuilder(Encrypt.Length + 200);
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false };
        using (var writer = XmlWriter.Create(builder, settings))
        {
            writer.WriteStartElement("xml");
            WriteCData(writer, "ToUserName", toUserName);
            WriteCData(writer, "Encrypt", Encrypt);
            WriteCData(writer, "AgentID", agentId);
            writer.WriteEndElement();
        }

        return builder.ToString();
    }

    private static void WriteCData(XmlWriter writer, string name, string value)
    {
        writer.WriteStartElement(name);
        writer.WriteCData(value);
        writer.WriteEndElement();
    }
}
