using System.Net;
using System.Net.Http.Headers;
using ChatOps.Core.Calendar;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.Console.Tests;

/// <summary>节假日 entry and the November warning, 运行检查, personal API tokens used against the office API, and the idle timeout.</summary>
public sealed class OfficeOpsTests(Browser browser) : IClassFixture<Browser>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Holidays_NextYearMissingInNovember_WarnsOnEveryPage_UntilTheOfficeEntersIt()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 16, 1, 0, 0, TimeSpan.Zero));
        await using var host = new ConsoleHost(services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        var page = await ConsolePages.SignInAsync(browser, host, "office.clerk1");
        await page.GotoAsync("/console/circulars");
        Assert.Contains("尚未录入2027年的节假日安排", await page.InnerTextAsync("#holiday-warning"), StringComparison.Ordinal);

        await page.GotoAsync("/console/holidays");
        Assert.Equal("2027", await page.InputValueAsync("#enter-form input[name=year]"));
        await page.FillAsync("#enter-form textarea[name=holidays]", "元旦 2027-01-01 2027-01-03\n春节 2027-02-30 2027-03-01");
        await page.ClickAsync("#enter-form button[type=submit]");
        Assert.Contains("2027-02-30", await page.InnerTextAsync("#errors"), StringComparison.Ordinal); // nothing stored
        Assert.False(host.Services.GetRequiredService<WorkCalendar>().HasOfficialData(2027));

        await page.FillAsync("#enter-form textarea[name=holidays]", "元旦 2027-01-01 2027-01-03\n春节 2027-02-06 2027-02-13");
        await page.FillAsync("#enter-form textarea[name=workdays]", "2027-02-14 春节调休");
        await page.ClickAsync("#enter-form button[type=submit]");
        Assert.Contains("已录入2027年节假日安排：放假11天，调休上班1天", await page.InnerTextAsync("#notice"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#holiday-warning").CountAsync());
        Assert.Contains("春节", await page.InnerTextAsync("#year-2027 + table"), StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "holidays-entered");

        var calendar = host.Services.GetRequiredService<WorkCalendar>();
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 2, 8)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 2, 14))); // a Sunday, made a working day
        Assert.NotSame(WorkCalendar.LoadDefault(), calendar);
        Assert.False(WorkCalendar.LoadDefault().HasOfficialData(2027));
        Assert.Contains(await host.Services.GetRequiredService<IHolidayYearStore>().ListAsync(Ct), y => y.Year == 2027);
    }

    [Fact]
    public async Task Holidays_UploadedAsYaml_AreInForce_AndABadFileIsRefusedWithItsLine()
    {
        await using var host = new ConsoleHost();
        var page = await ConsolePages.SignInAsync(browser, host, "office.clerk1");
        var year = DateTime.UtcNow.Year + 1;
        var bad = Path.Combine(host.DataFolder, $"cn-{year}.yaml");
        await File.WriteAllTextAsync(bad, $"year: {year}\nholidays:\n  - name: 元旦\n    from: {year}-01-01\n    to: {year}-13-03\n", Ct);
        await page.GotoAsync("/console/holidays");
        await page.SetInputFilesAsync("#upload-form input[type=file]", bad);
        await page.ClickAsync("#upload-form button[type=submit]");
        Assert.Contains("第 5 行", await page.InnerTextAsync("#errors"), StringComparison.Ordinal);

        await File.WriteAllTextAsync(bad, $"year: {year}\nsource: 国办发明电\nholidays:\n  - name: 元旦\n    from: {year}-01-01\n    to: {year}-01-03\n", Ct);
        await page.SetInputFilesAsync("#upload-form input[type=file]", bad);
        await page.ClickAsync("#upload-form button[type=submit]");
        Assert.Contains($"已录入{year}年节假日安排", await page.InnerTextAsync("#notice"), StringComparison.Ordinal);
        Assert.True(host.Services.GetRequiredService<WorkCalendar>().HasOfficialData(year));
    }

    [Fact]
    public async Task Doctor_ShowsEachFinding_AndIsForTheOfficeOnly()
    {
        await using var host = new ConsoleHost();
        var page = await ConsolePages.SignInAsync(browser, host, "office.clerk1");
        await page.GotoAsync("/console/doctor");
        var rows = await page.Locator("#findings tr").CountAsync();
        Assert.True(rows > 3, $"{rows} rows");
        var text = await page.InnerTextAsync("#findings");
        Assert.Contains("database", text, StringComparison.Ordinal);
        Assert.Contains("正常 OK", text, StringComparison.Ordinal);
        Assert.NotEmpty(await page.InnerTextAsync("#summary"));
        await Browser.ScreenshotAsync(page, "doctor");

        var leader = await ConsolePages.SignInAsync(browser, host, "group.leader");
        Assert.Equal(403, (await leader.GotoAsync("/console/doctor"))!.Status);
    }

    [Fact]
    public async Task ApiToken_IssuedOnThePage_CallsTheOfficeApi_UntilRevoked()
    {
        await using var host = new ConsoleHost();
        var page = await ConsolePages.SignInAsync(browser, host, "office.clerk1");
        await page.GotoAsync("/console/tokens");
        await page.FillAsync("input[name=name]", "月度统计脚本");
        await page.ClickAsync("form[action*=Issue] button[type=submit]");
        var secret = (await page.InnerTextAsync("#secret")).Trim();
        await Browser.ScreenshotAsync(page, "token-issued");
        await page.ReloadAsync(); // the issue was a POST answered by a redirect: reloading issues nothing and hides the secret
        Assert.Equal(1, await page.Locator("#tokens tr:has-text('月度统计脚本')").CountAsync());
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);

        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/circulars", Ct)).StatusCode);
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/circulars"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request, Ct)).StatusCode);
        }

        await page.GotoAsync("/console/tokens");
        Assert.Contains("月度统计脚本", await page.InnerTextAsync("#tokens"), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal); // shown once only
        await page.ClickAsync("#tokens button[type=submit]");
        Assert.Contains("已撤销", await page.InnerTextAsync("#tokens"), StringComparison.Ordinal);
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/circulars"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(request, Ct)).StatusCode);
        }
    }

    [Fact]
    public async Task IdleSession_IsSignedOut_AfterTheIdleTimeout()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new ConsoleHost(new Dictionary<string, string?> { ["Console:IdleTimeout"] = "00:10:00" }, s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        var page = await ConsolePages.SignInAsync(browser, host, "office.clerk1");
        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(200, (await page.GotoAsync("/console/tokens"))!.Status); // activity within the timeout keeps the session

        clock.Advance(TimeSpan.FromMinutes(11));
        await page.GotoAsync("/console/tokens");
        Assert.EndsWith("/console/signin?ReturnUrl=%2Fconsole%2Ftokens", page.Url, StringComparison.Ordinal);
    }
}
