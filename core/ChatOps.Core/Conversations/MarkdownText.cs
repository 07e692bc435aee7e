namespace ChatOps.Core.Conversations;

/// <summary>
/// The one place where text that people typed (report answers, review comments, names, titles) is made safe to put
/// inside a Markdown message. A feature composes its Markdown messages as CommonMark: its own markup written out, and
/// every piece of user text passed through <see cref="Escape"/>, which backslash-escapes whatever CommonMark (and the
/// GFM extensions: tables, strikethrough) would read as markup. Each channel then renders that one form in its own
/// dialect: Bot Framework and the local web chat understand backslash escapes; WeCom's markdown subset does not, so its
/// renderer turns each escaped character into a neutral form (see the WeCom channel). So "**x** [链接](http://…)" typed
/// by a liaison reaches every reader as those characters, never as bold text or a link with a hidden target.
/// </summary>
public static class MarkdownText
{
    /// <summary>Characters escaped wherever they stand: emphasis, code, links, HTML, entities, tables, strikethrough.</summary>
    private const string Inline = "\\`*_[]<>&|~";

    /// <summary>Characters that start a block (heading, quote, list, setext underline) when they open a line.</summary>
    private const string LineStart = "#>-+=";

    /// <summary>The characters <see cref="Escape"/> may put a backslash before: channel renderers translate exactly these.</summary>
    public const string EscapedCharacters = Inline + LineStart + ".)";

    /// <summary>
    /// Escapes <paramref name="text"/> so that a CommonMark renderer shows it literally. Every line is treated as if it
    /// began a line of the message (harmless when it does not), so multi-line answers cannot open a heading or a list.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var escaped = new StringBuilder(text.Length + 8);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (lineStart)
            {
                if (LineStart.Contains(c, StringComparison.Ordinal) && !Inline.Contains(c, StringComparison.Ordinal))
                {
                    escaped.Append('\\');
                }
                else if (char.IsAsciiDigit(c) && OrderedListMarkerLength(text, i) is > 0 and var digits)
                {
                    // "1. …" or "1) …": escape the dot or parenthesis after the digits.
                    escaped.Append(text, i, digits).Append('\\').Append(text[i + digits]);
                    i += digits;
                    lineStart = false;
                    continue;
                }
            }

            if (Inline.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
            lineStart = c == '\n' || (lineStart && c is ' ' or '\r');
        }

        return escaped.ToString();
    }

    /// <summary>
    /// Undoes <see cref="Escape"/>-style backslash escapes: the text a reader sees, for channels and logs that show
    /// Markdown messages as plain text.
    /// </summary>
    public static string Unescape(string? markdown) => Translate(markdown, static (builder, c) => builder.Append(c));

    /// <summary>
    /// Rewrites each backslash escape of one of <see cref="EscapedCharacters"/> with <paramref name="write"/>, leaving
    /// the rest of <paramref name="markdown"/> as it is: the hook a channel uses to express "this character is literal"
    /// in its own dialect.
    /// </summary>
    public static string Translate(string? markdown, Action<StringBuilder, char> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (string.IsNullOrEmpty(markdown))
        {
            return string.Empty;
        }

        var result = new StringBuilder(markdown.Length);
        for (var i = 0; i < markdown.Length; i++)
        {
            var c = markdown[i];
            if (c == '\\' && i + 1 < markdown.Length && EscapedCharacters.Contains(markdown[i + 1], StringComparison.Ordinal))
            {
                write(result, markdown[++i]);
                continue;
            }

            result.Append(c);
        }

        return result.ToString();
    }

    /// <summary>The number of digits of an ordered-list marker at <paramref name="start"/> ("12." → 2), else 0.</summary>
    private static int OrderedListMarkerLength(string text, int start)
    {
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        var digits = end - start;
        return digits is > 0 and <= 9 && end < text.Length && text[end] is '.' or ')' ? digits : 0;
    }
}
