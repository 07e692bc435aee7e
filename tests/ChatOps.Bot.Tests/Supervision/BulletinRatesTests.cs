using ChatOps.Bot.Supervision;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports;
using ChatOps.Core.Reports.Overview;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.Supervision;

/// <summary>
/// Issue 16, “the bulletin can include the rates”: when problem lists exist, the bulletin — compiled (Markdown for chat),
/// the console's 专报编辑 draft and preview, and the issued Word file — carries each county's rectification rate against
/// the milestone in force; without problem lists it carries nothing of the kind.
/// </summary>
public sealed class BulletinRatesTests
{
    private const string RatesParagraph = "问题清单整改情况。截至12月1日，2个州（市、县、区）问题清单共有问题3个，已整改销号1个，整改率33.3%。";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<ChatHarness> StartAsync() =>
        ChatHarness.StartAsync(SupervisionChat.Start, configure: b =>
        {
            b.AddSupervision();
            b.Services.AddReportOverviewCore();
        });

    [Fact]
    public async Task CompiledBulletin_WithProblemLists_CarriesEachCountysRateAgainstItsMilestone()
    {
        await using var chat = await StartAsync();
        await SeedAsync(chat);
        var bulletins = chat.Services.GetRequiredService<BulletinService>();

        var bulletin = await bulletins.CompileAsync("weekly", "2026-W48", cancellationToken: Ct);

        var paragraph = Assert.Single(bulletin.KeyEvents, k => k.StartsWith("问题清单整改情况", StringComparison.Ordinal));
        Assert.StartsWith(RatesParagraph, paragraph, StringComparison.Ordinal);
        Assert.Contains("文山州50%", paragraph, StringComparison.Ordinal);
        Assert.Contains("红河州0%", paragraph, StringComparison.Ordinal);
        Assert.Contains("对照11月30日前整改率达到90%的目标，", paragraph, StringComparison.Ordinal);
        Assert.Contains("等2地尚未达到，请加快整改、按期销号。", paragraph, StringComparison.Ordinal);
        Assert.Contains(paragraph, bulletins.RenderMarkdown(bulletin), StringComparison.Ordinal);

        // 专报 in chat shows the same text.
        (await chat.As("office.clerk1").SaysAsync("专报 2026-W48")).Shows("问题清单整改情况", "红河州0%", "文山州50%");
    }

    [Fact]
    public async Task IssuedBulletin_TheConsoleDraftAndTheSignedWordFile_CarryTheRates()
    {
        await using var chat = await StartAsync();
        await SeedAsync(chat);
        var editor = chat.Services.GetRequiredService<BulletinEditor>();
        var directory = await chat.Services.GetRequiredService<IDirectoryRepository>().LoadAsync(Ct);
        var clerk = Actor.Of(directory.People.Single(p => p.Id == "office.clerk1"), "console");

        var draft = await editor.OpenAsync("weekly", "2026-W48", Ct);
        Assert.Contains(draft.Content.KeyEvents, k => k.StartsWith(RatesParagraph, StringComparison.Ordinal));
        Assert.Contains(editor.ToBulletin(draft).KeyEvents, k => k.Contains("文山州50%", StringComparison.Ordinal)); // what the preview renders
        var saved = await editor.SaveAsync(clerk, "weekly", "2026-W48", draft.Content, 0, Ct);
        Assert.True(saved.Succeeded, saved.Text);
        var signer = Actor.Of(Assert.Single(await editor.SignersAsync(Ct)), "console");
        var signed = await editor.SignAsync(signer, saved.Edition!.Id, saved.Edition.Version, Ct);
        Assert.True(signed.Succeeded, signed.Text);

        var document = await editor.DocumentAsync(signed.Edition!, Ct);
        using var word = WordprocessingDocument.Open(new MemoryStream(document), false);
        var text = word.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.Contains("问题清单整改情况", text, StringComparison.Ordinal);
        Assert.Contains("文山州50%", text, StringComparison.Ordinal);
        Assert.Contains("红河州0%", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutProblemLists_TheBulletinHasNoRatesParagraph()
    {
        await using var chat = await StartAsync();

        var bulletin = await chat.Services.GetRequiredService<BulletinService>().CompileAsync("weekly", "2026-W48", cancellationToken: Ct);

        Assert.DoesNotContain(bulletin.KeyEvents, k => k.Contains("整改率", StringComparison.Ordinal));
    }

    /// <summary>文山州 (2 problems, 1 closed) and 红河州 (1 open); the office's milestone: 90 % by 30 November.</summary>
    private static async Task SeedAsync(ChatHarness chat)
    {
        await chat.SeedWenshanAsync();
        var milestone = await chat.InWorkAsync((s, w, now) => s.SetMilestoneAsync(w, SupervisionChat.Office, new DateOnly(2026, 11, 30), 90, now));
        Assert.True(milestone.Succeeded, milestone.Message);
        await chat.As("532600.lly").SaysAsync("整改 #1");
        await chat.As("532600.lly").SaysAsync("已设置隔离区，地面硬化并每日冲洗");
        (await chat.As("dzz.wenshan").SaysAsync("销号 #1")).Shows("#1 已核验销号");
    }
}
