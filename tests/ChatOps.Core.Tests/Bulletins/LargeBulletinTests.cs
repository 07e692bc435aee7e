using ChatOps.Core.Bulletins;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace ChatOps.Core.Tests.Bulletins;

/// <summary>A province-wide bulletin numbers more than 999 items: numbering and both renderers must carry on.</summary>
public sealed class LargeBulletinTests
{
    private static readonly Bulletin FiveThousandItems = new()
    {
        OfficeName = "领导小组办公室",
        Date = new DateOnly(2026, 11, 27),
        ProvincialItems = [.. Enumerable.Range(1, 1001).Select(i => new BulletinItem($"省直第{i}厅", $"省直第{i}厅开展专项整治。"))],
        LocalItems = [.. Enumerable.Range(1, 5000).Select(i => new BulletinItem($"第{i}县", $"第{i}县开展专项整治。"))],
    };

    [Fact]
    public void RenderMarkdown_NumbersItemsPastNineHundredNinetyNine()
    {
        var markdown = BulletinMarkdownRenderer.Render(FiveThousandItems);

        Assert.Contains("（九百九十九）省直第999厅", markdown, StringComparison.Ordinal);
        Assert.Contains("（一千）省直第1000厅", markdown, StringComparison.Ordinal);
        Assert.Contains("（一千零一）省直第1001厅", markdown, StringComparison.Ordinal);
        Assert.Contains("（一千零一十）第1010县", markdown, StringComparison.Ordinal);
        Assert.Contains("（五千）第5000县", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderDocx_NumbersItemsPastNineHundredNinetyNine_AndStaysValid()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(BulletinDocxRenderer.RenderToArray(FiveThousandItems)), false);

        var text = document.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.Contains("（一千零一）省直第1001厅", text, StringComparison.Ordinal);
        Assert.Contains("（四千九百九十九）第4999县", text, StringComparison.Ordinal);
        Assert.Contains("（五千）第5000县", text, StringComparison.Ordinal);
        Assert.Empty(new OpenXmlValidator().Validate(document, TestContext.Current.CancellationToken).Take(5));
    }
}
