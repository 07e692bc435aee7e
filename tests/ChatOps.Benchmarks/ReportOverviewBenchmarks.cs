using BenchmarkDotNet.Attributes;
using ChatOps.Bot.Circulars;
using ChatOps.Bot.Engine;
using ChatOps.Bot.Hosting;
using ChatOps.Core.Audit;
using ChatOps.Core.Calendar;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports;
using ChatOps.Core.Reports.Overview;
using ChatOps.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOps.Benchmarks;

/// <summary>
/// The console's report overviews for a province: 5,000 member units (2,500 departments, 2,500 prefectures, each with a
/// liaison) on a SQLite file. Every weekly period whose deadline fell in the month before the period just closed has a
/// report from every unit (90% on time, 5% late, 2% waiting for review, 3% missing; 1% of the reports returned once),
/// and so have the open period and the one just closed. <see cref="HomeAsync"/> is the data of the console's home page (本期报送): the boards of
/// the open period and the one just closed, as office staff see them; <see cref="MonthAsync"/> is a month's
/// compliance (报送统计) over all units. Both read through the services the pages call.
/// </summary>
[MemoryDiagnoser]
public class ReportOverviewBenchmarks
{
    /// <summary>Member units.</summary>
    public const int Units = 5000;

    private IHost _host = null!;
    private ReportOverview _overview = null!;
    private ReportCompliance _compliance = null!;
    private ReportCycle _weekly = null!;
    private IReadOnlyList<ReportPeriod> _home = [];
    private Actor _office = null!;
    private DateOnly _month;
    private string _folder = "";

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("chatops-bench-overview-").FullName;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataFolder"] = _folder, ["LocalChat:Enabled"] = "true" });
        builder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        builder.AddStorage();
        builder.AddChatOps();
        builder.AddEngine();
        builder.AddCirculars();
        builder.Services.AddReportOverviewCore();
        _host = builder.Build();
        _host.Services.GetRequiredService<Migrator>().MigrateAsync().GetAwaiter().GetResult();
        SeedAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "home page data: open + just-closed weekly boards, 5,000 units")]
    public async Task<int> HomeAsync()
    {
        var rows = (await _overview.BoardsAsync(_office, _weekly, _home)).Sum(b => b.Board.Entries.Count);

        return rows == _home.Count * Units ? rows : throw new InvalidOperationException($"{rows} rows");
    }

    [Benchmark(Description = "a month's compliance (报送统计), 5,000 units")]
    public async Task<int> MonthAsync()
    {
        var month = await _compliance.MonthAsync(_office, _month.Year, _month.Month);
        return month.Rows.Count == Units ? month.Due : throw new InvalidOperationException($"{month.Rows.Count} rows");
    }

    private async Task SeedAsync()
    {
        var services = _host.Services;
        var units = new List<Unit>();
        var people = new List<Person>();
        for (var i = 0; i < Units; i++)
        {
            var unit = new Unit($"u{i:0000}", $"第{i + 1}成员单位", i % 2 == 0 ? UnitKind.ProvincialDepartment : UnitKind.Prefecture, null, i % 50 == 0, i);
            units.Add(unit);
            people.Add(new Person($"{unit.Code}.lly", $"联络员{i:0000}", unit.Code, Roles.Liaison, null, null, [new ChannelIdentity(ChannelNames.Local, $"{unit.Code}.lly")]));
        }

        people.Add(new Person("office.clerk", "余波", null, Roles.OfficeStaff, null, null, [new ChannelIdentity(ChannelNames.Local, "office.clerk")]));
        var snapshot = new DirectorySnapshot(units, people, []);
        await services.GetRequiredService<IDirectoryRepository>().ApplyAsync(DirectoryChanges.Between(DirectorySnapshot.Empty, snapshot, includeGroups: true), "bench", "benchmark directory", DateTimeOffset.UtcNow);
        _office = Actor.Of(people[^1], "bench");

        _overview = services.GetRequiredService<ReportOverview>();
        _compliance = services.GetRequiredService<ReportCompliance>();
        _weekly = services.GetRequiredService<ReportCycles>().Get(ReportCatalog.Weekly.Key);
        _home = _overview.DefaultPeriods(_weekly);
        var office = services.GetRequiredService<OfficeProfile>();
        // The full month before the one the just-closed period's deadline fell in (four or five weekly periods).
        var closedMonth = DateOnly.FromDateTime(office.Local(_home[^1].Due));
        _month = new DateOnly(closedMonth.Year, closedMonth.Month, 1).AddMonths(-1);
        var first = new DateOnly(_month.Year, _month.Month, 1);
        var periods = services.GetRequiredService<PeriodCalculator>()
            .Periods(_weekly.Definition, first.AddDays(-20), first.AddMonths(1).AddDays(10))
            .Where(p => DateOnly.FromDateTime(office.Local(p.Due)) is var d && d >= first && d < first.AddMonths(1))
            .Concat(_home)
            .DistinctBy(p => p.Key)
            .ToList();

        var answers = new Dictionary<string, IReadOnlyList<string>>
        {
            ["progress"] = ["召开专题会议研究部署爱国卫生“7个专项行动”", "开展城乡环境卫生集中整治", "组织督导检查"],
            ["problems"] = ["无"],
            ["plan"] = ["继续推进各项工作"],
        };
        await using var work = await services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync();
        foreach (var period in periods)
        {
            for (var i = 0; i < Units; i++)
            {
                var roll = (i * 7919 + period.Key.GetHashCode(StringComparison.Ordinal)) % 100;
                roll = roll < 0 ? -roll : roll;
                if (roll >= 97)
                {
                    continue; // missing
                }

                var (status, late) = roll switch { < 90 => (ReportStatus.Submitted, false), < 95 => (ReportStatus.Submitted, true), _ => (ReportStatus.PendingReview, false) };
                var at = late ? period.Due.AddHours(3) : period.Due.AddDays(-1);
                var id = await work.Reports.InsertAsync(new Report(0, _weekly.Key, period.Key, units[i].Code, status, people[i].Id, answers, at, at, at, late,
                    status == ReportStatus.Submitted ? 1 : 0), CancellationToken.None);
                if (i % 100 == 1)
                {
                    await work.Audit.AppendAsync(AuditEntry.Of(at.AddHours(1), "office.clerk", "report.return", $"report:{id}", "退回意见：请补充数据", "bench"), CancellationToken.None);
                }
            }
        }

        await work.CommitAsync();
    }
}
