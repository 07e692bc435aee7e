using ChatOps.Channels.WeCom.Api;

namespace ChatOps.Channels.WeCom.Tests.Api;

/// <summary>
/// Card limits from 发送应用消息 / 模板卡片 (path 90236): button_list ≤ 6, button text suggested ≤ 10 characters,
/// key ≤ 1024 bytes, task_id of digits, letters and "_-@" ≤ 128 bytes, title ≤ 36, sub_title_text ≤ 160.
/// </summary>
public class WeComCardRendererTests
{
    private static WeComChoicePrompt Prompt(int choices = 3, string taskId = "task_1", string title = "整改材料确认", string? description = "请确认") => new()
    {
        Title = title,
        Description = description,
        TaskId = taskId,
        Choices = [.. new[] { "提交", "修改", "取消", "暂缓", "转办", "退回", "上报", "归档" }.Take(choices).Select((t, i) => new WeComChoice(t, $"k{i}"))],
    };

    [Fact]
    public void Render_WithinLimits_IsAButtonInteractionCard()
    {
        var rendering = WeComCardRenderer.Render(Prompt());

        Assert.True(rendering.IsCard);
        Assert.Null(rendering.FallbackReason);
        var json = WeComJson.Serialize(rendering.Card!);
        Assert.Equal(
            """{"card_type":"button_interaction","main_title":{"title":"整改材料确认"},"sub_title_text":"请确认","button_list":[{"text":"提交","key":"k0"},{"text":"修改","key":"k1"},{"text":"取消","key":"k2"}],"task_id":"task_1"}""",
            json);
    }

    [Fact]
    public void Render_CardsNotSupported_GivesNumberedText()
    {
        var rendering = WeComCardRenderer.Render(Prompt(description: null), cardsSupported: false);

        Assert.False(rendering.IsCard);
        Assert.NotNull(rendering.FallbackReason);
        var text = Assert.IsType<WeComTextContent>(rendering.Content).Content;
        Assert.Equal("整改材料确认\n回复 1、2、3 选择：\n1. 提交\n2. 修改\n3. 取消", text);
    }

    [Fact]
    public void BuildNumberedText_ManyChoices_SaysTheRange()
    {
        var text = WeComCardRenderer.BuildNumberedText(Prompt(choices: 8));

        Assert.StartsWith("整改材料确认\n请确认\n回复 1 至 8 之间的数字 选择：\n1. 提交", text, StringComparison.Ordinal);
        Assert.EndsWith("8. 归档", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(7, "task_1", "标题", null)]
    [InlineData(3, "task 1", "标题", null)]
    [InlineData(3, "任务1", "标题", null)]
    [InlineData(3, "", "标题", null)]
    [InlineData(3, "task_1", "这是一个超过三十六个字的标题这是一个超过三十六个字的标题这是一个超过三十六", null)]
    public void Render_BeyondWeComsLimits_FallsBackToNumberedText(int choices, string taskId, string title, string? description)
    {
        var rendering = WeComCardRenderer.Render(Prompt(choices, taskId, title, description));

        Assert.False(rendering.IsCard);
        Assert.NotNull(rendering.FallbackReason);
        Assert.Throws<ArgumentException>(() => WeComCardRenderer.BuildCard(Prompt(choices, taskId, title, description)));
    }

    [Fact]
    public void Render_LongButtonTextOrKey_FallsBack()
    {
        var longText = Prompt() with { Choices = [new WeComChoice("同意并提交至上级部门", "a"), new WeComChoice("一二三四五六七八九十一", "b")] };
        var longKey = Prompt() with { Choices = [new WeComChoice("提交", new string('k', 1025))] };
        var tenChars = Prompt() with { Choices = [new WeComChoice("同意并提交至上级部门", "a")] };

        Assert.False(WeComCardRenderer.Render(longText).IsCard);
        Assert.False(WeComCardRenderer.Render(longKey).IsCard);
        Assert.True(WeComCardRenderer.Render(tenChars).IsCard);
        Assert.True(WeComCardRenderer.Render(Prompt(taskId: new string('a', 128))).IsCard);
        Assert.False(WeComCardRenderer.Render(Prompt(taskId: new string('a', 129))).IsCard);
        Assert.True(WeComCardRenderer.Render(Prompt(taskId: "a_b-c@d9")).IsCard);
    }

    [Fact]
    public void Render_ProgrammingErrors_Throw()
    {
        Assert.Throws<ArgumentException>(() => WeComCardRenderer.Render(Prompt(choices: 0)));
        Assert.Throws<ArgumentException>(() => WeComCardRenderer.Render(Prompt() with { Choices = [new WeComChoice("a", "k"), new WeComChoice("b", "k")] }));
        Assert.Throws<ArgumentException>(() => WeComCardRenderer.Render(Prompt() with { Choices = [new WeComChoice("a", "k") { Style = 5 }] }));
        Assert.Throws<ArgumentException>(() => WeComCardRenderer.Render(Prompt(title: " ")));
    }

    [Theory]
    [InlineData("1", "k0")]
    [InlineData(" 2 ", "k1")]
    [InlineData("３", "k2")]
    [InlineData("1.", "k0")]
    [InlineData("１．", "k0")]
    [InlineData("2。", "k1")]
    [InlineData("3、", "k2")]
    [InlineData("(1)", "k0")]
    [InlineData("（２）", "k1")]
    [InlineData("第3个", "k2")]
    [InlineData("二", "k1")]
    [InlineData("\u30001\u3000", "k0")]
    [InlineData("提交", "k0")]
    [InlineData("取消", "k2")]
    public void ParseNumberedChoice_AcceptsWhatMembersType(string text, string expectedKey)
    {
        Assert.Equal(expectedKey, WeComCardRenderer.ParseNumberedChoice(text, Prompt().Choices)?.Key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("4")]
    [InlineData("12")]
    [InlineData("1 2")]
    [InlineData("好的")]
    [InlineData("-1")]
    [InlineData("四")]
    public void ParseNumberedChoice_RejectsOtherText(string? text)
    {
        Assert.Null(WeComCardRenderer.ParseNumberedChoice(text, Prompt().Choices));
    }

    [Fact]
    public void BuildAnsweredCard_KeepsTheCardAndSetsReplaceText()
    {
        var prompt = Prompt();

        var card = WeComCardRenderer.BuildAnsweredCard(prompt, prompt.Choices[0]);

        Assert.Equal("已选择：提交", card.ReplaceText);
        Assert.Equal("task_1", card.TaskId);
        Assert.Equal(3, card.ButtonList!.Count);
    }

    [Fact]
    public void SplitUtf8_SplitsOnLinesWithinTheByteLimit()
    {
        var text = string.Join('\n', Enumerable.Range(0, 300).Select(i => $"第{i}行：请于周五前提交材料"));

        var parts = WeComLimits.SplitUtf8(text, WeComLimits.TextMaxBytes);

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.InRange(WeComLimits.Utf8Length(p), 1, WeComLimits.TextMaxBytes));
        Assert.Equal(text, string.Join('\n', parts));
        Assert.Equal(["短文本"], WeComLimits.SplitUtf8("短文本", 2048));
    }

    [Fact]
    public void SplitUtf8_NoLineBreaks_NeverSplitsASurrogatePair()
    {
        var text = string.Concat(Enumerable.Repeat("😀字", 200));

        var parts = WeComLimits.SplitUtf8(text, 100);

        Assert.All(parts, p =>
        {
            Assert.True(WeComLimits.Utf8Length(p) <= 100);
            Assert.False(char.IsHighSurrogate(p[^1]));
        });
        Assert.Equal(text, string.Concat(parts));
    }
}
