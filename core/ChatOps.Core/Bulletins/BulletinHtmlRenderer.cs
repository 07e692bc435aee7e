using System.Net;

namespace ChatOps.Core.Bulletins;

/// <summary>
/// Renders a bulletin as an HTML fragment laid out as it prints (the console's preview): red masthead with 期号 and
/// 签发人, office and date over the red rule, 主要内容, the numbered sections, the optional table, the 分送 block and the
/// 印发 line — drawn from the same <see cref="BulletinLayout"/> as the Word file, so the preview says what prints.
/// Class names start with <c>bl-</c>; the host supplies the style sheet. Every text is HTML-encoded.
/// </summary>
public static class BulletinHtmlRenderer
{
    /// <summary>The fragment (a single <c>div.bl-page</c>).</summary>
    public static string Render(Bulletin bulletin)
    {
        var layout = BulletinLayout.From(bulletin);
        var html = new StringBuilder("<div class=\"bl-page\">");
        P(html, "bl-title", layout.Title);
        if (layout.SignerText is not null || layout.IssueNumber is not null)
        {
            html.Append("<p class=\"bl-issue").Append(layout.SignerText is null ? "" : " bl-split").Append("\"><span>")
                .Append(E(layout.IssueNumber ?? "")).Append("</span>");
            if (layout.SignerText is { } signer)
            {
                html.Append("<span class=\"bl-signer\">").Append(E(signer)).Append("</span>");
            }

            html.Append("</p>");
        }

        html.Append("<p class=\"bl-masthead bl-split\"><span>").Append(E(layout.OfficeName)).Append("</span><span>").Append(E(layout.DateText)).Append("</span></p>");
        if (layout.PeriodLabel is not null)
        {
            P(html, "bl-period", layout.PeriodLabel);
        }

        P(html, "bl-summary-label", BulletinLayout.SummaryLabel);
        foreach (var line in layout.Headlines.Count == 0 ? [BulletinLayout.EmptyNote] : layout.Headlines.Select(h => BulletinLayout.HeadlineMarker + h))
        {
            P(html, "bl-headline", line);
        }

        foreach (var section in layout.Sections)
        {
            P(html, "bl-heading", section.Heading);
            foreach (var paragraph in section.Paragraphs.Count == 0 ? [new BulletinLayoutParagraph(null, BulletinLayout.EmptyNote)] : section.Paragraphs)
            {
                P(html, paragraph.Marker is null ? "bl-body" : "bl-body bl-item", paragraph.FullText);
            }
        }

        if (layout.Statistics is { } statistics)
        {
            P(html, "bl-heading", statistics.Heading);
            if (statistics.Summary is not null)
            {
                P(html, "bl-body", statistics.Summary);
            }

            html.Append("<table class=\"bl-table\"><tr><th>").Append(BulletinLayout.CategoryColumn).Append("</th><th>").Append(BulletinLayout.CountColumn)
                .Append("</th><th>").Append(BulletinLayout.UnitsColumn).Append("</th></tr>");
            foreach (var row in statistics.Rows)
            {
                html.Append("<tr><td>").Append(E(row.Category)).Append("</td><td>").Append(row.Count.ToString(CultureInfo.InvariantCulture))
                    .Append("</td><td>").Append(E(row.Units)).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("<div class=\"bl-imprint\">");
        foreach (var line in layout.Distribution)
        {
            P(html, "bl-distribution", line);
        }

        var imprint = layout.Imprint;
        var space = imprint.LastIndexOf(' ');
        html.Append("<p class=\"bl-printed bl-split\"><span>").Append(E(space < 0 ? imprint : imprint[..space])).Append("</span><span>")
            .Append(E(space < 0 ? "" : imprint[(space + 1)..])).Append("</span></p></div></div>");
        return html.ToString();
    }

    private static void P(StringBuilder html, string cssClass, string text) =>
        html.Append("<p class=\"").Append(cssClass).Append("\">").Append(E(text)).Append("</p>");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
