using System.Text.Json;
using ChatOps.Channels.BotFramework.Connector;
using ChatOps.Channels.WeCom.Api;
using ChatOps.Channels.WeCom.Hosting;
using ChatOps.Core.Bulletins;
using ChatOps.Core.Conversations;
using Markdig;

namespace ChatOps.Bot.Tests.Conversations;

/// <summary>
/// What a liaison types reaches every reader as text, in every markup it is placed in: the reviewer's WeCom markdown
/// message, the Bot Framework (Teams, Web Chat) Markdown activity and Adaptive Card, and the bulletin's Markdown.
/// The answer travels the real way: typed into the report dialog, stored, and read back from the reviewer's outbox.
/// </summary>
public sealed class UserTextMarkupTests : IAsyncLifetime
{
    private const string Typed = "**x** [链接](http://evil)";

    private static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 10, 30, 0, TimeSpan.FromHours(8));

    private static readonly MarkdownPipeline CommonMark = new MarkdownPipelineBuilder().UsePipeTables().UseEmphasisExtras().Build();

    private ChatHarness _chat = null!;

    public async ValueTask InitializeAsync() => _chat = await ChatHarness.StartAsync(Wednesday);

    public async ValueTask DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task ReviewersWeComMarkdown_ShowsTheLiaisonsAnswerAsTyped()
    {
        var summary = await ReviewerSummaryAsync();

        var content = Assert.IsType<WeComMarkdownContent>(Assert.Single(WeComChannelSender.RenderForMember(summary)));

        // WeCom's subset has no escape character: no bold pair and no link may survive, yet the reader sees what was typed.
        Assert.DoesNotContain("**x**", content.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("](", content.Content, StringComparison.Ordinal);
        Assert.Contains(Typed, content.Content.Replace("\u200B", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("**本周工作进展**", content.Content, StringComparison.Ordinal); // the bot's own markup is kept

        var group = Assert.IsType<WeComMarkdownContent>(Assert.Single(
            WeComChannelSender.RenderForGroup(summary, WeComLimits.TextMaxBytes, WeComLimits.MarkdownMaxBytes)));
        Assert.Equal(content.Content, group.Content);
    }

    [Fact]
    public async Task ReviewersBotFrameworkMarkdown_RendersTheAnswerAsText()
    {
        var summary = await ReviewerSummaryAsync();

        var activity = ActivityRenderer.Render(summary.Message, "msteams");

        Assert.Equal("markdown", activity.TextFormat);
        var html = Markdown.ToHtml(activity.Text!, CommonMark);
        Assert.Contains(Typed, System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http://evil\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<strong>x</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>本周工作进展</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AdaptiveCard_ShowsUserTextInATextRunNeverReadAsMarkdown()
    {
        var card = OutboundMessage.Card(Typed, $"退回意见：{Typed}\n\n请按意见修改。", new Choice("修改报告", "填报"));

        var content = Assert.Single(ActivityRenderer.Render(card, "msteams").Attachments!).Content!.Value;

        var body = content.GetProperty("body").EnumerateArray().ToList();
        Assert.Equal(["RichTextBlock", "RichTextBlock", "TextBlock"], body.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal([Typed, $"退回意见：{Typed}"], body.Take(2).Select(RunText));
        Assert.Equal("Bolder", body[0].GetProperty("inlines")[0].GetProperty("weight").GetString());
        Assert.Equal("请按意见修改。", body[2].GetProperty("text").GetString());

        var answered = Assert.Single(ActivityRenderer.RenderAnswered(card, Typed).Attachments!).Content!.Value;
        Assert.Equal($"已选择：{Typed}", RunText(answered.GetProperty("body").EnumerateArray().Last()));
    }

    [Fact]
    public void BulletinMarkdown_ShowsTheUnitsTextAsTyped()
    {
        var bulletin = new Bulletin
        {
            OfficeName = "领导小组办公室",
            Date = new DateOnly(2026, 11, 27),
            Headlines = [Typed],
            ProvincialItems = [new BulletinItem("省卫生健康委", Typed) { ExtraParagraphs = ["1. " + Typed, "# 不是标题"] }],
            Statistics = new BulletinStatistics { OnTime = ["省卫生健康委|" + Typed] },
        };

        var html = Markdown.ToHtml(BulletinMarkdownRenderer.Render(bulletin), CommonMark);

        Assert.DoesNotContain("href=\"http://evil\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<strong>x</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<ol", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<h1>不是标题", html, StringComparison.Ordinal);
        var text = System.Net.WebUtility.HtmlDecode(html);
        Assert.Contains("（一）省卫生健康委：" + Typed, text, StringComparison.Ordinal);
        Assert.Contains("1. " + Typed, text, StringComparison.Ordinal);
        Assert.Contains("<td>省卫生健康委|" + Typed + "</td>", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("**x** [链接](http://evil)")]
    [InlineData("# 标题\n> 引用\n- 列表\n1. 列表\n2) 列表\n+ 列表\n===")]
    [InlineData("<font color=\"info\">绿</font> &lt; `code` ~~删~~ a|b \\ _斜_")]
    [InlineData("普通的文字，没有任何标记。3.5个百分点")]
    public void Escape_ThenUnescape_GivesBackWhatWasTyped_AndCommonMarkShowsItAsText(string typed)
    {
        var escaped = MarkdownText.Escape(typed);

        Assert.Equal(typed, MarkdownText.Unescape(escaped));
        var html = Markdown.ToHtml(escaped, CommonMark);
        Assert.DoesNotMatch("<(strong|em|a|h\\d|ol|ul|li|blockquote|code|del|table|font)[ >]", html);
        Assert.Equal(typed.Replace("\n", string.Empty, StringComparison.Ordinal),
            System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>|\n", string.Empty)));
    }

    private static string RunText(JsonElement block) =>
        string.Concat(block.GetProperty("inlines").EnumerateArray().Select(r => r.GetProperty("text").GetString()));

    /// <summary>The liaison of 省卫生健康委 (a unit whose reports are reviewed) types <see cref="Typed"/> as a progress item.</summary>
    private async Task<OutboxItem> ReviewerSummaryAsync()
    {
        var me = _chat.As("wjw.lly");
        await me.SaysAsync("填报");
        (await me.SaysAsync("1")).Shows("本周工作进展");
        await me.SaysAsync(Typed);
        await me.PressesAsync("完成");
        await me.SaysAsync("无");
        await me.SaysAsync("继续推进");
        await me.PressesAsync("跳过");
        (await me.PressesAsync("跳过")).Shows("请核对");
        (await me.PressesAsync("提交")).Shows("已提交，等待分管领导");

        var toReviewer = await _chat.NewMessagesAsync("wjw.fgld");
        return toReviewer.Single(i => i.Message.Kind == OutboundKind.Markdown);
    }
}
