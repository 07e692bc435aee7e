using System.Globalization;
using ChatOps.Core.Calendar;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports;
using ChatOps.Core.Reports.Overview;
using ChatOps.Core.Reports.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.Core.Tests.Reports.Scheduling;

/// <summary>
/// A scheduler over the in-memory engine, a small directory and a fake clock. Weekly covers 省卫生健康委 (li; reviewed
/// by wang), 省教育厅 (zhao), 昆明市 (chen) and 红河州 (no liaison); quarterly also 健康知识普及行动组 (sun). 五华区 (a
/// county) is in neither. zhou and wu are office staff.
/// </summary>
internal sealed class SchedulingHarness
{
    public static readonly Unit Wjw = new("wjw", "省卫生健康委", UnitKind.ProvincialDepartment, null, true, 1);
    public static readonly Unit Jyt = new("jyt", "省教育厅", UnitKind.ProvincialDepartment, null, false, 2);
    public static readonly Unit Km = new("km", "昆明市", UnitKind.Prefecture, null, false, 3);
    public static readonly Unit Wh = new("wh", "五华区", UnitKind.County, "km", false, 4);
    public static readonly Unit Zxz = new("zxz", "健康知识普及行动组", UnitKind.SpecialActionGroup, null, false, 5);
    public static readonly Unit Hh = new("hh", "红河州", UnitKind.Prefecture, null, false, 6);

    public SchedulingHarness(DateTimeOffset start, PromptSchedule? schedule = null, IReadOnlyList<string>? channels = null)
    {
        Time = new FakeTimeProvider(start);
        Directory = new InMemoryDirectory(new DirectorySnapshot(
            [Wjw, Jyt, Km, Wh, Zxz, Hh],
            [
                Person("li", "李明", "wjw", Roles.Liaison, "13800000001"),
                Person("wang", "王芳", "wjw", Roles.ReviewingLeader),
                Person("zhao", "赵刚", "jyt", Roles.Liaison),
                Person("chen", "陈静", "km", Roles.Liaison),
                Person("liu", "刘洋", "wh", Roles.Liaison),
                Person("sun", "孙丽", "zxz", Roles.Liaison),
                Person("zhou", "周敏", null, Roles.OfficeStaff),
                Person("wu", "吴强", null, Roles.OfficeStaff | Roles.MeetingHost),
            ],
            []));
        Cycles = schedule is null
            ? new ReportCycles(ReportCatalog.Defaults)
            : new ReportCycles(ReportCatalog.Defaults.Select(c => c with { Schedule = schedule }));
        Periods = new PeriodCalculator(WorkCalendar.LoadDefault());
        var router = new RecipientRouter(new EnabledChannels(channels ?? [ChannelNames.WeCom]));
        Scheduler = new ReportScheduler(Cycles, Periods, Engine, Directory, router,
            Options.Create(new ReportSchedulerOptions()), NullLogger<ReportScheduler>.Instance);
        Chasing = new ReportChasing(new ReportOverview(Directory, Cycles, Periods, new UnusedLedger(), Time), Directory, Periods, Engine, router, Time);
        Exemptions = new ReportExemptions(Cycles, Periods, Engine, Directory, Time, NullLogger<ReportExemptions>.Instance);
    }

    public FakeTimeProvider Time { get; }

    public InMemoryEngine Engine { get; } = new();

    public InMemoryDirectory Directory { get; }

    public ReportCycles Cycles { get; }

    public PeriodCalculator Periods { get; }

    public ReportScheduler Scheduler { get; }

    public ReportExemptions Exemptions { get; }

    /// <summary>催报 (chat and console), reading the reports through the unit of work it is given.</summary>
    public ReportChasing Chasing { get; }

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>The messages queued so far, with what the dedupe key says they are.</summary>
    public IReadOnlyList<Sent> Sent => [.. Engine.Outbox.Select(o => new Sent(o))];

    public static Person Person(string id, string name, string? unit, Roles roles, string? phone = null) =>
        new(id, name, unit, roles, null, phone, [new ChannelIdentity(ChannelNames.WeCom, "wx-" + id)]);

    public static DateTimeOffset Utc(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>Runs the scheduler now.</summary>
    public Task<int> RunAsync() => Scheduler.RunDueAsync(Now, TestContext.Current.CancellationToken);

    /// <summary>Moves the clock to <paramref name="instant"/> (a host that was down in between) and runs once.</summary>
    public Task<int> RunAtAsync(string instant)
    {
        Time.SetUtcNow(Utc(instant));
        return RunAsync();
    }

    /// <summary>Runs every minute, as the Quartz job does, until <paramref name="end"/> (inclusive).</summary>
    public async Task RunEveryMinuteUntilAsync(string end)
    {
        var stop = Utc(end);
        while (Now <= stop)
        {
            await RunAsync();
            Time.Advance(TimeSpan.FromMinutes(1));
        }
    }
}

/// <summary>An outbox item and what its dedupe key (report:{cycle}:{period}:{what}:{person}) says.</summary>
internal sealed record Sent(OutboxItem Item)
{
    private string[] Parts => Item.DedupeKey!.Split(':');

    public string Cycle => Parts[1];

    public string Period => Parts[2];

    public string What => Parts[3];

    public string Person => Parts[4];

    public DateTimeOffset At => Item.CreatedAt;

    public string Text => Item.Message.Text;
}

/// <summary>The console's light read, which the chat's 催报 does not use (it reads in its unit of work).</summary>
internal sealed class UnusedLedger : IReportLedger
{
    public Task<IReadOnlyList<Report>> ListStatesAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<string?> FindUnitAsync(long reportId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<string>> ListExemptAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<long>> ListReturnsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}
