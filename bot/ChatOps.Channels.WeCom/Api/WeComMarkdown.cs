namespace ChatOps.Channels.WeCom.Api;

/// <summary>
/// Turns the engine's Markdown (CommonMark, user text escaped by <see cref="MarkdownText.Escape"/>) into WeCom's
/// markdown subset (headings, <c>**bold**</c>, <c>[link](url)</c>, <c>`code`</c>, <c>&gt;</c> quotes,
/// <c>&lt;font color&gt;</c>). WeCom documents no escape character, so a backslash would be shown as typed and the
/// markup after it would still apply. Instead each escaped character is kept and fenced with zero-width spaces
/// (U+200B), which WeCom shows as nothing but which break every construct of the subset: <c>**</c> is no longer two
/// adjacent asterisks, <c>](</c> no longer joins a link, <c>&lt;font</c> is no tag, and <c>#</c> or <c>&gt;</c> no
/// longer open the line. A backtick cannot be fenced that way (a code span only needs a second one), so it becomes the
/// look-alike U+02CB. The bot's own markup (unescaped) is left as it is.
/// </summary>
public static class WeComMarkdown
{
    private const char ZeroWidthSpace = '\u200B';

    /// <summary>The WeCom markdown for <paramref name="markdown"/>.</summary>
    public static string FromCommonMark(string markdown) => MarkdownText.Translate(markdown, static (builder, c) =>
    {
        switch (c)
        {
            case '\\':
                builder.Append('\\');
                break;
            case '`':
                builder.Append('\u02CB');
                break;
            default:
                builder.Append(ZeroWidthSpace).Append(c).Append(ZeroWidthSpace);
                break;
        }
    });
}
