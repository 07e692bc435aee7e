using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChatOps.Bot.Engine;
using ChatOps.Bot.Hosting;
using ChatOps.Channels.WeCom.Hosting;
using ChatOps.Core.Reports;
using ChatOps.Core.Reports.Scheduling;
using ChatOps.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOps.LoadTest;

/// <summary>
/// <c>engine</c>, on SQLite, or with <c>--postgres</c> on a fresh PostgreSQL database (<see cref="LoadDatabase"/>).
/// (1) End to end: 5,000 WeCom callbacks (each a new sender, so each gets one reply) sent as fast as the bot
/// acknowledges them at 32 connections; messages/s = 5,000 / time from the first callback to the 5,000th reply arriving
/// at the stub WeCom API. Then the same from liaisons of a directory of <see cref="Liaisons"/> units, one message each,
/// as in production: each sender is found with roles and identities, the dialog state and last card read, and the
/// reply (what the liaison can do, as a card) queued and its card recorded. (2) 10,000 prompts: a directory of 10,000
/// units (one liaison each, on WeCom), the weekly prompts queued in one call of
/// <see cref="ReportScheduler.SendPromptsNowAsync"/> (the send-prompts verb's work) in a host built with the bot's own
/// registrations; then the dispatcher's delivery rate.
/// </summary>
internal static class EngineScenario
{
    private const int Messages = 5_000;
    private const int Prompts = 10_000;
    private const int Liaisons = 20_000;

    public static async Task<int> RunAsync()
    {
        Harness.Print($"engine on {LoadDatabase.Kind}: " + Harness.Conditions());
        await LoadDatabase.PrintServerAsync();
        await using var stubs = await Stubs.StartAsync();
        await EndToEndAsync(stubs, fromDirectory: false);
        await EndToEndAsync(stubs, fromDirectory: true);
        await PromptsAsync(stubs);
        Harness.Print("conditions at the end: " + Harness.Conditions());
        return 0;
    }

    private static async Task EndToEndAsync(Stubs stubs, bool fromDirectory)
    {
        var folder = Harness.TempFolder("engine");
        await using var database = await LoadDatabase.CreateAsync();
        var botSettings = database.PointBotAt(WeComCallbacks.BotSettings(stubs.Url));

        var senders = fromDirectory ? $"a liaison each, of {Liaisons:N0} in the directory" : "a new sender each, not in the directory";
        if (fromDirectory)
        {
            botSettings["Directory__SeedFile"] = Path.Combine(folder, "directory.yaml");
            await File.WriteAllTextAsync(botSettings["Directory__SeedFile"], DirectoryOf(Liaisons));
        }

        await using var bot = await Harness.StartBotAsync(folder, "Production", botSettings);
        // Each measured message from a liaison of its own, the warm-up's from the others: WeCom allows an app 30
        // messages a minute to one member, and the dispatcher keeps to that, so replies to a few liaisons writing again
        // and again would measure WeCom's limit, not the bot.
        var callbacks = fromDirectory
            ? new WeComCallbacks(sequence => LiaisonId(sequence < Messages ? sequence : Messages + (sequence % (Liaisons - Messages))))
            : new WeComCallbacks();
        var url = new Uri(bot.Url, WeComChannelOptions.DefaultCallbackPath);
        using var client = Load.Client(64);

        // Warm-up through the whole path (Harness.WarmUp: until the runtime has compiled the hot code optimised), every
        // reply awaited, then a pause, as in WeComScenario.
        var warm = await Load.ClosedAsync("warm-up", client, callbacks.Requests(url, 50_000_000, 2_000), 32, Harness.WarmUp);
        await stubs.WaitForAsync(() => stubs.WeComSends, warm.Completed, TimeSpan.FromSeconds(60));
        await stubs.WaitForAsync(() => stubs.WeComSends, long.MaxValue, TimeSpan.FromSeconds(2)); // until nothing more arrives for 2 s
        stubs.Reset();

        var requests = callbacks.Requests(url, 0, Messages);
        var cpu = CpuMeter.Start(bot);
        var start = Stopwatch.GetTimestamp();
        long next = -1;
        long failed = 0;
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < Messages; i = Interlocked.Increment(ref next))
            {
                using var response = await client.SendAsync(requests(i));
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        var acked = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var all = await stubs.WaitForAsync(() => stubs.WeComSends, Messages, TimeSpan.FromSeconds(20));
        var seconds = (stubs.LastArrival - start) * 1.0 / Stopwatch.Frequency;
        Harness.Print(string.Create(CultureInfo.InvariantCulture,
            $"end to end ({senders}): {Messages:N0} callbacks acknowledged in {acked:0.00} s ({Messages / acked:N0}/s, {failed} refused); "
            + $"{stubs.WeComSends:N0} replies sent in {seconds:0.00} s: {stubs.WeComSends / seconds:N0} messages/s (goal >= 1,000){(all ? "" : " — not all replied")}"));
        Harness.Print($"end to end ({senders}): bot " + cpu.PerRequest(Messages, "message (acknowledged, engine turn, reply sent)"));
        if (bot.Problems() is { Count: > 0 } problems)
        {
            Harness.Print($"end to end ({senders}): the bot logged {problems.Count} warnings or errors; the first: {string.Join(" | ", problems.Take(3))}");
        }
        await bot.KillAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static async Task PromptsAsync(Stubs stubs)
    {
        var folder = Harness.TempFolder("prompts");
        await using var database = await LoadDatabase.CreateAsync();
        var directory = Path.Combine(folder, "directory.yaml");
        await File.WriteAllTextAsync(directory, DirectoryOf(Prompts));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var settings = WeComCallbacks.BotSettings(stubs.Url).ToDictionary(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal), kv => (string?)kv.Value);
        settings["Storage:DataFolder"] = folder;
        settings["Directory:SeedFile"] = directory;
        foreach (var (key, value) in database.Settings)
        {
            settings[key] = value;
        }
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddStorage();
        builder.AddChatOps();
        builder.AddEngine();
        builder.AddWeCom();
        builder.Services.AddReportSchedulingCore();
        await using var app = builder.Build();
        app.MapWeCom();
        await app.StartAsync();
        stubs.Reset();

        var scheduler = app.Services.GetRequiredService<ReportScheduler>();
        var load = Stopwatch.GetTimestamp();
        var snapshot = await app.Services.GetRequiredService<ChatOps.Core.Organization.IDirectoryRepository>().LoadAsync();
        Harness.Print(string.Create(CultureInfo.InvariantCulture,
            $"prompts: the directory of {snapshot.Units.Count:N0} units loads in {Stopwatch.GetElapsedTime(load).TotalSeconds:0.000} s (the scheduler loads it again below)"));
        var start = Stopwatch.GetTimestamp();
        var run = await scheduler.SendPromptsNowAsync("weekly", DateTimeOffset.UtcNow, "loadtest");
        var queued = Stopwatch.GetElapsedTime(start).TotalSeconds;
        app.Services.GetRequiredService<WorkSignal>().OutboxChanged();
        var all = await stubs.WaitForAsync(() => stubs.WeComSends, run.Queued, TimeSpan.FromSeconds(20));
        var sent = (stubs.LastArrival - start) * 1.0 / Stopwatch.Frequency;
        Harness.Print(string.Create(CultureInfo.InvariantCulture,
            $"prompts: {run.Queued:N0} queued in {queued:0.000} s (goal <= 1 s); delivered to the stub WeCom API in {sent:0.0} s: {stubs.WeComSends / sent:N0}/s{(all ? "" : " — not all delivered")}"));
        await app.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static string LiaisonId(long unit) => string.Create(CultureInfo.InvariantCulture, $"u{unit:00000}.lly");

    /// <summary>Provincial units, each with one liaison on WeCom (<see cref="LiaisonId"/>).</summary>
    private static string DirectoryOf(int units)
    {
        var yaml = new StringBuilder("units:\n");
        for (var i = 0; i < units; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - code: \"u{i:00000}\"\n    name: \"压测单位{i:00000}\"\n    kind: 省直部门\n");
        }

        yaml.Append("people:\n");
        for (var i = 0; i < units; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture,
                $"  - id: \"{LiaisonId(i)}\"\n    name: \"联络员{i:00000}\"\n    unit: \"u{i:00000}\"\n    roles: [联络员]\n    wecom: \"{LiaisonId(i)}\"\n");
        }

        return yaml.ToString();
    }
}
