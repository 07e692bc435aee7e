using ChatOps.Core.Circulars;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports.Overview;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.Conversations;

/// <summary>
/// One bulletin file wherever it is handed out (<c>BulletinFiles</c>): once the office head has signed the period's issue
/// off, 专报 in chat sends the signed archive — the same name and the same bytes as the console's 专报编辑 download.
/// </summary>
public sealed class BulletinFileChatTests
{
    private static readonly DateTimeOffset ThursdayEvening = new(2026, 11, 26, 18, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignedOffBulletin_SentInChat_IsTheSignedArchive_WithTheConsoleDownloadsNameAndBytes()
    {
        await using var chat = await ChatHarness.StartAsync(ThursdayEvening, configure: b => b.Services.AddCircularsCore().AddReportOverviewCore());
        var editor = chat.Services.GetRequiredService<BulletinEditor>();
        var directory = await chat.Services.GetRequiredService<IDirectoryRepository>().LoadAsync(Ct);
        var clerk = Actor.Of(directory.People.Single(p => p.Id == "office.clerk1"), "console");
        var draft = await editor.OpenAsync("weekly", "2026-W48", Ct);
        var saved = await editor.SaveAsync(clerk, "weekly", "2026-W48", draft.Content, 0, Ct);
        Assert.True(saved.Succeeded, saved.Text);
        var signed = await editor.SignAsync(Actor.Of(Assert.Single(await editor.SignersAsync(Ct)), "console"), saved.Edition!.Id, saved.Edition.Version, Ct);
        Assert.True(signed.Succeeded, signed.Text);
        var console = await editor.WordFileAsync(signed.Edition!, Ct);

        var answer = await chat.As("office.clerk1").SaysAsync("专报 2026-W48");

        var file = Assert.Single(answer.Items, i => i.Message.File is not null).Message.File!;
        Assert.Equal(console.Name, file.Name);
        Assert.StartsWith($"工作专报{signed.Edition!.Content.IssueNumber} ", file.Name, StringComparison.Ordinal);
        var files = chat.Services.GetRequiredService<OutboundFiles>();
        var content = await files.ReadAsync(Assert.IsType<StoredFile>(await files.FindAsync(file, Ct)), Ct);
        Assert.Equal(console.Content, content);
        Assert.Equal(await chat.Services.GetRequiredService<IBulletinEditionStore>().DocumentAsync(signed.Edition.Id, Ct), content);
    }
}
