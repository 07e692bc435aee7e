using System.Globalization;
using BenchmarkDotNet.Attributes;
using ChatOps.Core.Bulletins;
using ChatOps.Core.Calendar;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports;

namespace ChatOps.Benchmarks;

/// <summary>
/// The weekly bulletin of a large office: 500 or 5,000 member units (half provincial departments, half prefectures, all covered
/// by the weekly cycle), each with a report of 5 progress items of about 60 characters; 5% of the reports are late
/// and 5% still wait for review (so they count as missing). Measures compiling the bulletin from the directory and
/// the reports, and rendering it to Word (.docx) and Markdown.
/// </summary>
[MemoryDiagnoser]
public class BulletinBenchmarks
{
    /// <summary>Number of member units: a large office, and a province-wide bulletin whose items number past 一千.</summary>
    [Params(500, 5000)]
    public int Units { get; set; }

    /// <summary>Progress items per report.</summary>
    public const int ItemsPerReport = 5;

    private static readonly string[] Openings =
    [
        "召开专题会议研究部署", "组织开展专项督查检查", "印发工作方案并明确责任分工", "深入开展集中整治行动", "开展暗访评估和问题整改",
    ];

    private static readonly string[] Subjects =
    [
        "农贸市场环境卫生", "城乡生活垃圾处理", "农村厕所革命", "餐饮服务单位卫生", "病媒生物防制", "公共场所消毒",
    ];

    private ReportCycle _cycle = null!;
    private ReportPeriod _period = null!;
    private DirectorySnapshot _directory = null!;
    private List<Report> _reports = null!;
    private IReadOnlyList<string> _headlines = null!;
    private Bulletin _bulletin = null!;

    [GlobalSetup]
    public void Setup()
    {
        _cycle = ReportCatalog.Weekly;
        _period = new PeriodCalculator(WorkCalendar.LoadDefault()).Find(_cycle.Definition, "2026-W48")!;
        var units = Enumerable.Range(0, Units)
            .Select(i => i < Units / 2
                ? new Unit($"p{i:0000}", $"省直第{i + 1}厅", UnitKind.ProvincialDepartment, null, i % 20 == 0, i)
                : new Unit($"f{i:0000}", $"第{i + 1}州", UnitKind.Prefecture, null, i % 20 == 0, i))
            .ToList();
        _directory = new DirectorySnapshot(units, [], []);

        var submittedAt = new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.Zero);
        _reports = units.Select((unit, i) => new Report(
                i + 1,
                _cycle.Key,
                _period.Key,
                unit.Code,
                i % 20 == 0 ? ReportStatus.PendingReview : ReportStatus.Submitted,
                unit.Code + ".lly",
                new Dictionary<string, IReadOnlyList<string>>
                {
                    ["progress"] = [.. Enumerable.Range(0, ItemsPerReport).Select(n => Item(unit, i, n))],
                    ["problems"] = ["无"],
                    ["plan"] = ["继续推进各项工作。"],
                },
                submittedAt,
                submittedAt,
                submittedAt,
                IsLate: i % 20 == 1))
            .ToList();
        _headlines = ["11月20日，省政府副秘书长主持召开专题会议，研究部署爱国卫生“7个专项行动”下一阶段重点工作。"];
        _bulletin = Compile();
    }

    [Benchmark]
    public Bulletin Compile() => BulletinCompiler.Compile(
        _cycle, _period, "云南省推进爱国卫生“7个专项行动”领导小组办公室", new DateOnly(2026, 11, 27), _directory, _reports, _headlines, "第48期");

    [Benchmark]
    public byte[] RenderDocx() => BulletinDocxRenderer.RenderToArray(_bulletin);

    [Benchmark]
    public string RenderMarkdown() => BulletinMarkdownRenderer.Render(_bulletin);

    [Benchmark]
    public int CompileAndRenderBoth()
    {
        var bulletin = Compile();
        return BulletinDocxRenderer.RenderToArray(bulletin).Length + BulletinMarkdownRenderer.Render(bulletin).Length;
    }

    private static string Item(Unit unit, int unitIndex, int itemIndex) => string.Create(
        CultureInfo.InvariantCulture,
        $"11月{20 + itemIndex}日，{unit.Name}{Openings[itemIndex % Openings.Length]}{Subjects[(unitIndex + itemIndex) % Subjects.Length]}工作，" +
        $"检查点位{10 + unitIndex % 40}个，发现问题{unitIndex % 7 + itemIndex}个，已整改{unitIndex % 7}个，持续巩固提升整治成效。");
}
