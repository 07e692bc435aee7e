using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOps.LoadTest;

/// <summary>
/// <c>botframework</c>: <c>/api/messages</c> of the bot against Microsoft's Node <c>botbuilder</c> 4.23 echo bot
/// (node-echo/), both anonymous as with the Bot Framework Emulator (no app id, no tokens either way), both replying to a
/// serviceUrl the harness serves on loopback and counts. A turn counts when its reply is delivered there: the Node bot
/// replies inside the request; the bot stores the activity, answers, and its engine and dispatcher reply after. Closed
/// loop at <see cref="Harness.Connections"/>; 200 users in 200 conversations, each writing again and again.
/// </summary>
internal static class BotFrameworkScenario
{
    private const int Users = 200;

    public static async Task<int> RunAsync()
    {
        var echo = Path.Combine(Harness.RepoRoot, "tests", "ChatOps.LoadTest", "node-echo");
        if (!Directory.Exists(Path.Combine(echo, "node_modules", "botbuilder")))
        {
            Console.Error.WriteLine($"The Node echo bot is not installed: run {Path.Combine(echo, "install.sh")} first.");
            return 2;
        }

        Harness.Print("/api/messages: " + Harness.Conditions());
        await using var stubs = await Stubs.StartAsync();
        await using var node = await ServerProcess.StartAsync(
            "node echo bot", "node", [Path.Combine(echo, "index.js")], new Dictionary<string, string> { ["PORT"] = "{port}" }, "/healthz");
        await using var floor = await Harness.StartBareAsync("floor", stubs);
        var folder = Harness.TempFolder("bf");
        await using var bot = await Harness.StartBotAsync(folder, "Development", new Dictionary<string, string>());
        using var client = Load.Client(512);

        // Warm-ups long enough for both runtimes to compile their hot code optimised, then a pause (see WeComScenario).
        await RunSideAsync("warm-up node", client, node, "/api/messages", stubs, "w", Harness.WarmUp);
        await RunSideAsync("warm-up floor", client, floor, "/floor/botframework", stubs, "w", Harness.WarmUp);
        await RunSideAsync("warm-up bot", client, bot, "/api/messages", stubs, "w", Harness.WarmUp);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var nodeTurns = await RunSideAsync($"Node botbuilder echo, {Harness.Connections} conn.", client, node, "/api/messages", stubs, "n", Harness.Duration);
        // The floor: the activity read and one reply posted, nothing else (Floor): no bot on Kestrel and HttpClient
        // that replies to every activity can do so faster on the same core.
        var floorTurns = await RunSideAsync($"floor (read + reply), {Harness.Connections} conn.", client, floor, "/floor/botframework", stubs, "f", Harness.Duration);
        var botTurns = await RunSideAsync($"ChatOps /api/messages, {Harness.Connections} conn.", client, bot, "/api/messages", stubs, "b", Harness.Duration);

        Harness.Print();
        Harness.Print($"turns with the reply delivered: ChatOps / Node echo = {Harness.Ratio(botTurns, nodeTurns)}x (goal >= 3x)");
        Harness.Print($"turns with the reply delivered: floor (read + reply, nothing else) / Node echo = {Harness.Ratio(floorTurns, nodeTurns)}x; "
            + $"ChatOps / floor = {Harness.Percent(botTurns, floorTurns)}");
        Harness.Print("conditions at the end: " + Harness.Conditions());
        await bot.KillAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return 0;
    }

    /// <summary>Runs one side; returns turns per second with the reply delivered.</summary>
    private static async Task<double> RunSideAsync(string name, HttpClient client, ServerProcess server, string path, Stubs stubs, string phase, TimeSpan duration)
    {
        await stubs.WaitForAsync(() => 0, 1, TimeSpan.FromSeconds(1)); // let a previous side's stragglers arrive
        stubs.Reset();
        var cpu = CpuMeter.Start(server);
        var alloc = phase == "w" ? null : AllocationMeter.Start(server, duration);
        var start = Stopwatch.GetTimestamp();
        var result = await Load.ClosedAsync(name, client, Requests(new Uri(server.Url, path), stubs.Url, phase), Harness.Connections, duration);
        var all = await stubs.WaitForAsync(() => stubs.Replies, result.Completed, TimeSpan.FromSeconds(10));
        var seconds = (stubs.LastArrival - start) * 1.0 / Stopwatch.Frequency;
        var turns = stubs.Replies / seconds;
        if (!phase.Equals("w", StringComparison.Ordinal))
        {
            Harness.Print(result.ToString());
            Harness.Print(string.Create(CultureInfo.InvariantCulture,
                $"{"",-34} {turns,9:N0}/s turns with the reply delivered ({stubs.Replies:N0} replies for {result.Completed:N0} accepted activities in {seconds:0.0} s{(all ? "" : "; some never replied")})"));
            Harness.Print($"{"",-34} {server.Name} {cpu.PerRequest(stubs.Replies, "turn (reply delivered)")}; "
                + (alloc is null ? "" : await alloc.PerRequestAsync(result.Rate, "activity (during the loop)")));
        }

        return turns;
    }

    private static RequestFactory Requests(Uri url, Uri serviceUrl, string phase) => index =>
    {
        var user = index % Users;
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = $"{phase}-{index}",
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["serviceUrl"] = serviceUrl.ToString().TrimEnd('/'),
            ["channelId"] = "emulator",
            ["from"] = new JsonObject { ["id"] = $"load-user-{user}", ["name"] = "用户", ["role"] = "user" },
            ["conversation"] = new JsonObject { ["id"] = $"load-conversation-{user}" },
            ["recipient"] = new JsonObject { ["id"] = "load-bot", ["name"] = "ChatOps", ["role"] = "bot" },
            ["text"] = "本周工作进展",
            ["locale"] = "zh-CN",
        };
        return new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
    };
}
