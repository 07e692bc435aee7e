using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ChatOps.Core.Bulletins;

/// <summary>
/// Renders a bulletin (工作专报) as a Word document the office can print and file: A4 with the margins of the national
/// standard for official documents (GB/T 9704), red masthead, 仿宋_GB2312 body in 三号 (16 pt) on fixed 28 pt lines,
/// 黑体 section headings, the submission statistics as a real table and the 分送 / 印发 imprint. Fonts missing on the
/// reading machine fall back through the font table (方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体).
/// </summary>
public static partial class BulletinDocxRenderer
{
    // Page geometry in twentieths of a point: A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int MarginTop = 2098;
    private const int MarginBottom = 1984;
    private const int MarginLeft = 1588;
    private const int MarginRight = 1474;
    private const int TextWidth = PageWidth - MarginLeft - MarginRight;

    // Fixed line pitch of the body (28 pt) and the two-character first-line indent at 三号.
    private const string LinePitch = "560";
    private const string TwoCharacters = "640";

    // One character at 三号 (the 期号 line) and at 四号 (the page number).
    private const int OneCharacter = 320;
    private const int PageNumberIndent = 280;

    private const string Red = "FF0000";
    private const string Black = "000000";

    private static readonly Regex ImprintParts = new(@"^(?<left>.*\S)\s+(?<right>\S*印发)$", RegexOptions.CultureInvariant);

    /// <summary>Renders <paramref name="bulletin"/> as a .docx and writes it to <paramref name="output"/> at its current position.</summary>
    /// <remarks>
    /// The document is built in memory first, so <paramref name="output"/> need only be writable (a file or a
    /// network stream will do); it is left open. In ASP.NET Core, where synchronous writes are refused, use
    /// <see cref="RenderAsync"/>.
    /// </remarks>
    /// <exception cref="ArgumentException">When the office name is blank or the stream cannot be written.</exception>
    public static void Render(Bulletin bulletin, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var document = RenderToArray(bulletin);
        EnsureWritable(output);
        output.Write(document);
    }

    /// <summary>Renders <paramref name="bulletin"/> as a .docx and writes it to <paramref name="output"/> asynchronously.</summary>
    /// <exception cref="ArgumentException">When the office name is blank or the stream cannot be written.</exception>
    public static async Task RenderAsync(Bulletin bulletin, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var document = RenderToArray(bulletin);
        EnsureWritable(output);
        await output.WriteAsync(document, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Renders <paramref name="bulletin"/> as the bytes of a .docx file.</summary>
    /// <exception cref="ArgumentException">When the office name is blank.</exception>
    public static byte[] RenderToArray(Bulletin bulletin)
    {
        var layout = BulletinLayout.From(bulletin);
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = layout.IssueNumber is null ? layout.Title : $"{layout.Title}（{layout.IssueNumber}）";
            document.PackageProperties.Subject = layout.PeriodLabel;
            document.PackageProperties.Creator = layout.OfficeName;
            document.PackageProperties.Language = "zh-CN";

            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = BuildStyles();
            main.AddNewPart<FontTablePart>().Fonts = FontTable();
            main.AddNewPart<DocumentSettingsPart>().Settings = BuildSettings();
            // GB/T 9704 7.5: odd pages carry the number on the right, even pages on the left, one character in.
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = PageNumberFooter(JustificationValues.Right);
            var evenFooter = main.AddNewPart<FooterPart>();
            evenFooter.Footer = PageNumberFooter(JustificationValues.Left);

            var body = new Body();
            body.Append(Masthead(layout));
            body.Append(Summary(layout));
            foreach (var section in layout.Sections)
            {
                body.Append(Section(section));
            }

            if (layout.Statistics is { } statistics)
            {
                body.Append(Statistics(statistics));
            }

            body.Append(Imprint(layout));
            body.Append(PageSetup(main.GetIdOfPart(footer), main.GetIdOfPart(evenFooter)));
            main.Document = new Document(body);
        }

        return buffer.ToArray();
    }

    private static void EnsureWritable(Stream output)
    {
        if (!output.CanWrite)
        {
            throw new ArgumentException("The output stream cannot be written.", nameof(output));
        }
    }

    private static IEnumerable<OpenXmlElement> Masthead(BulletinLayout layout)
    {
        yield return StyledParagraph(BulletinDocxStyleIds.Title, layout.Title);
        if (layout.SignerText is { } signer)
        {
            // GB/T 9704 7.2.4: 期号 one character in from the left, 签发人 one character in from the right, on one line.
            var line = StyledParagraph(BulletinDocxStyleIds.IssueNumber, null, RightTab(TextWidth - OneCharacter), JustificationValues.Left);
            line.ParagraphProperties!.Indentation = new Indentation { Left = Twips(OneCharacter), Right = Twips(OneCharacter) };
            var label = signer[..BulletinLayout.SignerLabel.Length];
            line.Append(TextRun(layout.IssueNumber ?? string.Empty), new Run(new TabChar()), BodyFontRun(label), TextRun(signer[label.Length..]));
            yield return line;
        }
        else if (layout.IssueNumber is not null)
        {
            yield return StyledParagraph(BulletinDocxStyleIds.IssueNumber, layout.IssueNumber);
        }

        // Office on the left, date on the right, above the red rule; a long office name gets a smaller size and,
        // failing that, its own line, rather than letting Word wrap the date under it.
        var redRule = new ParagraphBorders
        {
            BottomBorder = new BottomBorder { Val = BorderValues.Single, Size = 12U, Space = 4U, Color = Red },
        };
        var size = new[] { BodySize, SmallSize, SmallerSize }
            .Cast<int?>()
            .FirstOrDefault(candidate => Fits(layout.OfficeName, layout.DateText, candidate!.Value, TextWidth));
        if (size is { } fitting)
        {
            var paragraph = StyledParagraph(BulletinDocxStyleIds.Masthead, redRule, RightTab(TextWidth), null);
            paragraph.Append(TextRun(layout.OfficeName, fitting), new Run(SizeProperties(fitting), new TabChar()), TextRun(layout.DateText, fitting));
            yield return paragraph;
        }
        else
        {
            yield return StyledParagraph(BulletinDocxStyleIds.Masthead, layout.OfficeName);
            var date = StyledParagraph(BulletinDocxStyleIds.Masthead, redRule, null, JustificationValues.Right);
            date.Append(TextRun(layout.DateText));
            yield return date;
        }

        if (layout.PeriodLabel is not null)
        {
            yield return StyledParagraph(BulletinDocxStyleIds.Period, layout.PeriodLabel);
        }
    }

    private static IEnumerable<OpenXmlElement> Summary(BulletinLayout layout)
    {
        yield return StyledParagraph(BulletinDocxStyleIds.SummaryLabel, BulletinLayout.SummaryLabel);
        if (layout.Headlines.Count == 0)
        {
            yield return StyledParagraph(BulletinDocxStyleIds.Headline, BulletinLayout.EmptyNote);
        }

        foreach (var headline in layout.Headlines)
        {
            yield return StyledParagraph(BulletinDocxStyleIds.Headline, BulletinLayout.HeadlineMarker + headline);
        }
    }

    private static IEnumerable<OpenXmlElement> Section(BulletinLayoutSection section)
    {
        yield return StyledParagraph(BulletinDocxStyleIds.Heading, section.Heading);
        if (section.Paragraphs.Count == 0)
        {
            yield return StyledParagraph(BulletinDocxStyleIds.Body, BulletinLayout.EmptyNote);
        }

        foreach (var paragraph in section.Paragraphs)
        {
            if (paragraph.Marker is null)
            {
                yield return StyledParagraph(BulletinDocxStyleIds.Body, paragraph.Text);
            }
            else
            {
                var item = StyledParagraph(BulletinDocxStyleIds.Item, null, null, null);
                item.Append(TextRun(paragraph.Marker), TextRun(paragraph.Text));
                yield return item;
            }
        }
    }

    private static IEnumerable<OpenXmlElement> Statistics(BulletinLayoutStatistics statistics)
    {
        yield return StyledParagraph(BulletinDocxStyleIds.Heading, statistics.Heading);
        if (statistics.Rows.Count == 0)
        {
            yield return StyledParagraph(BulletinDocxStyleIds.Body, BulletinLayout.EmptyNote);
            yield break;
        }

        if (statistics.Summary is not null)
        {
            yield return StyledParagraph(BulletinDocxStyleIds.Body, statistics.Summary);
        }

        yield return StatisticsTable(statistics.Rows);
    }

    private static Table StatisticsTable(IReadOnlyList<BulletinLayoutStatisticsRow> rows)
    {
        int[] widths = [1800, 1200, TextWidth - 3000];
        var table = new Table(
            new TableProperties
            {
                TableWidth = new TableWidth { Width = Twips(TextWidth), Type = TableWidthUnitValues.Dxa },
                TableJustification = new TableJustification { Val = TableRowAlignmentValues.Center },
                TableBorders = new TableBorders
                {
                    TopBorder = new TopBorder { Val = BorderValues.Single, Size = 4U, Color = Black },
                    LeftBorder = new LeftBorder { Val = BorderValues.Single, Size = 4U, Color = Black },
                    BottomBorder = new BottomBorder { Val = BorderValues.Single, Size = 4U, Color = Black },
                    RightBorder = new RightBorder { Val = BorderValues.Single, Size = 4U, Color = Black },
                    InsideHorizontalBorder = new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4U, Color = Black },
                    InsideVerticalBorder = new InsideVerticalBorder { Val = BorderValues.Single, Size = 4U, Color = Black },
                },
                TableLayout = new TableLayout { Type = TableLayoutValues.Fixed },
            },
            new TableGrid(widths.Select(width => new GridColumn { Width = Twips(width) })));

        var header = new TableRow(new TableRowProperties(new CantSplit(), new TableHeader()));
        header.Append(
            Cell(BulletinLayout.CategoryColumn, widths[0], BulletinDocxStyleIds.TableHeader, JustificationValues.Center, shaded: true),
            Cell(BulletinLayout.CountColumn, widths[1], BulletinDocxStyleIds.TableHeader, JustificationValues.Center, shaded: true),
            Cell(BulletinLayout.UnitsColumn, widths[2], BulletinDocxStyleIds.TableHeader, JustificationValues.Center, shaded: true));
        table.Append(header);

        foreach (var row in rows)
        {
            table.Append(new TableRow(
                new TableRowProperties(new CantSplit()),
                Cell(row.Category, widths[0], BulletinDocxStyleIds.TableText, JustificationValues.Center, shaded: false),
                Cell(row.Count.ToString(CultureInfo.InvariantCulture), widths[1], BulletinDocxStyleIds.TableText, JustificationValues.Center, shaded: false),
                Cell(row.Units, widths[2], BulletinDocxStyleIds.TableText, JustificationValues.Left, shaded: false)));
        }

        return table;
    }

    private static TableCell Cell(string text, int width, string styleId, JustificationValues justification, bool shaded)
    {
        var properties = new TableCellProperties
        {
            TableCellWidth = new TableCellWidth { Width = Twips(width), Type = TableWidthUnitValues.Dxa },
            TableCellVerticalAlignment = new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center },
        };
        if (shaded)
        {
            properties.Shading = new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "D9D9D9" };
        }

        var paragraph = StyledParagraph(styleId, null, null, justification);
        paragraph.Append(TextRun(text));
        return new TableCell(properties, paragraph);
    }

    /// <summary>The 版记: 分送 lines between rules, then the 印发 line with the office left and the date right.</summary>
    private static IEnumerable<OpenXmlElement> Imprint(BulletinLayout layout)
    {
        // Rules of the imprint: the outer ones heavier (1 pt) than the one between 分送 and 印发 (0.75 pt).
        for (var i = 0; i < layout.Distribution.Count; i++)
        {
            var borders = i == 0
                ? new ParagraphBorders { TopBorder = new TopBorder { Val = BorderValues.Single, Size = 8U, Space = 1U, Color = Black } }
                : null;
            var paragraph = StyledParagraph(BulletinDocxStyleIds.Distribution, borders, null, null);
            if (i == 0)
            {
                paragraph.ParagraphProperties!.SpacingBetweenLines = new SpacingBetweenLines { Before = "480" };
            }
            else
            {
                // Continuation lines align with the text after 分送：.
                paragraph.ParagraphProperties!.Indentation = new Indentation { Left = "1120", Hanging = "0" };
            }

            paragraph.Append(TextRun(layout.Distribution[i]));
            yield return paragraph;
        }

        var imprintBorders = new ParagraphBorders
        {
            TopBorder = layout.Distribution.Count == 0
                ? new TopBorder { Val = BorderValues.Single, Size = 8U, Space = 1U, Color = Black }
                : new TopBorder { Val = BorderValues.Single, Size = 6U, Space = 1U, Color = Black },
            BottomBorder = new BottomBorder { Val = BorderValues.Single, Size = 8U, Space = 1U, Color = Black },
        };
        const int ImprintIndent = 280;
        var parts = ImprintParts.Match(layout.Imprint);
        var split = parts.Success
            && Fits(parts.Groups["left"].Value, parts.Groups["right"].Value, SmallSize, TextWidth - (2 * ImprintIndent));
        var imprint = StyledParagraph(BulletinDocxStyleIds.Imprint, imprintBorders, split ? RightTab(TextWidth - ImprintIndent) : null, null);
        if (layout.Distribution.Count == 0)
        {
            imprint.ParagraphProperties!.SpacingBetweenLines = new SpacingBetweenLines { Before = "480" };
        }

        if (split)
        {
            imprint.Append(TextRun(parts.Groups["left"].Value), new Run(new TabChar()), TextRun(parts.Groups["right"].Value));
        }
        else
        {
            imprint.Append(TextRun(layout.Imprint));
        }

        yield return imprint;
    }

    private static Paragraph StyledParagraph(string styleId, string text)
    {
        var paragraph = StyledParagraph(styleId, null, null, null);
        paragraph.Append(TextRun(text));
        return paragraph;
    }

    private static Paragraph StyledParagraph(string styleId, ParagraphBorders? borders, Tabs? tabs, JustificationValues? justification)
    {
        var properties = new ParagraphProperties { ParagraphStyleId = new ParagraphStyleId { Val = styleId } };
        if (borders is not null)
        {
            properties.ParagraphBorders = borders;
        }

        if (tabs is not null)
        {
            properties.Tabs = tabs;
        }

        if (justification is { } value)
        {
            properties.Justification = new Justification { Val = value };
        }

        return new Paragraph(properties);
    }

    private static Tabs RightTab(int position) => new(new TabStop { Val = TabStopValues.Right, Position = position });

    private static Run TextRun(string text, int? size = null)
    {
        var run = new Run();
        if (size is { } halfPoints)
        {
            run.RunProperties = SizeProperties(halfPoints);
        }

        run.Append(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }

    /// <summary>A run in the body font (仿宋) inside a paragraph whose style sets another (签发人： on the 楷体 期号 line).</summary>
    private static Run BodyFontRun(string text)
    {
        var run = new Run(new RunProperties { RunFonts = RunFontsFor(BodyFont, LatinFont) });
        run.Append(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }

    private static RunProperties SizeProperties(int halfPoints) => new()
    {
        FontSize = new FontSize { Val = HalfPoints(halfPoints) },
        FontSizeComplexScript = new FontSizeComplexScript { Val = HalfPoints(halfPoints) },
    };

    /// <summary>Whether “left  right” fits on one line of <paramref name="width"/> twips at <paramref name="halfPoints"/>, with room to spare.</summary>
    private static bool Fits(string left, string right, int halfPoints, int width)
    {
        const double GapEm = 2;
        const double Slack = 0.95;
        var ems = EmWidth(left) + GapEm + EmWidth(right);
        return ems * halfPoints * 10 <= width * Slack;
    }

    /// <summary>Approximate width in ems: CJK characters and Chinese quotation marks are one em, Latin letters and digits half.</summary>
    private static double EmWidth(string text) =>
        text.Sum(c => c >= '\u2E80' || c is '\u2018' or '\u2019' or '\u201C' or '\u201D' or '\u2014' ? 1.0 : 0.5);

    private static string Twips(int twips) => twips.ToString(CultureInfo.InvariantCulture);
}
