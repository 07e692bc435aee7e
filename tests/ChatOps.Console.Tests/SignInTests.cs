using System.Net;
using ChatOps.Channels.WeCom.Tests.Fakes;
using Microsoft.Playwright;

namespace ChatOps.Console.Tests;

/// <summary>Sign-in end to end in headless Chromium: the Development picker, WeCom (OAuth and QR) and Entra ID, and every refusal.</summary>
public sealed class SignInTests(Browser browser) : IClassFixture<Browser>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Picker_OfficeStaff_SignsIn_AndTheCookieIsHttpOnlyLax()
    {
        await using var host = new ConsoleHost();
        var page = await browser.NewPageAsync(host.BaseUrl);

        await page.GotoAsync("/console/directory");
        Assert.EndsWith("/console/signin?ReturnUrl=%2Fconsole%2Fdirectory", page.Url, StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "00-signin");
        await page.ClickAsync("button[data-person='office.clerk1']");

        Assert.EndsWith("/console/directory", page.Url, StringComparison.Ordinal);
        Assert.Contains("余波", await page.InnerTextAsync("#me"), StringComparison.Ordinal);
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "chatops.console");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
    }

    [Fact]
    public async Task Picker_Liaison_GetsAFriendly403()
    {
        await using var host = new ConsoleHost();
        var page = await browser.NewPageAsync(host.BaseUrl);
        await page.GotoAsync("/console/signin");

        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[data-person='530100.lly']"), r => r.Url.Contains("/console/signin", StringComparison.Ordinal) && r.Request.Method == "POST");

        Assert.Equal((int)HttpStatusCode.Forbidden, response.Status);
        Assert.Contains("联络员请在企业微信", await page.InnerTextAsync("#refusal"), StringComparison.Ordinal);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "chatops.console");
        await Browser.ScreenshotAsync(page, "01-forbidden-liaison");
    }

    [Fact]
    public async Task WeCom_OAuthAndQr_SignIn_ThenForgedAndReplayedStateUnknownUserAndLiaisonAreRefused()
    {
        await using var weCom = await FakeWeComServer.StartAsync(cancellationToken: Ct);
        await using var host = new ConsoleHost(WeComSettings(weCom));
        var page = await browser.NewPageAsync(host.BaseUrl);

        // Inside the WeCom client (OAuth): 田丽娟 is the member.
        weCom.SetWebLoginUser("office.clerk2");
        await page.GotoAsync("/console/signin");
        await Browser.ScreenshotAsync(page, "02-signin-wecom");
        await page.ClickAsync("#wecom-oauth");
        Assert.Equal("/console", new Uri(page.Url).AbsolutePath); // the fragment #wechat_redirect stays, as in the WeCom client
        Assert.Contains("田丽娟", await page.InnerTextAsync("#me"), StringComparison.Ordinal);
        Assert.Single(weCom.RequestsTo("/cgi-bin/auth/getuserinfo"));
        var used = weCom.LoginRedirects.Single();

        // The same callback again (replayed state and code): refused, the session cookie is not renewed from it.
        await page.Context.ClearCookiesAsync();
        await page.GotoAsync(used);
        Assert.Contains("登录请求已失效", await page.InnerTextAsync("#signin-error"), StringComparison.Ordinal);

        // A forged state with a fresh, valid code.
        await page.GotoAsync($"/console/signin/wecom/callback?code={weCom.IssueLoginCode("office.clerk2")}&state=0123456789abcdef0123456789abcdef");
        Assert.Contains("登录请求已失效", await page.InnerTextAsync("#signin-error"), StringComparison.Ordinal);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "chatops.console");

        // A userid the directory does not know.
        weCom.SetWebLoginUser("stranger");
        await page.GotoAsync("/console/signin");
        await page.ClickAsync("#wecom-qr");
        Assert.Contains("不在名录中", await page.InnerTextAsync("#signin-error"), StringComparison.Ordinal);

        // A liaison: known, but no office role.
        weCom.SetWebLoginUser("530100.lly");
        await page.GotoAsync("/console/signin");
        var refused = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#wecom-qr"), r => r.Url.Contains("/wecom/callback", StringComparison.Ordinal));
        Assert.Equal(403, refused.Status);
        Assert.Contains("郭婷同志：", await page.InnerTextAsync("#refusal"), StringComparison.Ordinal);

        // The QR login on the desktop: 蔡霞.
        weCom.SetWebLoginUser("office.head");
        await page.GotoAsync("/console/signin");
        await page.ClickAsync("#wecom-qr");
        Assert.Contains("蔡霞", await page.InnerTextAsync("#me"), StringComparison.Ordinal);
        Assert.Equal("CorpApp", weCom.Requests.Last(r => r.Path == "/wwlogin/sso/login").Query["login_type"]);
        Assert.Equal("snsapi_base", weCom.Requests.First(r => r.Path == "/connect/oauth2/authorize").Query["scope"]);
    }

    [Fact]
    public async Task WeCom_OutsideDevelopment_TheCookieIsSecure_AndThereIsNoPicker()
    {
        await using var weCom = await FakeWeComServer.StartAsync(cancellationToken: Ct);
        var settings = WeComSettings(weCom);
        settings["environment"] = "Production";
        await using var host = new ConsoleHost(settings);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(host.BaseUrl) };
        weCom.SetWebLoginUser("office.clerk1");

        var signIn = await http.GetStringAsync("/console/signin", Ct);
        Assert.DoesNotContain("id=\"picker\"", signIn, StringComparison.Ordinal);
        var start = await http.GetAsync("/console/signin/wecom?mode=oauth", Ct);
        var stateCookie = start.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var atWeCom = await http.GetAsync(start.Headers.Location, Ct); // the fake OAuth page answers the redirect with a code
        using var back = new HttpRequestMessage(HttpMethod.Get, atWeCom.Headers.Location);
        back.Headers.Add("Cookie", stateCookie);
        var callback = await http.SendAsync(back, Ct);

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        var session = callback.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("chatops.console=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("secure", session, StringComparison.Ordinal);
        Assert.Contains("httponly", session, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", session, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entra_OpenIdConnect_MapsTheObjectIdToTheDirectory_UnknownRefused()
    {
        await using var entra = await FakeEntra.StartAsync();
        var oid = "5d3c1b2a-9f8e-4d7c-8b6a-1e2f3a4b5c6d";
        var seed = Path.Combine(Directory.CreateTempSubdirectory("chatops-seed-").FullName, "directory.yaml");
        var sample = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "directory.yaml"), Ct);
        await File.WriteAllTextAsync(seed, sample.Replace("    wecom: \"office.clerk2\"\n", $"    wecom: \"office.clerk2\"\n    botframework: \"{oid}\"\n", StringComparison.Ordinal), Ct);
        await using var host = new ConsoleHost(new Dictionary<string, string?>
        {
            ["Directory:SeedFile"] = seed,
            ["Console:Entra:Authority"] = entra.Authority,
            ["Console:Entra:ClientId"] = FakeEntra.ClientId,
            ["Console:Entra:ClientSecret"] = FakeEntra.ClientSecret,
            ["Console:Entra:RequireHttpsMetadata"] = "false",
        });
        var page = await browser.NewPageAsync(host.BaseUrl);

        entra.User = (oid, "tianlijuan@yn.example.gov.cn", "田丽娟");
        await page.GotoAsync("/console/signin");
        await page.ClickAsync("#entra");
        Assert.EndsWith("/console", page.Url, StringComparison.Ordinal);
        Assert.Contains("田丽娟", await page.InnerTextAsync("#me"), StringComparison.Ordinal);

        var other = await browser.NewPageAsync(host.BaseUrl);
        entra.User = (Guid.NewGuid().ToString(), "nobody@yn.example.gov.cn", "无名");
        await other.GotoAsync("/console/signin");
        await other.ClickAsync("#entra");
        Assert.Contains("不在名录中", await other.InnerTextAsync("#signin-error"), StringComparison.Ordinal);

        // A callback with a state this browser never sent.
        await other.GotoAsync("/console/signin/entra/callback?code=abc&state=forged");
        Assert.Contains("Microsoft 登录未完成", await other.InnerTextAsync("#signin-error"), StringComparison.Ordinal);
        Assert.DoesNotContain(await other.Context.CookiesAsync(), c => c.Name == "chatops.console");
    }

    private static Dictionary<string, string?> WeComSettings(FakeWeComServer weCom) => weCom.BotSettings(new Dictionary<string, string?>
    {
        ["Console:WeCom:OAuthHost"] = weCom.BaseUrl,
        ["Console:WeCom:LoginHost"] = weCom.BaseUrl,
    });
}
