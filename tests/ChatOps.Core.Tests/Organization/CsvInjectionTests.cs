using System.Globalization;
using System.Text;
using ChatOps.Core.Organization;
using CsvHelper;

namespace ChatOps.Core.Tests.Organization;

/// <summary>
/// OWASP CSV injection: the directory export never hands a spreadsheet a formula, and the import gives back what was
/// typed. The names are the ones found when the product was tried (issue 10, item 11).
/// </summary>
public sealed class CsvInjectionTests
{
    private static readonly string[] Formulas =
    [
        "=HYPERLINK(\"http://evil.example/\",\"宋蓉\")",
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "-2+3",
    ];

    [Fact]
    public async Task ExportDirectoryCsv_PrefixesFormulaCellsWithAQuote_AndImportReadsThemAsTyped()
    {
        var original = Snapshot();
        var dir = Directory.CreateTempSubdirectory("chatops-csv-");
        var path = Path.Combine(dir.FullName, "名录.csv");

        await DirectoryFile.WriteAsync(path, original, TestContext.Current.CancellationToken);

        // What a spreadsheet sees: every cell that began with = + - @ now begins with a single quote.
        var cells = RawCells(await File.ReadAllTextAsync(path, Encoding.UTF8, TestContext.Current.CancellationToken));
        Assert.All(Formulas, formula => Assert.Contains("'" + formula, cells));
        Assert.Contains("'+86 13800000001", cells);
        Assert.DoesNotContain(cells, cell => cell.Length > 0 && "=+-@\t\r".Contains(cell[0], StringComparison.Ordinal));
        Assert.Contains("'-", cells); // a title that is just a dash is still text

        var again = await DirectoryFile.ReadAsync(path, TestContext.Current.CancellationToken);

        Assert.Empty(again.Errors);
        var changes = DirectoryChanges.Between(original, again.Snapshot!, includeGroups: false);
        Assert.True(changes.IsEmpty, changes.Summary());
        Assert.Equal(Formulas, again.Snapshot!.People.Where(p => p.Id.StartsWith('f')).Select(p => p.Name));
        dir.Delete(recursive: true);
    }

    [Fact]
    public async Task ExportDirectoryCsv_CellsStartingWithTabOrCarriageReturn_AreQuoted()
    {
        var people = new List<Person>
        {
            new("tab", "\t=1+1", "wjw", Roles.Liaison, null, null, []),
            new("cr", "\r=1+1", null, Roles.OfficeStaff, null, null, []),
        };
        var dir = Directory.CreateTempSubdirectory("chatops-csv-");
        var path = Path.Combine(dir.FullName, "名录.csv");

        await DirectoryFile.WriteAsync(path, new DirectorySnapshot([Wjw], people, []), TestContext.Current.CancellationToken);

        var cells = RawCells(await File.ReadAllTextAsync(path, Encoding.UTF8, TestContext.Current.CancellationToken));
        Assert.Contains("'\t=1+1", cells);
        Assert.Contains("'\r=1+1", cells);
        dir.Delete(recursive: true);
    }

    [Fact]
    public void Import_AQuoteBeforeOrdinaryText_IsKept()
    {
        var csv = "单位代码,单位名称,单位类别,人员编号,姓名,角色\nwjw,省卫生健康委,省直部门,q,'老王',联络员\n";

        var result = DirectoryFile.Read("d.csv", Encoding.UTF8.GetBytes(csv), DirectoryFormat.Csv);

        Assert.Empty(result.Errors);
        Assert.Equal("'老王'", result.Snapshot!.People.Single().Name);
    }

    private static readonly Unit Wjw = new("wjw", "省卫生健康委", UnitKind.ProvincialDepartment, null, false, 1);

    private static DirectorySnapshot Snapshot() => new(
        [Wjw],
        [
            new("f0", Formulas[0], "wjw", Roles.Liaison, "-", "+86 13800000001", [new ChannelIdentity(ChannelNames.WeCom, "songrong")]),
            new("f1", Formulas[1], "wjw", Roles.ReviewingLeader, null, null, []),
            new("f2", Formulas[2], null, Roles.OfficeStaff, null, null, []),
            new("f3", Formulas[3], null, Roles.OfficeStaff, "=职务", null, []),
        ],
        []);

    /// <summary>The cells as any CSV reader (and so a spreadsheet) gets them, without the bot's own unescaping.</summary>
    private static List<string> RawCells(string text)
    {
        using var csv = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        var cells = new List<string>();
        while (csv.Read())
        {
            cells.AddRange(csv.Parser.Record ?? []);
        }

        return cells;
    }
}
