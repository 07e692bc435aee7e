using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ChatOps.Core.Bulletins;

/// <summary>
/// The document's fixed parts: the fonts and sizes of GB/T 9704, the paragraph styles every part of the bulletin uses,
/// the font table with its fall-backs, the settings (punctuation compression, tab stops) and the page set-up with its
/// page-number footers.
/// </summary>
public static partial class BulletinDocxRenderer
{
    private const string TitleFont = "方正小标宋简体";
    private const string BodyFont = "仿宋_GB2312";
    private const string HeadingFont = "黑体";
    private const string KaiFont = "楷体_GB2312";
    private const string SongFont = "宋体";
    private const string LatinFont = "Times New Roman";

    // Font sizes in half-points: 小初 36 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt.
    private const int TitleSize = 72;
    private const int BodySize = 32;
    private const int SmallSize = 28;
    private const int SmallerSize = 24;

    private static Styles BuildStyles()
    {
        var defaults = new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle
            {
                RunFonts = RunFontsFor(BodyFont, LatinFont),
                FontSize = new FontSize { Val = HalfPoints(BodySize) },
                FontSizeComplexScript = new FontSizeComplexScript { Val = HalfPoints(BodySize) },
                Languages = new Languages { Val = "en-US", EastAsia = "zh-CN", Bidi = "ar-SA" },
            }),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle
            {
                SpacingBetweenLines = new SpacingBetweenLines { Before = "0", After = "0", Line = LinePitch, LineRule = LineSpacingRuleValues.Exact },
            }));

        return new Styles(
            defaults,
            ParagraphStyle(
                BulletinDocxStyleIds.Normal, "Normal", basedOn: null,
                new StyleParagraphProperties { Justification = new Justification { Val = JustificationValues.Both } },
                new StyleRunProperties
                {
                    RunFonts = RunFontsFor(BodyFont, LatinFont),
                    FontSize = new FontSize { Val = HalfPoints(BodySize) },
                    FontSizeComplexScript = new FontSizeComplexScript { Val = HalfPoints(BodySize) },
                },
                isDefault: true),
            ParagraphStyle(
                BulletinDocxStyleIds.Title, "Title", BulletinDocxStyleIds.Normal,
                new StyleParagraphProperties
                {
                    SpacingBetweenLines = new SpacingBetweenLines { Before = "240", After = "240", Line = "240", LineRule = LineSpacingRuleValues.Auto },
                    Justification = new Justification { Val = JustificationValues.Center },
                },
                new StyleRunProperties
                {
                    RunFonts = RunFontsFor(TitleFont, TitleFont),
                    Bold = new Bold(),
                    BoldComplexScript = new BoldComplexScript(),
                    Color = new Color { Val = Red },
                    FontSize = new FontSize { Val = HalfPoints(TitleSize) },
                    FontSizeComplexScript = new FontSizeComplexScript { Val = HalfPoints(TitleSize) },
                }),
            ParagraphStyle(
                BulletinDocxStyleIds.IssueNumber, "Bulletin Issue Number", BulletinDocxStyleIds.Normal,
                new StyleParagraphProperties
                {
                    SpacingBetweenLines = new SpacingBetweenLines { After = "240" },
                    Justification = new Justification { Val = JustificationValues.Center },
                },
                KaiRun()),
            ParagraphStyle(
                BulletinDocxStyleIds.Masthead, "Bulletin Masthead", BulletinDocxStyleIds.Normal,
                new StyleParagraphProperties { Justification = new Justification { Val = JustificationValues.Left } },
                KaiRun()),
            ParagraphStyle(
                BulletinDocxStyleIds.Period, "Bulletin Period", BulletinDocxStyleIds.Normal,
                new StyleParagraphProperties
                {
                    SpacingBetweenLines = new SpacingBetweenLines { Before = "240", After = "240" },
                    Justification = new Justification { Val = JustificationValues.Center },
                },
                KaiRun()),
            ParagraphStyle(
                BulletinDocxStyleIds.SummaryLabel, "Bulletin Summary Label", BulletinDocxStyleIds.Normal,
                new StyleParagraphProperties { KeepNext = new KeepNext() },
                new StyleRunProperties { RunFonts = RunFontsFor(HeadingFont, HeadingFont) }),
            ParagraphStyle(
                BulletinDocxStyleIds.Headline, "Bulletin Headline", BulletinDocxStyleIds.Normal,
                new StyleParagraphProperties { Indentation = FirstLineIndent() },
                KaiRun()),
            ParagraphStyle(
                BulletinDocxStyleIds.Heading, "heading 1", BulletinDocxStyleIds.Normal,
                new StyleParagraphProperties
                {
                    KeepNext = new KeepNext(),
                    KeepLines = new KeepLines(),
                    Indentation = FirstLineIndent(),
                    OutlineLevel = new OutlineLevel { Val = 0 },
                },
                new StyleRunProperties { RunFonts = RunFontsFor(HeadingFont, HeadingFont) },
                next: BulletinDocxStyleIds.Body),
            ParagraphStyle(
                BulletinDocxStyleIds.Body, "Bulletin Body", BulletinDocxStyleIds.Normal,
                new StyleParagraphProperties { Indentation = FirstLineIndent() },
                null),
            ParagraphStyle(BulletinDocxStyleIds.Item, "Bulletin Item", BulletinDocxStyleIds.Body, null, null),
            ParagraphStyle(
                BulletinDocxStyleIds.TableHeader, "Bulletin Table Header", BulletinDocxStyleIds.Normal,
                new StyleParagraphProperties
                {
                    SpacingBetweenLines = new SpacingBetweenLines { Before = "60", After = "60", Line = "240", LineRule = LineSpacingRuleValues.Auto },
                    Justification = new Justification { Val = JustificationValues.Center },
                },
                new StyleRunProperties
                {
                    RunFonts = RunFontsFor(HeadingFont, HeadingFont),
                    FontSize = new FontSize { Val = HalfPoints(SmallSize) },
                    FontSizeComplexScript = new FontSizeComplexScript { Val = HalfPoints(SmallSize) },
                }),
            ParagraphStyle(
                BulletinDocxStyleIds.TableText, "Bulletin Table Text", BulletinDocxStyleIds.Normal,
                new StyleParagraphProperties
                {
                    SpacingBetweenLines = new SpacingBetweenLines { Before = "60", After = "60", Line = "240", LineRule = LineSpacingRuleValues.Auto },
                },
                SmallRun()),
            ParagraphStyle(
                BulletinDocxStyleIds.Distribution, "Bulletin Distribution", BulletinDocxStyleIds.Normal,
                new StyleParagraphProperties
                {
                    // 分送： hangs one character in; wrapped lines align with the text after it.
                    Indentation = new Indentation { Left = "1120", Right = "280", Hanging = "840" },
                },
                SmallRun()),
            ParagraphStyle(
                BulletinDocxStyleIds.Imprint, "Bulletin Imprint", BulletinDocxStyleIds.Normal,
                new StyleParagraphProperties { Indentation = new Indentation { Left = "280", Right = "280" } },
                SmallRun()),
            ParagraphStyle(
                BulletinDocxStyleIds.PageNumber, "Bulletin Page Number", BulletinDocxStyleIds.Normal,
                new StyleParagraphProperties
                {
                    SpacingBetweenLines = new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto },
                    Justification = new Justification { Val = JustificationValues.Center },
                },
                new StyleRunProperties
                {
                    RunFonts = RunFontsFor(SongFont, LatinFont),
                    FontSize = new FontSize { Val = HalfPoints(SmallSize) },
                    FontSizeComplexScript = new FontSizeComplexScript { Val = HalfPoints(SmallSize) },
                }));
    }

    private static Style ParagraphStyle(
        string id,
        string name,
        string? basedOn,
        StyleParagraphProperties? paragraph,
        StyleRunProperties? run,
        bool isDefault = false,
        string? next = null)
    {
        var style = new Style
        {
            Type = StyleValues.Paragraph,
            StyleId = id,
            StyleName = new StyleName { Val = name },
            PrimaryStyle = new PrimaryStyle(),
        };
        if (isDefault)
        {
            style.Default = true;
        }

        if (basedOn is not null)
        {
            style.BasedOn = new BasedOn { Val = basedOn };
        }

        if (next is not null)
        {
            style.NextParagraphStyle = new NextParagraphStyle { Val = next };
        }

        if (paragraph is not null)
        {
            style.StyleParagraphProperties = paragraph;
        }

        if (run is not null)
        {
            style.StyleRunProperties = run;
        }

        return style;
    }

    private static StyleRunProperties KaiRun() => new() { RunFonts = RunFontsFor(KaiFont, LatinFont) };

    private static StyleRunProperties SmallRun() => new()
    {
        FontSize = new FontSize { Val = HalfPoints(SmallSize) },
        FontSizeComplexScript = new FontSizeComplexScript { Val = HalfPoints(SmallSize) },
    };

    private static Indentation FirstLineIndent() => new() { FirstLine = TwoCharacters, FirstLineChars = 200 };

    private static RunFonts RunFontsFor(string eastAsia, string latin) => new()
    {
        Ascii = latin,
        HighAnsi = latin,
        EastAsia = eastAsia,
        ComplexScript = latin,
        Hint = FontTypeHintValues.EastAsia,
    };

    /// <summary>The font table names a substitute for every Chinese font that may be missing on the reader's machine.</summary>
    private static Fonts FontTable() => new(
        FontEntry(LatinFont, null, "00", FontFamilyValues.Roman, FontPitchValues.Variable),
        FontEntry(SongFont, "SimSun", "86", FontFamilyValues.Auto, FontPitchValues.Variable),
        FontEntry(BodyFont, "仿宋", "86", FontFamilyValues.Modern, FontPitchValues.Fixed),
        FontEntry(HeadingFont, "SimHei", "86", FontFamilyValues.Modern, FontPitchValues.Fixed),
        FontEntry(KaiFont, "楷体", "86", FontFamilyValues.Modern, FontPitchValues.Fixed),
        FontEntry(TitleFont, SongFont, "86", FontFamilyValues.Auto, FontPitchValues.Variable));

    private static Font FontEntry(string name, string? alternative, string charset, FontFamilyValues family, FontPitchValues pitch)
    {
        var font = new Font { Name = name };
        if (alternative is not null)
        {
            font.Append(new AltName { Val = alternative });
        }

        font.Append(new FontCharSet { Val = charset }, new FontFamily { Val = family }, new Pitch { Val = pitch });
        return font;
    }

    private static Settings BuildSettings() => new(
        new Zoom { Percent = "100" },
        new DefaultTabStop { Val = 420 },
        new EvenAndOddHeaders(),
        new CharacterSpacingControl { Val = CharacterSpacingValues.CompressPunctuation });

    private static string HalfPoints(int halfPoints) => halfPoints.ToString(CultureInfo.InvariantCulture);

    private static SectionProperties PageSetup(string footerId, string evenFooterId) => new(
        new FooterReference { Type = HeaderFooterValues.Default, Id = footerId },
        new FooterReference { Type = HeaderFooterValues.Even, Id = evenFooterId },
        new PageSize { Width = (UInt32Value)(uint)PageWidth, Height = (UInt32Value)(uint)PageHeight },
        new PageMargin
        {
            Top = MarginTop,
            Right = (UInt32Value)(uint)MarginRight,
            Bottom = MarginBottom,
            Left = (UInt32Value)(uint)MarginLeft,
            Header = 851U,
            Footer = 992U,
            Gutter = 0U,
        });

    private static Footer PageNumberFooter(JustificationValues side)
    {
        var paragraph = StyledParagraph(BulletinDocxStyleIds.PageNumber, null, null, side);
        paragraph.ParagraphProperties!.Indentation = side == JustificationValues.Right
            ? new Indentation { Right = Twips(PageNumberIndent) }
            : new Indentation { Left = Twips(PageNumberIndent) };
        paragraph.Append(
            TextRun("— "),
            new SimpleField(new Run(new Text("1"))) { Instruction = " PAGE " },
            TextRun(" —"));
        return new Footer(paragraph);
    }
}
