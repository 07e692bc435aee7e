using ChatOps.Core.Calendar;
using ChatOps.Core.Organization;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.Core.Tests.Calendar;

/// <summary>The office enters a new year's arrangement: checked like the shipped files, stored, in force at once; nothing stored on any error.</summary>
public sealed class HolidayEntryTests
{
    private static readonly Actor Office = new("office.clerk1", "余波", Roles.OfficeStaff, null, "test");

    [Fact]
    public async Task Enter_FormLines_AreStoredAndInForce()
    {
        var (service, store, calendar) = Create();

        var (year, errors) = await service.EnterAsync(Office, 2027, "国办发明电〔2026〕X号", null,
            "元旦 2027-01-01 2027-01-03\n春节：2027-02-06至2027-02-13\n清明节 2027-04-05", "2027-02-14 春节调休\n2027-02-20", TestContext.Current.CancellationToken);

        Assert.Empty(errors);
        Assert.Equal(12, year!.Holidays.Count);
        Assert.Equal("调休上班", year.Workdays[new DateOnly(2027, 2, 20)]);
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 4, 5)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 2, 14)));
        Assert.Single(store.Years);
    }

    [Fact]
    public async Task Enter_BadLinesOrAWeekdayAsMakeUpDay_StoresNothing_AndSaysWhy()
    {
        var (service, store, calendar) = Create();

        var (_, errors) = await service.EnterAsync(Office, 2027, null, null, "春节 二月六日", "2027-02-15 春节调休", TestContext.Current.CancellationToken);
        Assert.Contains(errors, e => e.Contains("放假安排第 1 行", StringComparison.Ordinal));
        var (_, weekday) = await service.EnterAsync(Office, 2027, null, null, "元旦 2027-01-01", "2027-02-15 春节调休", TestContext.Current.CancellationToken);
        Assert.Contains(weekday, e => e.Contains("不是周末", StringComparison.Ordinal));
        var (_, refused) = await service.EnterAsync(Office with { Roles = Roles.Liaison }, 2027, null, null, "元旦 2027-01-01", null, TestContext.Current.CancellationToken);
        Assert.Contains(refused, e => e.Contains("只有领导小组办公室", StringComparison.Ordinal));

        Assert.Empty(store.Years);
        Assert.False(calendar.HasOfficialData(2027));
    }

    [Fact]
    public void Add_OnTheSharedShippedCalendar_IsRefused()
    {
        var year = WorkCalendar.LoadDefault().Years[0];
        Assert.Throws<InvalidOperationException>(() => WorkCalendar.LoadDefault().Add(year));
    }

    private static (HolidayEntryService Service, MemoryStore Store, WorkCalendar Calendar) Create()
    {
        var store = new MemoryStore();
        var calendar = new WorkCalendar(WorkCalendar.LoadDefault().Years);
        return (new HolidayEntryService(store, calendar, new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero))), store, calendar);
    }

    private sealed class MemoryStore : IHolidayYearStore
    {
        public Dictionary<int, string> Years { get; } = [];

        public Task<IReadOnlyList<(int Year, string Yaml)>> ListAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<(int, string)>>([.. Years.Select(y => (y.Key, y.Value))]);

        public Task SaveAsync(int year, string yaml, string enteredBy, DateTimeOffset at, CancellationToken cancellationToken = default)
        {
            Years[year] = yaml;
            return Task.CompletedTask;
        }
    }
}
