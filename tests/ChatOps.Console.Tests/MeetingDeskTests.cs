using ChatOps.Core.Conversations;
using ChatOps.Core.Meetings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace ChatOps.Console.Tests;

/// <summary>会议 after creation, in headless Chromium: the host decides leave on the page; the office moves the meeting, adds attendees and records agreed items whose feedback and overdue show.</summary>
public sealed class MeetingDeskTests(Browser browser) : IClassFixture<Browser>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LeaveRequest_ApprovedByTheHostOnThePage_OthersSeeNoButtons_AndARefusalNeedsAComment()
    {
        await using var host = new ConsoleHost();
        var clerk = await ConsolePages.SignInAsync(browser, host, "office.clerk1");
        var id = await CreateAsync(clerk, "unit:fgw, unit:wjw");
        var fgw = await LeaveAsync(host, id, "fgw.lly", "赴京参加培训", "zjt.fgld");
        var wjw = await LeaveAsync(host, id, "wjw.lly", "下乡督导", null);

        await clerk.GotoAsync($"/console/meetings?id={id}");
        Assert.Equal(0, await clerk.Locator(".leave-decision").CountAsync()); // 余波 is not the host

        var head = await ConsolePages.SignInAsync(browser, host, "office.head");
        await head.GotoAsync($"/console/meetings?id={id}");
        Assert.Equal(2, await head.Locator(".leave-decision").CountAsync());
        await Browser.ScreenshotAsync(head, "meeting-leave-pending");
        await head.Locator("#roster tr", new() { HasText = "赴京参加培训" }).Locator("button.approve").ClickAsync();
        Assert.Contains("已批准", await head.InnerTextAsync("#notice"), StringComparison.Ordinal);
        Assert.Contains("请假（已批准）", await head.InnerTextAsync("#roster"), StringComparison.Ordinal);

        // Refusing without a comment is refused; with one the requester is told.
        await head.Locator("#roster tr", new() { HasText = "下乡督导" }).Locator("button.refuse").ClickAsync();
        Assert.Contains("不批准意见不能为空", await head.InnerTextAsync("#refusal"), StringComparison.Ordinal);
        var row = head.Locator("#roster tr", new() { HasText = "下乡督导" });
        await row.Locator("input[name=comment]").FillAsync("本次会议需联络员本人参加");
        await row.Locator("button.refuse").ClickAsync();
        Assert.Contains("请假未获批准", await head.InnerTextAsync("#notice"), StringComparison.Ordinal);
        Assert.Contains("本次会议需联络员本人参加", await head.InnerTextAsync("#roster"), StringComparison.Ordinal);
        await Browser.ScreenshotAsync(head, "meeting-leave-decided");

        await using var work = await host.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(Ct);
        var store = host.Services.GetRequiredService<IMeetingStoreFactory>().For(work);
        Assert.Equal(LeaveStatus.Approved, (await store.FindLeaveAsync(fgw, Ct))!.Status);
        Assert.Equal(LeaveStatus.Rejected, (await store.FindLeaveAsync(wjw, Ct))!.Status);
        Assert.Contains(await store.ListAttendeesAsync(id, Ct), a => a.PersonId == "zjt.fgld" && a.Role == AttendeeRole.Substitute);
    }

    [Fact]
    public async Task Meeting_Moved_AttendeeAdded_AgreedItemRecorded_FeedbackAndOverdueShown()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new ConsoleHost(services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        var page = await ConsolePages.SignInAsync(browser, host, "office.clerk1");
        var id = await CreateAsync(page, "unit:fgw");

        await page.FillAsync("#edit-time input[name=start]", "2027-03-02 14:30");
        await page.ClickAsync("#edit-time button[type=submit]");
        Assert.Contains("已调整为", await page.InnerTextAsync("#notice"), StringComparison.Ordinal);
        Assert.Contains("14:30", await page.InnerTextAsync("#roster-title"), StringComparison.Ordinal);

        await page.FillAsync("#add-attendees input[name=attendees]", "unit:jyt");
        await page.ClickAsync("#add-attendees button[type=submit]");
        Assert.Contains("已增加1名参会人员", await page.InnerTextAsync("#notice"), StringComparison.Ordinal);
        Assert.Equal(3, await page.Locator("#roster tr").CountAsync());
        await page.FillAsync("#add-attendees input[name=attendees]", "unit:jyt");
        await page.ClickAsync("#add-attendees button[type=submit]");
        Assert.Contains("都已在参会名单中", await page.InnerTextAsync("#refusal"), StringComparison.Ordinal);

        await page.FillAsync("#item-form input[name=text]", "制定农贸市场环境卫生整治方案");
        await page.SelectOptionAsync("#item-form select[name=owner]", "fgw");
        await page.FillAsync("#item-form input[name=due]", "2027-03-31");
        await page.ClickAsync("#item-form button[type=submit]");
        Assert.Contains("已登记议定事项1项", await page.InnerTextAsync("#notice"), StringComparison.Ordinal);

        Assert.DoesNotContain("逾期", await page.InnerTextAsync("#items"), StringComparison.Ordinal);
        await page.Locator("#roster tr", new() { HasText = "董晓明" }).Locator("button", new() { HasText = "移出" }).ClickAsync();
        Assert.Contains("移出参会名单", await page.InnerTextAsync("#notice"), StringComparison.Ordinal);
        Assert.Equal(2, await page.Locator("#roster tr").CountAsync());

        // The owner reports progress in chat, and the due date passes.
        await using (var work = await host.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(Ct))
        {
            var store = host.Services.GetRequiredService<IMeetingStoreFactory>().For(work);
            var item = (await store.ListItemsForMeetingAsync(id, Ct)).Single();
            await store.AddFeedbackAsync(new ItemFeedback(0, item.Id, "fgw.lly", "方案已起草，正在征求意见", false, clock.GetUtcNow()), Ct);
            await store.UpdateItemAsync(item with { Status = AgreedItemStatus.InProgress }, Ct);
            await work.CommitAsync(Ct);
        }

        clock.SetUtcNow(new DateTimeOffset(2027, 4, 2, 2, 0, 0, TimeSpan.Zero));
        page = await ConsolePages.SignInAsync(browser, host, "office.clerk1"); // months later: a new session
        await page.GotoAsync($"/console/meetings?id={id}");
        var items = await page.InnerTextAsync("#items");
        Assert.Contains("省发展改革委", items, StringComparison.Ordinal);
        Assert.Contains("方案已起草，正在征求意见", items, StringComparison.Ordinal);
        Assert.Contains("逾期", items, StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "meeting-items-overdue");
    }

    private static async Task<long> CreateAsync(IPage page, string attendees)
    {
        await page.GotoAsync("/console/meetings");
        await page.FillAsync("#create input[name=title]", "领导小组办公室会议");
        await page.FillAsync("#create input[name=start]", "2027-03-02 09:00");
        await page.FillAsync("#create input[name=end]", "2027-03-02 10:30");
        await page.FillAsync("#create input[name=place]", "省卫生健康委3楼会议室");
        await page.FillAsync("#create input[name=attendees]", attendees);
        await page.ClickAsync("#create button[type=submit]");
        Assert.Contains("已创建并邀请", await page.InnerTextAsync("#notice"), StringComparison.Ordinal);
        return long.Parse(new Uri(page.Url).Query.Split("id=")[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A leave request as the chat's 请假 dialog stores it.</summary>
    private static async Task<long> LeaveAsync(ConsoleHost host, long meetingId, string personId, string reason, string? substituteId)
    {
        await using var work = await host.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(Ct);
        var store = host.Services.GetRequiredService<IMeetingStoreFactory>().For(work);
        var id = await store.InsertLeaveAsync(new LeaveRequest(0, meetingId, personId, reason, substituteId, substituteId is null ? "王五" : "代会人", substituteId is null ? "13800000000" : null,
            LeaveStatus.Pending, DateTimeOffset.UtcNow), Ct);
        await work.CommitAsync(Ct);
        return id;
    }
}
