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
        if (layout.IssueNumber is not null || layout.SignerText is not null)
        {
            blocks.Add(EscapeParagraph(string.Join("　", new[] { layout.IssueNumber, layout.SignerText }.OfType<string>())));
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

        // The submission table, unless the office left it out (as in the seed bulletin).
        if (layout.Statistics is { } statistics)
        {
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

    /// <summary>
    /// Escapes a paragraph, cell or line of user text (what the units reported, the office's headlines, names) with the
    /// shared <see cref="MarkdownText.Escape"/>, so that “1. …”, “**…**” or “[…](…)” are read as text, not Markdown.
    /// </summary>
    private static string EscapeParagraph(string text) => MarkdownText.Escape(text);

    private static string EscapeInline(string text) => MarkdownText.Escape(text);

    private static string EscapeCell(string text) => MarkdownText.Escape(text);
}
