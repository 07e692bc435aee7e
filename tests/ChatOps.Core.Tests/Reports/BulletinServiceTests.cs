using ChatOps.Core.Calendar;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using static ChatOps.Core.Tests.Calendar.TestDates;
using Fixture = ChatOps.Core.Tests.Reports.BulletinCompilerTests.Fixture;

namespace ChatOps.Core.Tests.Reports;

public sealed class BulletinServiceTests
{
    private const string Office = "云南省推进爱国卫生“7个专项行动”领导小组办公室";

    private readonly FakeTimeProvider _time = new(Utc("2026-10-08T20:00:00Z"));
    private readonly InMemoryHeadlines _headlines = new();
    private readonly Mock<IUnitOfWork> _unitOfWork = new();
    private readonly Mock<IReportStore> _reports = new();
    private readonly Mock<IScheduleStore> _schedule = new();
    private readonly BulletinOptions _options = new();

    public BulletinServiceTests()
    {
        _unitOfWork.SetupGet(u => u.Reports).Returns(_reports.Object);
        _unitOfWork.SetupGet(u => u.Schedule).Returns(_schedule.Object);
        _schedule.Setup(s => s.ListExemptAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _reports.Setup(r => r.ListForPeriodAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string cycle, string period, CancellationToken _) =>
                Fixture.Reports().Concat(MergedReports()).Where(r => r.CycleKey == cycle && r.PeriodKey == period).ToList());
    }

    [Theory]
    [InlineData("2026-W40")]
    [InlineData("2026-W41")]
    [InlineData("2026-w40+w41")]
    public void Resolve_ComponentOrJoinedKey_FindsTheMergedPeriod(string key)
    {
        var (cycle, period) = Service().Resolve("Weekly", key);

        Assert.Equal("weekly", cycle.Key);
        Assert.Equal("2026-W40+W41", period.Key);
    }

    [Theory]
    [InlineData("monthly", "2026-10", "没有名为“monthly”的报送周期")]
    [InlineData("weekly", "2026-41", "应写成 2026-W41 这样的格式")]
    [InlineData("weekly", "2026-W54", "周报没有“2026-W54”这一期")]
    [InlineData("weekly", "2026-W39+W40", "这几期是：2026-W39、2026-W40+W41。")]
    [InlineData("weekly", "2026-W40+W42", "这几期是：2026-W40+W41、2026-W42。")]
    public void Resolve_Unknown_ThrowsArgumentExceptionForTheOffice(string cycle, string key, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => Service().Resolve(cycle, key));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompileAsync_ComponentKey_ReadsTheMergedPeriodsReportsAndHeadlinesWithoutCommitting()
    {
        await _headlines.AddAsync("weekly", "2026-W40+W41", "10月8日，领导小组召开节后调度会。", "office", _time.GetUtcNow(), TestContext.Current.CancellationToken);

        var bulletin = await Service().CompileAsync("weekly", "2026-W41", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("2026年第40—41周（9月25日至10月8日）", bulletin.PeriodLabel);
        Assert.Equal(["10月8日，领导小组召开节后调度会。"], bulletin.KeyEvents);
        Assert.Equal(["省住房城乡建设厅", "省水利厅"], bulletin.ProvincialItems.Select(i => i.UnitName));
        Assert.Equal(["省住房城乡建设厅"], bulletin.Statistics.OnTime);
        Assert.Equal(["省水利厅"], bulletin.Statistics.Late);
        _reports.Verify(r => r.ListForPeriodAsync("weekly", "2026-W40+W41", It.IsAny<CancellationToken>()), Times.Once);
        _reports.Verify(r => r.ListForPeriodAsync("weekly", "2026-W41", It.IsAny<CancellationToken>()), Times.Once);
        _unitOfWork.Verify(u => u.CommitAsync(It.IsAny<CancellationToken>()), Times.Never);
        _unitOfWork.Verify(u => u.DisposeAsync(), Times.Once);
    }

    [Fact]
    public async Task CompileAsync_InAChatTurnsUnitOfWork_ReadsThroughItAndBeginsNone()
    {
        var factory = new Mock<IUnitOfWorkFactory>(MockBehavior.Strict);

        var bulletin = await Service(factory.Object).CompileAsync("weekly", "2026-W48", _unitOfWork.Object, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["省住房城乡建设厅", "昆明市"], bulletin.Statistics.OnTime);
        _reports.Verify(r => r.ListForPeriodAsync("weekly", "2026-W48", It.IsAny<CancellationToken>()), Times.Once);
        _unitOfWork.Verify(u => u.CommitAsync(It.IsAny<CancellationToken>()), Times.Never);
        _unitOfWork.Verify(u => u.DisposeAsync(), Times.Never);
    }

    [Fact]
    public async Task CompileAsync_DatesTheIssueTodayInTheOfficesZone()
    {
        // 2026-10-08T20:00Z is 2026-10-09 04:00 in Shanghai.
        var bulletin = await Service().CompileAsync("weekly", "2026-W48", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(D("2026-10-09"), bulletin.Date);
        Assert.Equal(Office, bulletin.OfficeName);
        Assert.Equal(["省住房城乡建设厅", "昆明市"], bulletin.Statistics.OnTime);
    }

    [Fact]
    public async Task CompileAsync_IssueOverridesOfficeDateAndNumber_DistributionFromOptions()
    {
        _options.DistributionList.Add("省委常委，省人民政府领导。");

        var bulletin = await Service().CompileAsync(
            "weekly", "2026-W48", new BulletinIssue("另一个办公室", D("2026-11-27"), "第12期"), TestContext.Current.CancellationToken);

        Assert.Equal(("另一个办公室", D("2026-11-27"), "第12期"), (bulletin.OfficeName, bulletin.Date, bulletin.IssueNumber));
        Assert.Equal(["省委常委，省人民政府领导。"], bulletin.DistributionList);
    }

    [Fact]
    public async Task RenderMarkdownAndDocx_RenderTheCompiledBulletin()
    {
        var service = Service();
        var bulletin = await service.CompileAsync("weekly", "2026-W48", cancellationToken: TestContext.Current.CancellationToken);
        using var docx = new MemoryStream();

        await service.RenderDocxAsync(bulletin, docx, TestContext.Current.CancellationToken);
        var markdown = service.RenderMarkdown(bulletin);

        Assert.Equal("PK"u8.ToArray(), docx.ToArray()[..2]);
        Assert.StartsWith("# 工作专报\n", markdown, StringComparison.Ordinal);
        Assert.Contains("2026年第48周（11月20日至11月26日）", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddHeadlineAsync_StoresUnderTheMergedKeyWithAuthorAndTime()
    {
        var (period, items) = await Service().AddHeadlineAsync("weekly", "2026-W40", "  国庆期间开展爱国卫生专项检查。 ", "张三", TestContext.Current.CancellationToken);

        Assert.Equal("2026-W40+W41", period.Key);
        Assert.Equal(["国庆期间开展爱国卫生专项检查。"], items);
        Assert.Equal(("weekly", "2026-W40+W41", "张三", _time.GetUtcNow()), _headlines.Added.Single());
    }

    [Theory]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task AddHeadlineAsync_Blank_IsRefused(string? text)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Service().AddHeadlineAsync("weekly", "2026-W48", text!, "张三", TestContext.Current.CancellationToken));

        Assert.Empty(_headlines.Added);
    }

    [Fact]
    public async Task AddHeadlineAsync_TooLong_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            Service().AddHeadlineAsync("weekly", "2026-W48", new string('字', BulletinService.MaxHeadlineLength + 1), "张三", TestContext.Current.CancellationToken));

        Assert.Contains("不超过 2000 字", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClearHeadlinesAsync_EmptiesThePeriod()
    {
        var service = Service();
        await service.AddHeadlineAsync("weekly", "2026-W48", "一条", "张三", TestContext.Current.CancellationToken);

        await service.ClearHeadlinesAsync("weekly", "2026-W48", TestContext.Current.CancellationToken);

        Assert.Empty((await service.ListHeadlinesAsync("weekly", "2026-W48", TestContext.Current.CancellationToken)).Items);
    }

    [Fact]
    public void AddReports_RegistersEachServiceUnlessAlreadyRegistered()
    {
        var mine = new ReportCycles([ReportCatalog.Weekly]);
        var services = new ServiceCollection().AddSingleton(mine);

        services.AddReportsCore();

        Assert.Same(mine, Assert.Single(services, d => d.ServiceType == typeof(ReportCycles)).ImplementationInstance);
        Assert.All(
            new[] { typeof(WorkCalendar), typeof(PeriodCalculator), typeof(BulletinService), typeof(TimeProvider) },
            type => Assert.Equal(ServiceLifetime.Singleton, Assert.Single(services, d => d.ServiceType == type).Lifetime));
        Assert.Contains(services, d => d.ServiceType == typeof(IConfigureOptions<BulletinOptions>) || d.ServiceType == typeof(IOptions<>));
    }

    private static List<Report> MergedReports() =>
    [
        Fixture.Report(20, "zjt", "2026-W40+W41", ReportStatus.Submitted, ["国庆期间开展城乡环境卫生整治。"]),
        Fixture.Report(21, "slt", "2026-W41", ReportStatus.Submitted, ["节后开展农村供水检查。"], isLate: true),
    ];

    private BulletinService Service(IUnitOfWorkFactory? factory = null)
    {
        var directory = new Mock<IDirectoryRepository>();
        directory.Setup(d => d.LoadAsync(It.IsAny<CancellationToken>())).ReturnsAsync(Fixture.Directory());
        var begins = new Mock<IUnitOfWorkFactory>();
        begins.Setup(f => f.BeginAsync(It.IsAny<CancellationToken>())).ReturnsAsync(_unitOfWork.Object);
        return new BulletinService(
            directory.Object,
            factory ?? begins.Object,
            _headlines,
            new ReportCycles(ReportCatalog.Defaults),
            new PeriodCalculator(WorkCalendar.LoadDefault()),
            new OfficeProfile(Office, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")),
            _time,
            Options.Create(_options));
    }

    private sealed class InMemoryHeadlines : IBulletinHeadlineStore
    {
        private readonly List<(string Cycle, string Period, string Text, string By, DateTimeOffset At)> _rows = [];

        public IEnumerable<(string Cycle, string Period, string By, DateTimeOffset At)> Added => _rows.Select(r => (r.Cycle, r.Period, r.By, r.At));

        public Task<IReadOnlyList<string>> ListAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<string>>([.. _rows.Where(r => r.Cycle == cycleKey && r.Period == periodKey).Select(r => r.Text)]);

        public Task AddAsync(string cycleKey, string periodKey, string text, string by, DateTimeOffset at, CancellationToken cancellationToken = default)
        {
            _rows.Add((cycleKey, periodKey, text, by, at));
            return Task.CompletedTask;
        }

        public Task ClearAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default)
        {
            _rows.RemoveAll(r => r.Cycle == cycleKey && r.Period == periodKey);
            return Task.CompletedTask;
        }
    }
}
