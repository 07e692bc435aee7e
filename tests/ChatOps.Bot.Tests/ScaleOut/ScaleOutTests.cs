using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;
using ChatOps.Bot.Tests.WeCom;
using ChatOps.Channels.WeCom.Tests.Fakes;
using ChatOps.Core.Organization;
using ChatOps.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.ScaleOut;

/// <summary>
/// Several instances on one PostgreSQL database, with one loopback WeCom fake: every callback is delivered three
/// times at once (WeCom's retries), each copy to a different instance, and each message must be answered exactly once.
/// Reports lost and duplicated replies and fails on any. Three real hosts (Kestrel on loopback each) in this process.
/// </summary>
public sealed class ScaleOutTests
{
    private const int Instances = 3;
    private const int Callbacks = 600;

    [Fact]
    public async Task Callbacks_EachDeliveredThreeTimesAcrossThreeInstances_AnsweredExactlyOnce()
    {
        await using var storage = await TestStorage.CreateAsync(StorageProviders.PostgreSql);
        await using var weCom = await FakeWeComServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var settings = weCom.BotSettings(storage.Settings);
        settings["Engine:PollInterval"] = "00:00:00.200";
        var hosts = new List<BotHost>();
        var clients = new List<HttpClient>();
        try
        {
            for (var i = 0; i < Instances; i++)
            {
                var host = new BotHost(settings);
                hosts.Add(host);
                clients.Add(host.CreateClient()); // starts it: the first migrates and seeds, the others find it done
            }

            var snapshot = await hosts[0].Services.GetRequiredService<IDirectoryRepository>().LoadAsync(TestContext.Current.CancellationToken);
            var members = snapshot.People.Select(p => p.IdentityOn(ChannelNames.WeCom)).OfType<string>().ToList();
            weCom.SetKnownUsers(members);
            var crypto = weCom.CreateCrypto();
            var watch = Stopwatch.StartNew();

            // Callback n comes from member n % count; its three copies go to the three instances at once.
            var expected = new Dictionary<string, int>(StringComparer.Ordinal);
            using var gate = new SemaphoreSlim(48);
            var sends = Enumerable.Range(0, Callbacks).Select(async n =>
            {
                var user = members[n % members.Count];
                var xml = TextXml(weCom, user, "帮助", 8_100_000_000_000_000_000 + n);
                await gate.WaitAsync(TestContext.Current.CancellationToken);
                try
                {
                    var results = await Task.WhenAll(clients.Select(c =>
                        weCom.SendCallbackAsync(new Uri(c.BaseAddress!, "/wecom/callback"), xml, crypto)));
                    Assert.All(results, r => Assert.Equal(200, r.StatusCode));
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();
            foreach (var member in Enumerable.Range(0, Callbacks).Select(n => members[n % members.Count]))
            {
                expected[member.ToLowerInvariant()] = expected.GetValueOrDefault(member.ToLowerInvariant()) + 1;
            }

            await Task.WhenAll(sends);
            var accepted = watch.Elapsed;

            int Replies() => weCom.Delivered.Count(d => WeComBot.Show(d).Contains("可用的功能", StringComparison.Ordinal));
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (Replies() < Callbacks && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }

            await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken); // late duplicates would show now
            var received = weCom.Delivered.Where(d => WeComBot.Show(d).Contains("可用的功能", StringComparison.Ordinal))
                .GroupBy(d => d.Recipient).ToDictionary(g => g.Key!, g => g.Count(), StringComparer.Ordinal);
            var lost = expected.Sum(e => Math.Max(0, e.Value - received.GetValueOrDefault(e.Key)));
            var duplicated = expected.Sum(e => Math.Max(0, received.GetValueOrDefault(e.Key) - e.Value));
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"scale-out: {Callbacks} callbacks x {Instances} copies on {Instances} instances: accepted in {accepted.TotalSeconds:F1} s, " +
                $"answered in {watch.Elapsed.TotalSeconds:F1} s; lost {lost}, duplicated {duplicated}");
            Assert.True(lost == 0 && duplicated == 0, $"lost {lost}, duplicated {duplicated} of {Callbacks} replies");
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }

            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    private static string TextXml(FakeWeComServer weCom, string user, string content, long msgId) => new XElement("xml",
        new XElement("ToUserName", new XCData(weCom.Options.CorpId)),
        new XElement("FromUserName", new XCData(user)),
        new XElement("CreateTime", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        new XElement("MsgType", new XCData("text")),
        new XElement("Content", new XCData(content)),
        new XElement("MsgId", msgId.ToString(CultureInfo.InvariantCulture)),
        new XElement("AgentID", weCom.Options.AgentId)).ToString(SaveOptions.DisableFormatting);
}
