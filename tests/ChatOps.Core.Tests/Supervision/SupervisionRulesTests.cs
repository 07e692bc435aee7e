using ChatOps.Core.Organization;
using ChatOps.Core.Supervision;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ChatOps.Core.Tests.Supervision;

/// <summary>The pure rules of problem lists: rates against milestones, reading spreadsheets and dates, keeping reporters from units.</summary>
public sealed class SupervisionRulesTests
{
    private static readonly DirectorySnapshot Directory = new(
        [new Unit("a", "文山市", UnitKind.County, null, false, 1), new Unit("b", "砚山县", UnitKind.County, null, false, 2)], [], []);

    private static readonly RateMilestone[] Seed002 =
        [new(new DateOnly(2026, 5, 31), 90), new(new DateOnly(2026, 6, 30), 95), new(new DateOnly(2026, 7, 31), 98), new(new DateOnly(2026, 8, 31), 100)];

    [Fact]
    public void Rates_AgainstTheMilestoneInForce_FlagsCountiesBehind()
    {
        var problems = Items("a", total: 10, closed: 9).Concat(Items("b", total: 10, closed: 8)).ToList();

        var rates = SupervisionService.Rates(problems, Seed002, Directory, new DateOnly(2026, 6, 10));

        Assert.Equal(["a", "b"], rates.Select(r => r.UnitCode));
        Assert.Equal(90m, rates[0].Percent);
        Assert.False(rates[0].Behind); // 90 % meets the end-of-May target
        Assert.True(rates[1].Behind);
        Assert.Equal(new RateMilestone(new DateOnly(2026, 5, 31), 90), rates[1].Milestone);
        Assert.Equal(new RateMilestone(new DateOnly(2026, 6, 30), 95), rates[1].Next);
    }

    [Fact]
    public void Rates_OnTheMilestoneDay_UsesItsTarget_AndBeforeAnyMilestone_NobodyIsBehind()
    {
        var problems = Items("a", total: 20, closed: 18).ToList();

        Assert.True(SupervisionService.Rates(problems, Seed002, Directory, new DateOnly(2026, 6, 30)).Single().Behind); // 90 % < 95 %
        Assert.False(SupervisionService.Rates(problems, Seed002, Directory, new DateOnly(2026, 5, 1)).Single().Behind);
        Assert.Equal(2, SupervisionService.Rates(problems, Seed002, Directory, new DateOnly(2026, 9, 1)).Single().Overdue); // the 2 open ones, due 15 June
    }

    [Fact]
    public void ForUnits_DropsTheReporter()
    {
        var complaint = Items("a", 1, 0).Single() with { Kind = SupervisionKind.Complaint, ReporterName = "张晓梅", ReporterContact = "13912345678" };

        var shown = complaint.ForUnits();

        Assert.Null(shown.ReporterName);
        Assert.Null(shown.ReporterContact);
        Assert.DoesNotContain("张晓梅", SupervisionText.Detail(shown, "文山市", [], p => p, showReporter: true), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-06-30", 2026, 6, 30)]
    [InlineData("2026/6/30", 2026, 6, 30)]
    [InlineData("2026年6月30日", 2026, 6, 30)]
    [InlineData("6月30日", 2026, 6, 30)]
    [InlineData("２０２６－０６－３０", 2026, 6, 30)]
    public void Dates_AsOfficesWriteThem(string text, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), SupervisionDates.Parse(text, 2026));

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("下个月")]
    [InlineData("")]
    public void Dates_Invalid_AreNull(string text) => Assert.Null(SupervisionDates.Parse(text, 2026));

    [Fact]
    public async Task ProblemFile_Xlsx_ReadsRowsWithTheirLines_AndExcelDateCells()
    {
        var path = Path.Combine(Path.GetTempPath(), $"problems-{Guid.NewGuid():N}.xlsx");
        WriteXlsx(path,
            ["县（市、区）", "点位", "问题描述", "责任单位", "整改时限", "问题来源"],
            ["文山市", "城北农贸市场", "活禽宰杀区未隔离", "市场监管局", new DateTime(2026, 6, 30).ToOADate(), "省督查组"],
            [],
            ["砚山县", null, "公厕无洗手设施", null, "2026-07-15", null]);
        try
        {
            var (rows, errors) = await ProblemFile.ReadAsync(path, "督查检查", TestContext.Current.CancellationToken);

            Assert.Empty(errors);
            Assert.Equal(2, rows.Count);
            Assert.Equal(2, rows[0].Line);
            Assert.Equal("城北农贸市场", rows[0].Place);
            Assert.Equal(new DateOnly(2026, 6, 30), SupervisionDates.Parse(rows[0].Deadline, 2026));
            Assert.Equal(4, rows[1].Line);
            Assert.Null(rows[1].Place);
            Assert.Equal("督查检查", rows[1].Source);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ProblemFile_MissingColumn_IsNamedWithTheHeaderLine()
    {
        var (rows, errors) = ProblemFile.ToDrafts([(1, ["点位", "问题描述"]), (2, ["x", "y"])], "暗访");

        Assert.Empty(rows);
        Assert.Equal(["第 1 行：缺少“县（市、区）”列。", "第 1 行：缺少“整改时限”列。"], errors);
    }

    private static IEnumerable<SupervisionItem> Items(string unit, int total, int closed) =>
        Enumerable.Range(0, total).Select(i => new SupervisionItem(i + 1, SupervisionKind.Problem, unit, null, "问题", null, new DateOnly(2026, 6, 15), "暗访",
            null, null, null, null, i < closed ? ItemStatus.Closed : ItemStatus.Open, null, null, 0, null, "office", DateTimeOffset.UnixEpoch, null, null,
            DateTimeOffset.UnixEpoch));

    private static void WriteXlsx(string path, params object?[][] rows)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var sheetPart = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        for (var r = 0; r < rows.Length; r++)
        {
            if (rows[r].Length == 0)
            {
                continue; // an empty line in the sheet: no row element, as Excel writes it
            }

            var row = new Row { RowIndex = (uint)(r + 1) };
            for (var c = 0; c < rows[r].Length; c++)
            {
                var reference = $"{(char)('A' + c)}{r + 1}";
                switch (rows[r][c])
                {
                    case null:
                        break;
                    case double number:
                        row.Append(new Cell { CellReference = reference, CellValue = new CellValue(number), DataType = CellValues.Number });
                        break;
                    case var text:
                        row.Append(new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text.ToString()!)) });
                        break;
                }
            }

            data.Append(row);
        }

        sheetPart.Worksheet = new Worksheet(data);
        var sheets = workbook.Workbook.AppendChild(new Sheets());
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "问题清单" });
    }
}
