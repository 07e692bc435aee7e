using System.Diagnostics;
using System.Text;
using ChatOps.Channels.WeCom.Tests.Fakes;
using ChatOps.Storage;

namespace ChatOps.Bot.Tests.ScaleOut;

/// <summary>
/// Three host processes on one PostgreSQL database send the weekly prompt to 2,000 liaisons (queued by the
/// <c>send-prompts</c> verb) while one of them is killed with SIGKILL and restarted: every liaison receives the prompt
/// exactly once — the dead instance's claims are taken over after their lease, and the resend carries WeCom's
/// duplicate check. Reports lost and duplicated prompts and fails on any.
/// </summary>
public sealed class PromptKillTests
{
    private const int Liaisons = 2000;

    [Fact]
    public async Task Prompts_OneOfThreeInstancesKilledAndRestarted_EveryLiaisonPromptedExactlyOnce()
    {
        await using var storage = await TestStorage.CreateAsync(StorageProviders.PostgreSql);
        await using var weCom = await FakeWeComServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var folder = Directory.CreateTempSubdirectory("chatops-scale-").FullName;
        var directory = Path.Combine(folder, "directory.yaml");
        await File.WriteAllTextAsync(directory, Directory2000(), TestContext.Current.CancellationToken);
        var members = Enumerable.Range(1, Liaisons).Select(Id).ToList();
        weCom.SetKnownUsers(members);
        var settings = weCom.BotSettings(storage.Settings);
        settings["Engine:PollInterval"] = "00:00:00.200";
        settings["Engine:OutboxLease"] = "00:00:10";
        settings["Directory:SeedFile"] = directory;
        var hosts = new List<HostProcess>();
        try
        {
            hosts.Add(await HostProcess.StartAsync(folder, settings)); // migrates and seeds the 2,000 units
            hosts.AddRange(await Task.WhenAll(HostProcess.StartAsync(folder, settings), HostProcess.StartAsync(folder, settings)));
            var watch = Stopwatch.StartNew();

            var queued = await BotProcess.RunAsync(folder, ["send-prompts", "--cycle", "weekly", .. settings.Select(s => $"--{s.Key}={s.Value}")]);
            Assert.True(queued.ExitCode == 0, queued.Error);

            int Prompted() => weCom.Delivered.Select(d => d.Recipient).Distinct().Count();
            while (Prompted() < Liaisons / 4 && watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            var atKill = Prompted();
            hosts[1].Kill();
            hosts[1] = await HostProcess.StartAsync(folder, settings);

            while (Prompted() < Liaisons && watch.Elapsed < TimeSpan.FromSeconds(120))
            {
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }

            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken); // late duplicates would show now
            var received = weCom.Delivered.GroupBy(d => d.Recipient!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var lost = members.Count(m => !received.ContainsKey(m));
            var duplicated = received.Values.Sum(n => n - 1);
            await using var db = new Npgsql.NpgsqlConnection(storage.Settings["ConnectionStrings:ChatOps"]);
            await db.OpenAsync(TestContext.Current.CancellationToken);
            await using var count = new Npgsql.NpgsqlCommand("SELECT COUNT(*) FROM outbox WHERE attempts > 1", db);
            var takenOver = (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"scale-out: {Liaisons} prompts on 3 instances, one SIGKILLed after {atKill} were delivered and restarted: " +
                $"all delivered in {watch.Elapsed.TotalSeconds:F1} s; lost {lost}, duplicated {duplicated}; " +
                $"{takenOver} claimed more than once (taken over after the lease); WeCom dropped {weCom.Dropped.Count} resend(s) as duplicates");
            Assert.True(lost == 0 && duplicated == 0, $"lost {lost}, duplicated {duplicated} of {Liaisons} prompts");
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    private static string Id(int n) => $"l{n:0000}";

    private static string Directory2000()
    {
        var yaml = new StringBuilder("units:\n");
        for (var n = 1; n <= Liaisons; n++)
        {
            yaml.Append($"  - {{ code: \"u{n:0000}\", name: 测试单位{n:0000}, kind: 省直部门 }}\n");
        }

        yaml.Append("people:\n");
        for (var n = 1; n <= Liaisons; n++)
        {
            yaml.Append($"  - {{ id: {Id(n)}, name: 联络员{n:0000}, unit: \"u{n:0000}\", roles: [联络员], wecom: {Id(n)} }}\n");
        }

        return yaml.ToString();
    }
}
