using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Core.Supervision;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Console.Tests;

/// <summary>
/// 问题清单与督办 (issue 16) in headless Chromium: the office enters problems and complaints, the county's 督战组 sees
/// its county only and closes (销号) what the liaison reported rectified; the office may not close a problem; the
/// reporter of a complaint is shown to the office only; rates against the milestones.
/// </summary>
public sealed class SupervisionPageTests(Browser browser) : IClassFixture<Browser>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Problem_EnteredByTheOffice_ReportedByTheLiaison_ClosedByTheSupervisingGroup_RateShown()
    {
        await using var host = new ConsoleHost();
        var office = await ConsolePages.SignInAsync(browser, host, "office.clerk1");
        await office.GotoAsync("/console/supervision");
        await office.FillAsync("#milestone-form input[name=date]", "2026-05-31");
        await office.FillAsync("#milestone-form input[name=percent]", "90");
        await office.ClickAsync("#milestone-form button[type=submit]");
        Assert.Contains("整改达标率达到90%", await office.InnerTextAsync("#notice"), StringComparison.Ordinal);
        await office.SelectOptionAsync("#assign-form select[name=unit]", "532600");
        await office.SelectOptionAsync("#assign-form select[name=person]", "dzz.wenshan");
        await office.ClickAsync("#assign-form button[type=submit]");
        Assert.Contains("列入文山州督战组", await office.InnerTextAsync("#notice"), StringComparison.Ordinal);

        foreach (var (unit, text) in new[] { ("532600", "农贸市场排水沟堵塞"), ("532600", "城中村垃圾清运不及时"), ("530100", "背街小巷乱堆乱放") })
        {
            await office.SelectOptionAsync("#entry-form select[name=unit]", unit);
            await office.FillAsync("#entry-form textarea[name=description]", text);
            await office.FillAsync("#entry-form input[name=deadline]", "2027-06-30");
            await office.FillAsync("#entry-form input[name=responsibleUnit]", "县住建局");
            await office.ClickAsync("#entry-form button[type=submit]");
            Assert.Contains("已登记问题", await office.InnerTextAsync("#notice"), StringComparison.Ordinal);
        }

        Assert.Contains("未达标", await office.InnerTextAsync("#rates"), StringComparison.Ordinal); // 0 % against 90 %
        var first = await ItemIdAsync(host, "农贸市场排水沟堵塞");

        // The liaison reports it rectified in chat (the service the chat feature calls).
        var liaison = Actor.Of((await host.Services.GetRequiredService<IDirectoryRepository>().FindPersonAsync("532600.lly", Ct))!, "chat:local");
        await InWorkAsync(host, (s, w) => s.ReportAsync(w, liaison, first, "已疏通排水沟并加盖板", done: true, DateTimeOffset.UtcNow, Ct));

        await AttachPhotoAsync(host.Services, first, "整改后照片.jpg"); // sent with the report in chat (the intake's store and link)

        // The office sees it waiting for the 督战组, with its photo, with no button to close it; a forged close is refused.
        await office.GotoAsync($"/console/supervision?id={first}");
        Assert.Contains("整改后照片.jpg", await office.InnerTextAsync("#attachments"), StringComparison.Ordinal);
        Assert.Equal(0, await office.Locator("#verify").CountAsync());
        Assert.Contains(SupervisionText.OnlyVerifier, await office.InnerTextAsync("#verify-note"), StringComparison.Ordinal);
        var forged = await ConsolePages.PostWithTokenAsync(office, "/console/supervision?handler=Close", new Dictionary<string, string> { ["id"] = $"{first}" });
        Assert.Equal(302, forged.Status);
        await office.GotoAsync($"/console/supervision?id={first}");
        Assert.Contains(SupervisionText.OnlyVerifier, await office.InnerTextAsync("#refusal"), StringComparison.Ordinal);

        // 李卫东 (文山州督战组) sees only 文山州 and closes it.
        var supervisor = await ConsolePages.SignInAsync(browser, host, "dzz.wenshan");
        await supervisor.GotoAsync("/console");
        Assert.EndsWith("/console/supervision", new Uri(supervisor.Url).AbsolutePath, StringComparison.Ordinal); // no report board for the 督战组: their own page
        var items = await supervisor.InnerTextAsync("#items");
        Assert.Contains("农贸市场排水沟堵塞", items, StringComparison.Ordinal);
        Assert.DoesNotContain("背街小巷乱堆乱放", items, StringComparison.Ordinal);
        Assert.Equal(0, await supervisor.Locator("#entry-form").CountAsync());
        await supervisor.GotoAsync($"/console/supervision?id={first}");
        Assert.Contains("已疏通排水沟并加盖板", await supervisor.InnerTextAsync("#history"), StringComparison.Ordinal);
        Assert.Contains("整改后照片.jpg", await supervisor.InnerTextAsync("#attachments"), StringComparison.Ordinal); // the verifier sees the photo
        var photo = await supervisor.GetAttributeAsync("#attachments a", "href");
        Assert.Equal(200, (await supervisor.Context.APIRequest.GetAsync(photo!)).Status);
        await supervisor.ClickAsync("#close");
        Assert.Contains("已核验销号", await supervisor.InnerTextAsync("#notice"), StringComparison.Ordinal);
        var rates = await supervisor.InnerTextAsync("#rates");
        Assert.Contains("文山州", rates, StringComparison.Ordinal);
        Assert.Contains("50%", rates, StringComparison.Ordinal);
        await Browser.ScreenshotAsync(supervisor, "supervision-closed-by-supervisor");

        // The 督战组 has no office pages.
        Assert.Equal(403, (await supervisor.GotoAsync("/console/directory"))!.Status);
        Assert.DoesNotContain("名录", await (await ConsolePages.SignInAsync(browser, host, "dzz.wenshan")).InnerTextAsync("nav.side"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complaint_EnteredInTheConsole_IsRoutedToTheLiaison_ReporterShownToTheOfficeOnly()
    {
        await using var host = new ConsoleHost();
        var office = await ConsolePages.SignInAsync(browser, host, "office.clerk1");
        await office.GotoAsync("/console/supervision?tab=complaints");
        await office.SelectOptionAsync("#entry-form select[name=unit]", "532600");
        await office.FillAsync("#entry-form input[name=place]", "七都市场");
        await office.FillAsync("#entry-form textarea[name=description]", "夜间噪声扰民、垃圾乱倒");
        await office.FillAsync("#entry-form input[name=deadline]", "2027-01-20");
        await office.FillAsync("#entry-form input[name=source]", "12345热线");
        await office.FillAsync("#entry-form input[name=reporterName]", "张晓梅");
        await office.FillAsync("#entry-form input[name=reporterContact]", "13912345678");
        await office.ClickAsync("#entry-form button[type=submit]");

        Assert.Contains("已登记投诉举报", await office.InnerTextAsync("#notice"), StringComparison.Ordinal);
        Assert.Contains("张晓梅", await office.InnerTextAsync("#items"), StringComparison.Ordinal);
        await Browser.ScreenshotAsync(office, "supervision-complaint-entered");
        var outbox = await OutboxTextAsync(host, "532600.lly");
        Assert.Contains("文山州", outbox, StringComparison.Ordinal);
        Assert.DoesNotContain("张晓梅", outbox, StringComparison.Ordinal);

        var id = await ItemIdAsync(host, "夜间噪声扰民、垃圾乱倒");
        await InWorkAsync(host, (s, w) => s.AssignSupervisorAsync(w, Actor.System("test", "test"), "532600", "dzz.wenshan", DateTimeOffset.UtcNow, Ct));
        var supervisor = await ConsolePages.SignInAsync(browser, host, "dzz.wenshan");
        await supervisor.GotoAsync($"/console/supervision?tab=complaints&id={id}");
        Assert.Contains("夜间噪声扰民", await supervisor.InnerTextAsync("#items"), StringComparison.Ordinal);
        Assert.DoesNotContain("张晓梅", await supervisor.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", await supervisor.InnerTextAsync("main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Task_Assigned_ThenListedWithItsState_AndBadInputShowsTheServicesMessage()
    {
        await using var host = new ConsoleHost();
        var office = await ConsolePages.SignInAsync(browser, host, "office.clerk1");
        await office.GotoAsync("/console/supervision?tab=tasks");
        await office.SelectOptionAsync("#task-form select[name=unit]", "530100");
        await office.FillAsync("#task-form textarea[name=description]", "完成主城区农贸市场提升改造");
        await office.FillAsync("#task-form input[name=deadline]", "去年");
        await office.ClickAsync("#task-form button[type=submit]");
        Assert.Contains("不是有效的日期", await office.InnerTextAsync("#refusal"), StringComparison.Ordinal);

        await office.SelectOptionAsync("#task-form select[name=unit]", "530100");
        await office.FillAsync("#task-form textarea[name=description]", "完成主城区农贸市场提升改造");
        await office.FillAsync("#task-form input[name=deadline]", "2027-03-31");
        await office.FillAsync("#task-form input[name=doneCriteria]", "12个市场通过验收");
        await office.ClickAsync("#task-form button[type=submit]");
        Assert.Contains("已交办督办事项", await office.InnerTextAsync("#notice"), StringComparison.Ordinal);
        var row = await office.InnerTextAsync("#items");
        Assert.Contains("12个市场通过验收", row, StringComparison.Ordinal);
        Assert.Contains("整改中", row, StringComparison.Ordinal);
        await Browser.ScreenshotAsync(office, "supervision-tasks");
    }

    private static async Task<long> ItemIdAsync(ConsoleHost host, string description)
    {
        await using var work = await host.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(Ct);
        return (await host.Services.GetRequiredService<ISupervisionStoreFactory>().For(work).ListItemsAsync(Ct)).Single(i => i.Description == description).Id;
    }

    private static async Task InWorkAsync(ConsoleHost host, Func<SupervisionService, IUnitOfWork, Task<SupervisionOutcome>> action)
    {
        await using var work = await host.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(Ct);
        var outcome = await action(host.Services.GetRequiredService<SupervisionService>(), work);
        Assert.True(outcome.Succeeded, outcome.Message);
        await work.CommitAsync(Ct);
    }

    private static async Task<string> OutboxTextAsync(ConsoleHost host, string personId)
    {
        var file = Path.Combine(host.DataFolder, "chatops.db");
        await using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}");
        await c.OpenAsync(Ct);
        var command = c.CreateCommand();
        command.CommandText = "SELECT group_concat(payload, '\n') FROM outbox WHERE person_id = $p";
        command.Parameters.AddWithValue("$p", personId);
        return (await command.ExecuteScalarAsync(Ct)) as string ?? "";
    }

    /// <summary>Stores a photo as the attachment intake would and links it to the problem's rectification as the chat dialog would.</summary>
    private static async Task AttachPhotoAsync(IServiceProvider services, long itemId, string name)
    {
        var repository = services.GetRequiredService<ChatOps.Core.Attachments.IAttachmentRepository>();
        var key = $"local:test-{Guid.NewGuid():N}:0";
        byte[] content = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0xFF, 0xD9];
        Assert.True(await repository.AddAsync(new ChatOps.Core.Attachments.StoredAttachment(0, key, "local", "532600.lly", name, "image/jpeg", content.Length,
            ChatOps.Core.Attachments.AttachmentStatus.Stored, null, null, null, null, DateTimeOffset.UtcNow), content, Ct));
        var stored = (await repository.FindByKeyAsync(key, Ct))!;
        await using var work = await services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(Ct);
        await services.GetRequiredService<ChatOps.Core.Attachments.IAttachmentStoreFactory>().For(work)
            .LinkAsync(stored.Id, ChatOps.Core.Attachments.AttachmentOwners.Rectification, itemId, "532600.lly", DateTimeOffset.UtcNow, Ct);
        await work.CommitAsync(Ct);
    }
}
