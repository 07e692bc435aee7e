using System.Xml;
using System.Xml.Linq;

namespace ChatOps.Channels.WeCom;

/// <summary>
/// The one place where WeCom XML is read: DTDs prohibited, no resolver, a size limit, and failures mapped to
/// <see cref="WeComCallbackException"/>. Both the outer envelope and the decrypted message go through here, so
/// XXE and entity-expansion protection cannot be forgotten at a call site.
/// </summary>
internal static class WeComXml
{
    private const string DoctypeMarker = "<!DOCTYPE";

    /// <summary>Parses <paramref name="xml"/> and returns its root element, which must be <c>&lt;xml&gt;</c>.</summary>
    public static XElement LoadRoot(string xml, int maxLength, string what)
    {
        ArgumentNullException.ThrowIfNull(xml);
        if (xml.Length > maxLength)
        {
            throw new WeComCallbackException(
                WeComCallbackFailureReason.TooLarge,
                string.Create(CultureInfo.InvariantCulture, $"The {what} exceeds {maxLength} characters."));
        }

        // The document is already a string: XmlTextReader's string input holds it in a buffer of its own length, where
        // a reader over a StringReader allocates 8 KB for every document, a third of the bytes a callback allocated
        // (docs/benchmarks.md, twentieth session). The prohibitions are set on it and checked again by the settings.
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxLength,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = true,
        };

        var rootSeen = false;
        try
        {
            using var text = new XmlTextReader(xml, XmlNodeType.Document, null)
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                WhitespaceHandling = WhitespaceHandling.None,
                Normalization = true,
            };
            using var reader = XmlReader.Create(text, settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    rootSeen = true;
                    break;
                }
            }

            if (!rootSeen)
            {
                throw new WeComCallbackException(WeComCallbackFailureReason.MalformedXml, $"The {what} has no root element.");
            }

            var root = (XElement)XNode.ReadFrom(reader);

            // Read to the end so that trailing content (a second root, garbage) is rejected as well.
            while (reader.Read())
            {
            }

            if (root.Name.LocalName != "xml" || root.Name.NamespaceName.Length != 0)
            {
                throw new WeComCallbackException(WeComCallbackFailureReason.MalformedXml, $"The {what} root element is not <xml>.");
            }

            return root;
        }
        catch (XmlException ex) when (!rootSeen && xml.Contains(DoctypeMarker, StringComparison.Ordinal))
        {
            throw new WeComCallbackException(WeComCallbackFailureReason.DtdProhibited, $"The {what} contains a DOCTYPE; DTDs are prohibited.", ex);
        }
        catch (XmlException ex)
        {
            throw new WeComCallbackException(
                WeComCallbackFailureReason.MalformedXml,
                string.Create(CultureInfo.InvariantCulture, $"The {what} is not well-formed XML (line {ex.LineNumber}, position {ex.LinePosition})."),
                ex);
        }
    }

    /// <summary>Text of the first direct child named <paramref name="name"/> that has no child elements, or null.</summary>
    public static string? Child(XElement parent, string name)
    {
        foreach (var element in parent.Elements(name))
        {
            if (!element.HasElements)
            {
                return element.Value;
            }
        }

        return null;
    }
}
