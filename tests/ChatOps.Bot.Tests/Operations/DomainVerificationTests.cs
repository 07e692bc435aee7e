using System.Net;

namespace ChatOps.Bot.Tests.Operations;

/// <summary>WeCom's 可信域名 verification file, served by the host through Kestrel from configuration.</summary>
public class DomainVerificationTests
{
    [Fact]
    public async Task VerificationFile_IsServedAtTheRoot_AsPlainText()
    {
        await using var host = new BotHost(new Dictionary<string, string?>
        {
            ["WeCom:DomainVerification:FileName"] = "WW_verify_Ab12Cd34Ef56.txt",
            ["WeCom:DomainVerification:Content"] = "Ab12Cd34Ef56Gh78",
        });
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("/WW_verify_Ab12Cd34Ef56.txt", UriKind.Relative), TestContext.Current.CancellationToken);
        using var other = await client.GetAsync(new Uri("/WW_verify_Other.txt", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Ab12Cd34Ef56Gh78", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task NotConfigured_NothingIsServed()
    {
        await using var host = new BotHost();
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("/WW_verify_Ab12Cd34Ef56.txt", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task BadFileName_StopsStartWithOneLineNamingTheKey()
    {
        var folder = Directory.CreateTempSubdirectory("chatops-verify-").FullName;

        var result = await BotProcess.RunAsync(folder, "--WeCom:DomainVerification:FileName=../etc/passwd", "--WeCom:DomainVerification:Content=x", "--Urls=http://127.0.0.1:0");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("chatops: configuration error: WeCom:DomainVerification:FileName must be the file name WeCom shows", result.Error, StringComparison.Ordinal);
    }
}
