using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChatOps.Bot.Tests;

/// <summary>
/// The host as an operator starts it, as a real process: help and mistyped verbs, a bad seed directory, and the standard
/// ASP.NET Core ways to choose the address (issue 10, items 14–16).
/// </summary>
public sealed class HostCommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_PrintsVerbsAndOptions_Exits0_AndTouchesNoDatabase(string argument)
    {
        var folder = Directory.CreateTempSubdirectory("chatops-help-").FullName;

        var (exit, output, error) = await BotProcess.RunAsync(folder, argument);

        Assert.Equal(0, exit);
        Assert.Contains("import-directory FILE", output, StringComparison.Ordinal);
        Assert.Contains("bulletin ", output, StringComparison.Ordinal);
        Assert.Contains("--urls", output, StringComparison.Ordinal);
        Assert.Contains("退出码", output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, error);
        Assert.False(Directory.Exists(Path.Combine(folder, "data")), "help must not create ./data/chatops.db");
    }

    [Fact]
    public async Task UnknownVerb_PrintsUsage_Exits2_AndTouchesNoDatabase()
    {
        var folder = Directory.CreateTempSubdirectory("chatops-help-").FullName;

        var (exit, output, error) = await BotProcess.RunAsync(folder, "import-directroy", "x.yaml");

        Assert.Equal(2, exit);
        Assert.StartsWith("chatops: 未知的命令“import-directroy”。", error, StringComparison.Ordinal);
        Assert.Contains("import-directory FILE", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
        Assert.False(Directory.Exists(Path.Combine(folder, "data")), "a mistyped verb must not create ./data/chatops.db");
    }

    [Fact]
    public async Task BadSeedDirectory_StopsWithOneLine_AndExitCode3()
    {
        var folder = Directory.CreateTempSubdirectory("chatops-seed-").FullName;
        var seed = Path.Combine(folder, "bad.yaml");
        await File.WriteAllTextAsync(seed, """
            units:
              - code: wjw
                name: 省卫生健康委
                kind: 不存在的类别
            people: []
            """, TestContext.Current.CancellationToken);

        var (exit, output, error) = await BotProcess.RunAsync(
            folder, $"--Directory:SeedFile={seed}", $"--Storage:DataFolder={folder}/data", "--urls=http://127.0.0.1:0");

        Assert.Equal(3, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("chatops: configuration error: Directory:SeedFile: ", line, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:4:", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AspNetCoreUrls_IsHonoured()
    {
        var port = FreePort();
        await using var bot = await ListeningBot.StartAsync([], new() { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" });

        Assert.Equal($"http://127.0.0.1:{port}", bot.Address);
        Assert.Equal(HttpStatusCode.OK, await bot.HealthAsync($"http://127.0.0.1:{port}"));
    }

    [Fact]
    public async Task UrlsArgument_IsHonoured()
    {
        var port = FreePort();
        await using var bot = await ListeningBot.StartAsync([$"--urls=http://127.0.0.1:{port}"], []);

        Assert.Equal($"http://127.0.0.1:{port}", bot.Address);
        Assert.Equal(HttpStatusCode.OK, await bot.HealthAsync($"http://127.0.0.1:{port}"));
    }

    [Fact]
    public async Task AspNetCoreHttpPorts_IsHonoured()
    {
        var port = FreePort();
        await using var bot = await ListeningBot.StartAsync([], new() { ["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal($"http://[::]:{port}", bot.Address);
        Assert.Equal(HttpStatusCode.OK, await bot.HealthAsync($"http://127.0.0.1:{port}"));
    }

    [Fact]
    public async Task NothingSet_ListensOnLocalhost5080()
    {
        if (!IsFree(5080))
        {
            Assert.Skip("Port 5080 is in use on this machine (another host is running): the default address cannot be checked now.");
        }

        await using var bot = await ListeningBot.StartAsync([], []);

        Assert.Equal("http://localhost:5080", bot.Address);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The bot started as a process on a fresh data folder, until it logs the address it listens on.</summary>
    private sealed class ListeningBot : IAsyncDisposable
    {
        private readonly Process _process;

        private ListeningBot(Process process, string address)
        {
            _process = process;
            Address = address;
        }

        public string Address { get; }

        public static async Task<ListeningBot> StartAsync(string[] args, Dictionary<string, string> environment)
        {
            var folder = Directory.CreateTempSubdirectory("chatops-urls-").FullName;
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ChatOps.Bot.dll"));
            start.ArgumentList.Add($"--Storage:DataFolder={folder}/data");
            foreach (var a in args)
            {
                start.ArgumentList.Add(a);
            }

            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["DOTNET_ENVIRONMENT"] = "Production";
            start.Environment.Remove("ASPNETCORE_URLS");
            start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
            start.Environment.Remove("DOTNET_URLS");
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }

            var process = Process.Start(start)!;
            _ = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                var at = line.IndexOf("Now listening on: ", StringComparison.Ordinal);
                if (at >= 0)
                {
                    _ = process.StandardOutput.ReadToEndAsync();
                    return new ListeningBot(process, line[(at + "Now listening on: ".Length)..].Trim());
                }
            }

            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("The bot stopped before listening.");
        }

        public async Task<HttpStatusCode> HealthAsync(string baseAddress)
        {
            using var client = new HttpClient { BaseAddress = new Uri(baseAddress) };
            using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
            return response.StatusCode;
        }

        public async ValueTask DisposeAsync()
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }
}
