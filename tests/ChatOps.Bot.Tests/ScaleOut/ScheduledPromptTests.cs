using System.Globalization;
using System.Text;
using ChatOps.Bot.Tests.WeCom;
using ChatOps.Channels.WeCom.Tests.Fakes;
using ChatOps.Core.Calendar;
using ChatOps.Core.Reports;
using ChatOps.Core.Reports.Scheduling;
using ChatOps.Storage;

namespace ChatOps.Bot.Tests.ScaleOut;

/// <summary>
/// Three host processes on one PostgreSQL database with clustered Quartz and a loopback WeCom fake; their clocks are
/// shifted (<c>Testing:ClockOffset</c>, the same offset for all) so that the weekly first prompt falls due at a wall
/// minute boundary a little over a minute after the test starts. Issue 13's scenario 2: with all three running, every
/// liaison is prompted exactly once; scenario 4: with one instance SIGKILLed just before the prompt time (Quartz may
/// already have handed it the trigger) and restarted after, the other two send it, once. Reports lost and duplicated
/// prompts and fails on any.
/// </summary>
public sealed class ScheduledPromptTests
{
    private const int Liaisons = 300;
    private static readonly TimeSpan Lead = TimeSpan.FromSeconds(180); // three hosts start within it even on a busy machine

    [Fact]
    public Task PromptTime_ReachedWithThreeInstancesRunning_EveryLiaisonPromptedOnce() => RunAsync(stopOne: false);

    [Fact]
    public Task PromptTime_OneInstanceKilledAcrossIt_TheOthersSendItOnce() => RunAsync(stopOne: true);

    private static async Task RunAsync(bool stopOne)
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var storage = await TestStorage.CreateAsync(StorageProviders.PostgreSql);
        await using var weCom = await FakeWeComServer.StartAsync(cancellationToken: cancel);
        var folder = Directory.CreateTempSubdirectory("chatops-scheduled-").FullName;
        var directory = Path.Combine(folder, "directory.yaml");
        await File.WriteAllTextAsync(directory, Liaisons300(), cancel);
        var members = Enumerable.Range(1, Liaisons).Select(Id).ToList();
        weCom.SetKnownUsers(members);

        // The weekly 2026-W48 first prompt (Wednesday 2026-11-25 10:00 in the office's zone), reached at wall time `due`.
        var cycle = ReportCatalog.Weekly;
        var period = new PeriodCalculator(WorkCalendar.LoadDefault()).Find(cycle.Definition, "2026-W48")!;
        var prompt = new ReportStepPlanner(WorkCalendar.LoadDefault()).Plan(cycle, period).Single(s => s.Step == ReportStep.FirstPrompt).At;
        var early = DateTimeOffset.UtcNow + Lead;
        var due = new DateTimeOffset(early.Ticks - (early.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(1); // a wall minute boundary: Quartz fires every minute
        var offset = prompt - due + TimeSpan.FromSeconds(1); // the firing at `due` sees the prompt time 1 s past; the one before (even if late), not yet

        var app = weCom.CreateAppOptions();
        var settings = new Dictionary<string, string?>(storage.Settings)
        {
            ["WeCom:CorpId"] = app.CorpId,
            ["WeCom:AgentId"] = app.AgentId,
            ["WeCom:Secret"] = app.Secret,
            ["WeCom:Token"] = app.Token,
            ["WeCom:EncodingAESKey"] = app.EncodingAESKey,
            ["WeCom:ApiBaseUrl"] = weCom.BaseUrl,
            ["Engine:PollInterval"] = "00:00:00.200",
            ["Engine:OutboxLease"] = "00:00:10",
            ["Directory:SeedFile"] = directory,
            ["Testing:ClockOffset"] = offset.ToString("c", CultureInfo.InvariantCulture),
        };
        var hosts = new List<HostProcess>();
        try
        {
            hosts.Add(await HostProcess.StartAsync(folder, settings, "Testing")); // migrates and seeds
            hosts.AddRange(await Task.WhenAll(HostProcess.StartAsync(folder, settings, "Testing"), HostProcess.StartAsync(folder, settings, "Testing")));
            Assert.True(DateTimeOffset.UtcNow < due - TimeSpan.FromSeconds(15), $"the three hosts took too long to start (prompt time at {due:HH:mm:ss}, now {DateTimeOffset.UtcNow:HH:mm:ss})");

            if (stopOne)
            {
                await Task.Delay(due - TimeSpan.FromSeconds(8) - DateTimeOffset.UtcNow, cancel);
                hosts[2].Kill(); // within Quartz's look-ahead: it may hold the trigger, which the cluster must recover
            }

            int Prompted() => weCom.Delivered.Select(d => d.Recipient).Distinct().Count();
            while (Prompted() < Liaisons && DateTimeOffset.UtcNow < due + TimeSpan.FromSeconds(120))
            {
                await Task.Delay(200, cancel);
            }

            var sentIn = DateTimeOffset.UtcNow - due;
            if (stopOne)
            {
                hosts[2] = await HostProcess.StartAsync(folder, settings, "Testing"); // back after the prompt time: must not send it again
            }

            await Task.Delay(TimeSpan.FromSeconds(65), cancel); // the next minute's firing on every instance: late duplicates would show now
            var received = weCom.Delivered.GroupBy(d => d.Recipient!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var lost = members.Count(m => !received.ContainsKey(m));
            var duplicated = received.Values.Sum(n => n - 1);
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"scale-out: weekly first prompt to {Liaisons} liaisons on 3 instances{(stopOne ? ", one SIGKILLed 8 s before the prompt time and restarted after" : "")}: " +
                $"delivered {sentIn.TotalSeconds:F1} s after the prompt time; lost {lost}, duplicated {duplicated}");
            Assert.True(lost == 0 && duplicated == 0, $"lost {lost}, duplicated {duplicated} of {Liaisons} prompts");
            Assert.All(weCom.Delivered, d => Assert.Contains("2026年第48周", WeComBot.Show(d), StringComparison.Ordinal));
            Assert.All(weCom.Delivered, d => Assert.True(d.At >= due - TimeSpan.FromSeconds(1.5), $"a prompt was sent at {d.At:HH:mm:ss.fff}, before the prompt time ({due:HH:mm:ss} wall)"));
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    private static string Id(int n) => $"l{n:000}";

    private static string Liaisons300()
    {
        var yaml = new StringBuilder("units:\n");
        for (var n = 1; n <= Liaisons; n++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ code: \"u{n:000}\", name: 测试单位{n:000}, kind: 省直部门 }}\n");
        }

        yaml.Append("people:\n");
        for (var n = 1; n <= Liaisons; n++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ id: {Id(n)}, name: 联络员{n:000}, unit: \"u{n:000}\", roles: [联络员], wecom: {Id(n)} }}\n");
        }

        return yaml.ToString();
    }
}
