using System.Globalization;
using System.Text;

namespace ChatOps.Core.Bulletins;

/// <summary>
/// Renders a bulletin (工作专报) as Markdown in the layout of the office's printed bulletin, so that it can be posted to
/// group chats and read on a phone: masthead lines, 主要内容 with ▲ lines, the numbered sections 一 to 四 (empty ones
/// say （本期无） so the numbering never shifts), the submission table and the 分送 / 印发 footer.
/// </summary>
public static class BulletinMarkdownRenderer
{
    /// <summary>Renders <paramref name="bulletin"/> as Markdown with LF line endings.</summary>
    /// <exception cref="ArgumentException">When the office name is blank.</exception>
    public static string Render(Bulletin bulletin)
    {
        var layout = BulletinLayout.From(bulletin);
        var blocks = new List<string> { "# " + EscapeInline(layout.Title) };
        if (layout.IssueNumber is not null)
        {
            blocks.Add(EscapeParagraph(layout.IssueNumber));
        }

        blocks.Add(EscapeParagraph($"{layout.OfficeName} {layout.DateText}"));
        if (layout.PeriodLabel is not null)
        {
            blocks.Add(EscapeParagraph(layout.PeriodLabel));
        }

        blocks.Add($"**{BulletinLayout.SummaryLabel}**");
        if (layout.Headlines.Count == 0)
        {
            blocks.Add(BulletinLayout.EmptyNote);
        }

        blocks.AddRange(layout.Headlines.Select(line => BulletinLayout.HeadlineMarker + EscapeInline(line)));

        foreach (var section in layout.Sections)
        {
            blocks.Add("## " + section.Heading);
            if (section.Paragraphs.Count == 0)
            {
                blocks.Add(BulletinLayout.EmptyNote);
            }

            blocks.AddRange(section.Paragraphs.Select(paragraph => EscapeParagraph(paragraph.FullText)));
        }

        var statistics = layout.Statistics;
        blocks.Add("## " + statistics.Heading);
        if (statistics.Rows.Count == 0)
        {
            blocks.Add(BulletinLayout.EmptyNote);
        }
        else
        {
            if (statistics.Summary is not null)
            {
                blocks.Add(EscapeParagraph(statistics.Summary));
            }

            blocks.Add(Table(statistics.Rows));
        }

        if (layout.Distribution.Count > 0)
        {
            blocks.Add("---");
            blocks.AddRange(layout.Distribution.Select(EscapeParagraph));
        }

        blocks.Add("---");
        blocks.Add(EscapeParagraph(layout.Imprint));

        return string.Join("\n\n", blocks) + "\n";
    }

    private static string Table(IReadOnlyList<BulletinLayoutStatisticsRow> rows)
    {
        var table = new StringBuilder();
        table.Append("| ").Append(BulletinLayout.CategoryColumn)
            .Append(" | ").Append(BulletinLayout.CountColumn)
            .Append(" | ").Append(BulletinLayout.UnitsColumn).Append(" |\n");
        table.Append("| --- | ---: | --- |");
        foreach (var row in rows)
        {
            table.Append("\n| ").Append(EscapeCell(row.Category))
                .Append(" | ").Append(row.Count.ToString(CultureInfo.InvariantCulture))
                .Append(" | ").Append(EscapeCell(row.Units)).Append(" |");
        }

        return table.ToString();
    }

    private static string EscapeCell(string text) => EscapeInline(text).Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>Escapes a paragraph so that text such as “1. …” or “- …” is not read as Markdown structure.</summary>
    private static string EscapeParagraph(string text)
    {
        var escaped = EscapeInline(text);
        if (escaped.Length == 0)
        {
            return escaped;
        }

        if ("#>-+=|".Contains(escaped[0], StringComparison.Ordinal))
        {
            return "\\" + escaped;
        }

        // An ordered-list marker: digits followed by '.' or ')'.
        var digits = 0;
        while (digits < escaped.Length && char.IsAsciiDigit(escaped[digits]))
        {
            digits++;
        }

        if (digits is > 0 and <= 9 && digits < escaped.Length && escaped[digits] is '.' or ')')
        {
            return string.Concat(escaped.AsSpan(0, digits), "\\", escaped.AsSpan(digits));
        }

        return escaped;
    }

    /// <summary>Escapes the characters that start emphasis, code, links or HTML inside a line.</summary>
    private static string EscapeInline(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '`' or '[' or ']' or '<')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
