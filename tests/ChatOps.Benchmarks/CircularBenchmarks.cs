using BenchmarkDotNet.Attributes;
using ChatOps.Bot.Circulars;
using ChatOps.Bot.Engine;
using ChatOps.Bot.Hosting;
using ChatOps.Core.Circulars;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Storage;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOps.Benchmarks;

/// <summary>
/// One circular to 200 group chats and 2,000 people with acknowledgement tracking, on a SQLite file: 200 member units
/// with 10 people each (a liaison and 9 colleagues, all on WeCom), one group per unit (100 WeCom app chats, 50 group
/// robots, 50 Teams conversations) holding its 10 people. <see cref="IssueAsync"/> composes a 通知 (no sign-off) and
/// issues it in one transaction: 200 group messages, 2,000 收到 cards, 200 delivery rows, 2,000 recipient rows, the
/// audit lines — everything queued, nothing sent. <see cref="StandingAsync"/> is the office's view of it (delivery per
/// target joined from the outbox, acknowledgement per unit). Each iteration starts from empty circular and outbox tables.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 12, invocationCount: 1)]
public class CircularBenchmarks
{
    /// <summary>Group chats (and member units).</summary>
    public const int Groups = 200;

    /// <summary>People per group.</summary>
    public const int PeoplePerGroup = 10;

    private static readonly CircularTarget[] AllGroups = [.. Enumerable.Range(0, Groups).Select(i => new CircularTarget(TargetKind.Group, $"g{i:000}"))];

    private IHost _host = null!;
    private CircularService _service = null!;
    private IUnitOfWorkFactory _units = null!;
    private Database _database = null!;
    private Actor _clerk = null!;
    private string _folder = "";
    private long _issued;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("chatops-bench-circulars-").FullName;
        var builder = ChatHost.CreateBuilder(_folder, logging: l => l.SetMinimumLevel(LogLevel.Warning));
        builder.Services.AddSingleton<IChannelSender>(new QueueOnlySender(ChannelNames.WeCom));
        builder.Services.AddSingleton<IChannelSender>(new QueueOnlySender(ChannelNames.BotFramework));
        builder.AddCirculars();
        _host = builder.Build();
        _host.Services.GetRequiredService<Migrator>().MigrateAsync().GetAwaiter().GetResult();
        var directory = _host.Services.GetRequiredService<IDirectoryRepository>();
        var snapshot = SampleDirectory();
        directory.ApplyAsync(DirectoryChanges.Between(DirectorySnapshot.Empty, snapshot, includeGroups: true), "bench", "benchmark directory", DateTimeOffset.UtcNow)
            .GetAwaiter().GetResult();
        _clerk = Actor.Of(snapshot.People.Single(p => p.Id == "office.clerk"), "benchmark");
        _service = _host.Services.GetRequiredService<CircularService>();
        _units = _host.Services.GetRequiredService<IUnitOfWorkFactory>();
        _database = _host.Services.GetRequiredService<Database>();
        _issued = IssueAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Empties the circular and outbox tables, so every iteration queues into the same database size.</summary>
    [IterationSetup(Target = nameof(IssueAsync))]
    public void Empty()
    {
        using var c = _database.OpenAsync().GetAwaiter().GetResult();
        c.Execute("""
            DELETE FROM circular_audit; DELETE FROM circular_recipients; DELETE FROM circular_deliveries; DELETE FROM circular_reminder_steps;
            DELETE FROM circular_attachments; DELETE FROM circulars; DELETE FROM outbox;
            """);
    }

    [Benchmark(Description = "issue: 200 groups + 2,000 收到 cards queued, ack rows")]
    public async Task<long> IssueAsync()
    {
        var now = DateTimeOffset.UtcNow;
        await using var work = await _units.BeginAsync();
        var created = await _service.CreateAsync(_clerk, work, new CircularDraft("通知", "关于开展爱国卫生月活动的通知", Body, AllGroups), now);
        var sent = await _service.SendAsync(_clerk, work, created.Circular!.Id, now);
        if (sent.Issued is not { Groups: Groups, Recipients: Groups * PeoplePerGroup })
        {
            throw new InvalidOperationException(created.ErrorText + sent.ErrorText);
        }

        await work.CommitAsync();
        return created.Circular.Id;
    }

    [Benchmark(Description = "office view: 200 targets, 2,000 recipients per unit")]
    public async Task<int> StandingAsync()
    {
        await using var work = await _units.BeginAsync();
        var standing = await _service.StandingAsync(_clerk, work, _issued);
        return standing.Standing!.Units.Count;
    }

    private const string Body = """
        各成员单位：

        为深入推进爱国卫生“7个专项行动”，定于12月开展第35个爱国卫生月活动。请各单位结合实际制定活动方案，
        组织开展环境卫生集中整治，并于12月25日前将活动开展情况报送领导小组办公室。
        """;

    private static DirectorySnapshot SampleDirectory()
    {
        var units = new List<Unit>();
        var people = new List<Person>();
        var groups = new List<GroupChat>();
        for (var g = 0; g < Groups; g++)
        {
            var unit = new Unit($"u{g:000}", $"第{g + 1}成员单位", g < Groups / 2 ? UnitKind.ProvincialDepartment : UnitKind.Prefecture, null, false, g);
            units.Add(unit);
            var members = new List<string>();
            for (var p = 0; p < PeoplePerGroup; p++)
            {
                var id = $"{unit.Code}.p{p}";
                people.Add(new Person(id, $"人员{g:000}{p}", unit.Code, p == 0 ? Roles.Liaison : Roles.None, null, null, [new ChannelIdentity(ChannelNames.WeCom, id)]));
                members.Add(id);
            }

            var (kind, address) = g switch
            {
                < 100 => (ChatOps.Channels.WeCom.Hosting.WeComGroupKinds.AppChat, $"wrBench{g:000}"),
                < 150 => (ChatOps.Channels.WeCom.Hosting.WeComGroupKinds.Robot, $"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=bench-{g:000}"),
                _ => (ChatOps.Channels.BotFramework.Hosting.BotFrameworkGroupKinds.Conversation, $"19:bench-{g:000}@thread.tacv2"),
            };
            groups.Add(new GroupChat($"g{g:000}", $"第{g + 1}工作群", kind, address, members));
        }

        people.Add(new Person("office.clerk", "余波", null, Roles.OfficeStaff, null, null, [new ChannelIdentity(ChannelNames.WeCom, "office.clerk")]));
        people.Add(new Person("office.head", "蔡霞", null, Roles.OfficeStaff | Roles.MeetingHost, null, null, [new ChannelIdentity(ChannelNames.WeCom, "office.head")]));
        return new DirectorySnapshot(units, people, groups);
    }

    /// <summary>A channel that is enabled (so groups and people route to it) but never asked to send: nothing is dispatched here.</summary>
    private sealed class QueueOnlySender(string channel) : IChannelSender
    {
        public string Channel => channel;

        public Task<SendResult> SendAsync(OutboxItem item, CancellationToken cancellationToken = default) =>
            Task.FromResult<SendResult>(new SendResult.Sent(null));
    }
}
