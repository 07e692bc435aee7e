using ChatOps.Channels.WeCom.Tests.Fakes;
using ChatOps.Core.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.Operations;

/// <summary>The doctor's WeCom check against the loopback fake WeCom, each error path WeCom can answer.</summary>
public class DoctorWeComTests
{
    private static async Task<(DoctorReport Report, FakeWeComServer WeCom)> RunAsync(
        Action<FakeWeComServer>? arrange = null, Func<FakeWeComServer, Dictionary<string, string?>>? settings = null)
    {
        var weCom = await FakeWeComServer.StartAsync();
        arrange?.Invoke(weCom);
        var all = weCom.BotSettings(new Dictionary<string, string?> { ["PublicBaseUrl"] = "https://bot.example.gov.cn" });
        foreach (var (k, v) in settings?.Invoke(weCom) ?? [])
        {
            all[k] = v;
        }

        await using var host = new BotHost(all);
        _ = host.CreateClient();
        var report = await host.Services.GetRequiredService<DoctorService>().RunAsync(TestContext.Current.CancellationToken);
        return (report, weCom);
    }

    private static DoctorFinding Blocking(DoctorReport report) =>
        Assert.Single(report.Of("wecom:wwfakecorp0000001:1000002"), f => f.Level == DoctorLevel.Blocking);

    [Fact]
    public async Task Doctor_GoodApp_TokenIpRangeAndCallbackUrlReported()
    {
        var (report, weCom) = await RunAsync(w => w.SetAgent(new FakeWeComAgent { PartyIds = [1, 2], RedirectDomain = "bot.example.gov.cn" }));
        await using var _ = weCom;

        var wecom = report.Of("wecom:wwfakecorp0000001:1000002");
        Assert.DoesNotContain(wecom, f => f.Level is DoctorLevel.Blocking or DoctorLevel.Warning);
        Assert.Contains(wecom, f => f.Chinese.Contains("https://bot.example.gov.cn/wecom/callback", StringComparison.Ordinal));
        Assert.Contains(wecom, f => f.Chinese.Contains("已取得 access_token", StringComparison.Ordinal));
        Assert.Contains(wecom, f => f.Chinese.Contains("企业可信IP内", StringComparison.Ordinal));
        Assert.Contains(wecom, f => f.Chinese.Contains("2 个部门", StringComparison.Ordinal));
        Assert.Contains(wecom, f => f.Chinese.Contains("可信域名：bot.example.gov.cn", StringComparison.Ordinal));
        Assert.Single(weCom.RequestsTo("/cgi-bin/gettoken"));
        Assert.Single(weCom.RequestsTo("/cgi-bin/agent/get"));
    }

    [Fact]
    public async Task Doctor_WrongSecret_40001_SaysWhereToFindTheSecret()
    {
        var (report, weCom) = await RunAsync(settings: _ => new() { ["WeCom:Secret"] = "not-the-secret" });
        await using var _ = weCom;

        var finding = Blocking(report);
        Assert.Contains("错误码 40001", finding.Chinese, StringComparison.Ordinal);
        Assert.Contains("Secret", finding.Chinese, StringComparison.Ordinal);
        Assert.Contains("errcode 40001", finding.English, StringComparison.Ordinal);
        Assert.False(report.Healthy);
        Assert.Empty(weCom.RequestsTo("/cgi-bin/agent/get"));
    }

    [Fact]
    public async Task Doctor_WrongCorpId_40013_PointsAtCompanyId()
    {
        var (report, weCom) = await RunAsync(settings: _ => new() { ["WeCom:CorpId"] = "wwwrongcorp" });
        await using var _ = weCom;

        var finding = Assert.Single(report.Findings, f => f.Level == DoctorLevel.Blocking && f.Check.StartsWith("wecom:", StringComparison.Ordinal));
        Assert.Contains("错误码 40013", finding.Chinese, StringComparison.Ordinal);
        Assert.Contains("企业ID", finding.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_EgressIpNotTrusted_60020_NamesTheIpAndTheScreen()
    {
        var (report, weCom) = await RunAsync(w => w.SetTrustedIps(["203.0.113.7"]));
        await using var _ = weCom;

        var finding = Blocking(report);
        Assert.Contains("错误码 60020", finding.Chinese, StringComparison.Ordinal);
        Assert.Contains("出口IP 127.0.0.1", finding.Chinese, StringComparison.Ordinal);
        Assert.Contains("企业可信IP", finding.Chinese, StringComparison.Ordinal);
        Assert.Contains("egress IP 127.0.0.1", finding.English, StringComparison.Ordinal);
        Assert.Contains(report.Findings, f => f.Chinese.Contains("已取得 access_token", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/cgi-bin/gettoken", 41004, "缺少 corpid 或 Secret")]
    [InlineData("/cgi-bin/gettoken", -1, "系统繁忙")]
    [InlineData("/cgi-bin/agent/get", 41001, "缺少 access_token")]
    [InlineData("/cgi-bin/agent/get", 48002, "无权调用")]
    [InlineData("/cgi-bin/agent/get", 40056, "AgentId 错误")]
    [InlineData("/cgi-bin/agent/get", 99999, "全局错误码")]
    public async Task Doctor_ErrorCode_IsExplained(string path, int errCode, string explanation)
    {
        var (report, weCom) = await RunAsync(w => w.FailNext(path, errCode));
        await using var _ = weCom;

        var finding = Blocking(report);
        Assert.Contains($"错误码 {errCode}", finding.Chinese, StringComparison.Ordinal);
        Assert.Contains(explanation, finding.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_HttpError_And_Unreachable_AreBlocking()
    {
        var (report, weCom) = await RunAsync(w => w.FailNextWithHttpStatus("/cgi-bin/gettoken", 502));
        await using (weCom)
        {
            Assert.Contains("HTTP 502", Blocking(report).Chinese, StringComparison.Ordinal);
        }

        var (unreachable, other) = await RunAsync(settings: _ => new() { ["WeCom:ApiBaseUrl"] = "http://127.0.0.1:1" });
        await using var __ = other;
        Assert.Contains("无法访问企业微信接口 http://127.0.0.1:1", Blocking(unreachable).Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_EmptyVisibleRange_Or_DisabledApp_Blocks()
    {
        var (report, weCom) = await RunAsync(w => w.SetAgent(new FakeWeComAgent { PartyIds = [], Closed = true }));
        await using var _ = weCom;

        var blocking = report.Of("wecom:wwfakecorp0000001:1000002").Where(f => f.Level == DoctorLevel.Blocking).ToList();
        Assert.Equal(2, blocking.Count);
        Assert.Contains(blocking, f => f.Chinese.Contains("可见范围", StringComparison.Ordinal));
        Assert.Contains(blocking, f => f.Chinese.Contains("应用已停用", StringComparison.Ordinal));
    }
}
