using ChatOps.Core.Attachments;
using ChatOps.Core.Conversations;
using ChatOps.Core.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Console.Tests;

/// <summary>
/// A report's attachments on the console's 报告 page, in headless Chromium: listed with download links; the download
/// is permission checked (the office and the unit's reviewing leader get the bytes, another unit's leader, the 督战组
/// and a console user of the same unit who is not its reviewing leader get 403).
/// </summary>
public sealed class AttachmentPagesTests(Browser browser) : IClassFixture<Browser>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] Photo = [0xFF, 0xD8, 0xFF, 0xE0, .. new byte[150_000]];

    [Fact]
    public async Task ReportPage_ListsTheAttachments_AndTheDownloadIsForTheOfficeAndTheUnitOnly()
    {
        await using var host = new ConsoleHost(new Dictionary<string, string?> { ["Directory:SeedFile"] = await SeedWithUnitHostAsync() });
        var (_, closed) = ReportSeed.Periods(host.Services);
        await ReportSeed.AddAsync(host.Services, closed, "wjw", ReportStatus.PendingReview, late: false);
        var id = await AttachAsync(host.Services, closed.Key, "wjw", "现场照片.jpg", Photo);

        var office = await ConsolePages.SignInAsync(browser, host, "office.clerk1");
        await office.GotoAsync($"/console/reports?cycle={ReportSeed.Weekly}&period={closed.Key}&unit=wjw");
        var list = await office.InnerTextAsync("#attachments");
        Assert.Contains("现场照片.jpg", list, StringComparison.Ordinal);
        Assert.Contains("146 KB", list, StringComparison.Ordinal);
        Assert.Equal($"/console/attachments/{id}", await office.GetAttributeAsync("#attachments a", "href"));
        await Browser.ScreenshotAsync(office, "report-attachments");
        var download = await office.Context.APIRequest.GetAsync($"/console/attachments/{id}");
        Assert.Equal(200, download.Status);
        Assert.Equal(Photo, await download.BodyAsync());
        Assert.Equal("image/jpeg", download.Headers["content-type"]);
        Assert.Contains("attachment", download.Headers["content-disposition"], StringComparison.Ordinal);

        var leader = await ConsolePages.SignInAsync(browser, host, "wjw.fgld");
        Assert.Equal(200, (await leader.Context.APIRequest.GetAsync($"/console/attachments/{id}")).Status);

        var otherLeader = await ConsolePages.SignInAsync(browser, host, "530100.fgld");
        var refused = await otherLeader.Context.APIRequest.GetAsync($"/console/attachments/{id}");
        Assert.Equal(403, refused.Status);
        Assert.Contains(AttachmentText.Forbidden, await refused.TextAsync(), StringComparison.Ordinal);

        var supervisor = await ConsolePages.SignInAsync(browser, host, "dzz.wenshan");
        Assert.Equal(403, (await supervisor.Context.APIRequest.GetAsync($"/console/attachments/{id}")).Status);

        // Of the unit, but not its reviewing leader: may not see the unit's report, so not its attachments either.
        var unitHost = await ConsolePages.SignInAsync(browser, host, "wjw.host");
        Assert.Equal(403, (await unitHost.Context.APIRequest.GetAsync($"/console/attachments/{id}")).Status);
        Assert.Equal(404, (await office.Context.APIRequest.GetAsync($"/console/attachments/{id + 1000}")).Status);
    }

    /// <summary>The sample directory with a meeting host of wjw (a console user of the unit who is not its reviewing leader).</summary>
    private static async Task<string> SeedWithUnitHostAsync()
    {
        var seed = Path.Combine(Directory.CreateTempSubdirectory("chatops-seed-").FullName, "directory.yaml");
        var sample = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "directory.yaml"), Ct);
        const string Leader = "  - id: \"wjw.fgld\"\n";
        Assert.Contains(Leader, sample, StringComparison.Ordinal);
        await File.WriteAllTextAsync(seed, sample.Replace(Leader, "  - id: \"wjw.host\"\n    name: \"王敏\"\n    unit: \"wjw\"\n    roles: [主持人]\n    title: \"会议主持人\"\n" + Leader,
            StringComparison.Ordinal), Ct);
        return seed;
    }

    /// <summary>Stores an attachment as the intake would and links it to the unit's report as the dialog would.</summary>
    private static async Task<long> AttachAsync(IServiceProvider services, string period, string unit, string name, byte[] content)
    {
        var repository = services.GetRequiredService<IAttachmentRepository>();
        var key = $"local:test-{Guid.NewGuid():N}:0";
        Assert.True(await repository.AddAsync(new StoredAttachment(0, key, "local", $"{unit}.lly", name, "image/jpeg", content.Length,
            AttachmentStatus.Stored, null, null, null, null, DateTimeOffset.UtcNow), content, Ct));
        var stored = (await repository.FindByKeyAsync(key, Ct))!;
        await using var work = await services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(Ct);
        var report = (await work.Reports.FindAsync(ReportSeed.Weekly, period, unit, Ct))!;
        await services.GetRequiredService<IAttachmentStoreFactory>().For(work).LinkAsync(stored.Id, AttachmentOwners.Report, report.Id, $"{unit}.lly", DateTimeOffset.UtcNow, Ct);
        await work.CommitAsync(Ct);
        return stored.Id;
    }
}
