using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatOps.LoadTest;

/// <summary>Settings shared by the scenarios, and the processes they start.</summary>
internal static class Harness
{
    public const string CorpId = "wwloadcorp0000001";
    public const string AgentId = "1000002";
    public const string Token = "loadToken123";
    public const string AesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    /// <summary>Whether servers run on <see cref="ServerCores"/> and the harness on core 0 (needs taskset and 2+ cores).</summary>
    public static bool Pin { get; set; } = File.Exists("/usr/bin/taskset") && Environment.ProcessorCount >= 2;

    public static string ServerCores => $"1-{Environment.ProcessorCount - 1}";

    public static TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long each server is driven before it is measured (<c>--warmup</c>). The runtime compiles hot methods first
    /// quickly, then instrumented, then optimised with the profile it gathered (tiered compilation with dynamic PGO);
    /// in the bot that takes tens of seconds of load, during which the JIT itself takes a tenth or more of its CPU.
    /// A host runs for days in the optimised state, so that is the state measured.
    /// </summary>
    public static TimeSpan WarmUp { get; set; } = TimeSpan.FromSeconds(20);

    public static int Connections { get; set; } = 16;

    /// <summary>botframework: how many times the measured phases (Node, floor, bot) run in turn after the warm-ups; with more than one the medians are printed.</summary>
    public static int Rounds { get; set; } = 1;

    public static double Rate { get; set; } = 1000;

    /// <summary>botframework: whether both bots check the Connector's token on every activity and reply with a token of their own (<c>--auth</c>), as in production.</summary>
    public static bool Authenticated { get; set; }

    public static string RepoRoot { get; } = FindRoot();

    public static string Configuration { get; } = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";

    /// <summary>The bot's build; <c>CHATOPS_LOAD_BOT_DLL</c> names another (a copy of an earlier build, to compare two builds).</summary>
    public static string BotDll => Environment.GetEnvironmentVariable("CHATOPS_LOAD_BOT_DLL") is { Length: > 0 } other
        ? other
        : Path.Combine(RepoRoot, "bot", "ChatOps.Bot", "bin", Configuration, "net10.0", "ChatOps.Bot.dll");

    public static void PinSelf()
    {
        if (Pin && OperatingSystem.IsLinux())
        {
            Process.GetCurrentProcess().ProcessorAffinity = 1;
        }
    }

    /// <summary>The machine's state, printed with every result (the machine is shared).</summary>
    public static string Conditions()
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
        return string.Create(CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC, {Environment.ProcessorCount} cores, load average {load}, {(Pin ? $"harness on core 0, servers on cores {ServerCores}" : "not pinned")}, {Configuration}");
    }

    /// <summary>Starts the bot (its Release build) on a fresh data folder with the given settings.</summary>
    public static Task<ServerProcess> StartBotAsync(string dataFolder, string environment, IDictionary<string, string> settings)
    {
        if (!File.Exists(BotDll))
        {
            throw new InvalidOperationException($"{BotDll} is missing: build with `dotnet build -c {Configuration} tests/ChatOps.LoadTest` first.");
        }

        var env = new Dictionary<string, string>(settings)
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:{port}",
            ["Urls"] = "http://127.0.0.1:{port}",
            ["Storage__DataFolder"] = dataFolder,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning",
            // The load's senders are not in the directory: one warning line per message is not what production logs.
            ["Logging__LogLevel__ChatOps.Core.Conversations.ConversationEngine"] = "Error",
        };
        env.TryAdd("Directory__SeedFile", Path.Combine(RepoRoot, "deploy", "samples", "directory.yaml"));
        return ServerProcess.StartAsync("bot", "dotnet", [BotDll], env, "/healthz");
    }

    /// <summary>The bare Kestrel endpoint and the floors, this program in its <c>bare</c> mode; the WeCom floor replies to <paramref name="stubs"/>.</summary>
    public static Task<ServerProcess> StartBareAsync(string name, Stubs stubs) =>
        ServerProcess.StartAsync(
            name, "dotnet", [typeof(Harness).Assembly.Location, "bare", "{port}"], new Dictionary<string, string> { ["CHATOPS_LOAD_STUBS"] = stubs.Url.ToString() }, "/healthz");

    public static string TempFolder(string name) => Directory.CreateTempSubdirectory($"chatops-load-{name}-").FullName;

    public static void Print(string line = "") => Console.WriteLine(line);

    public static string Ratio(double a, double b) => (a / b).ToString("0.00", CultureInfo.InvariantCulture);

    public static string Percent(double a, double b) => (a / b * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatOps.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ChatOps.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>
/// Loopback stand-ins for the remote services, in the harness's process: the WeCom API (gettoken, message/send: always
/// ok), a Bot Connector serviceUrl (every posted activity is a delivered reply) and the token endpoint of
/// <c>botframework --auth</c>. They count what arrives.
/// </summary>
internal sealed class Stubs : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _weComSends;
    private long _replies;
    private long _lastArrival;

    private Stubs(WebApplication app) => _app = app;

    public Uri Url => new(_app.Urls.First());

    public long WeComSends => Interlocked.Read(ref _weComSends);

    public long Replies => Interlocked.Read(ref _replies);

    /// <summary>Stopwatch timestamp of the last send or reply that arrived.</summary>
    public long LastArrival => Interlocked.Read(ref _lastArrival);

    public static async Task<Stubs> StartAsync()
    {
        var app = Kestrel.Slim();
        var stubs = new Stubs(app);
        ConnectorAuth.MapTokenEndpoint(app);
        app.MapGet("/cgi-bin/gettoken", () => Results.Text("""{"errcode":0,"errmsg":"ok","access_token":"load-token","expires_in":7200}""", "application/json"));
        app.MapPost("/cgi-bin/{**rest}", (string rest) =>
        {
            // A reply or a prompt is a message/send; a card's update after a click is not one.
            if (rest == "message/send")
            {
                Interlocked.Increment(ref stubs._weComSends);
                Interlocked.Exchange(ref stubs._lastArrival, Stopwatch.GetTimestamp());
            }

            return Results.Text("""{"errcode":0,"errmsg":"ok","msgid":"load","invaliduser":""}""", "application/json");
        });
        app.MapPost("/v3/conversations/{**rest}", async (HttpContext context) =>
        {
            // Read the body as the Bot Connector would.
            await context.Request.Body.CopyToAsync(Stream.Null);
            Interlocked.Increment(ref stubs._replies);
            Interlocked.Exchange(ref stubs._lastArrival, Stopwatch.GetTimestamp());
            return Results.Json(new { id = "reply-" + Guid.NewGuid().ToString("N") });
        });
        await app.StartAsync();
        return stubs;
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _weComSends, 0);
        Interlocked.Exchange(ref _replies, 0);
    }

    /// <summary>Waits until <paramref name="count"/> reaches <paramref name="target"/> or nothing arrives for <paramref name="idle"/>.</summary>
    public async Task<bool> WaitForAsync(Func<long> count, long target, TimeSpan idle)
    {
        var lastCount = count();
        var lastChange = Stopwatch.GetTimestamp();
        while (count() < target)
        {
            await Task.Delay(20);
            var now = count();
            if (now != lastCount)
            {
                lastCount = now;
                lastChange = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(lastChange) > idle)
            {
                return false;
            }
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
