using System.Text;
using ChatOps.Core.Organization;

namespace ChatOps.Core.Tests.Organization;

public class DirectoryFileTests
{
    private const string GoodYaml = """
        units:
          - code: wjw
            name: 省卫生健康委
            kind: 省直部门
            review: true
          - code: "530100"
            name: 昆明市
            kind: 州市
          - code: "530124"
            name: 富民县
            kind: 县区
            parent: "530100"
        people:
          - id: li
            name: 李明
            unit: wjw
            roles: [联络员]
            phone: "13800000001"
            wecom: liming
          - id: wang
            name: 王芳
            unit: wjw
            roles: [分管领导]
          - id: km
            name: 赵强
            unit: "530100"
            roles: liaison
            botframework: 29:abc
          - id: fm
            name: 钱多
            unit: "530124"
            roles: [联络员, 主持人]
          - id: clerk
            name: 孙丽
            roles: [办公室]
        groups:
          - code: all
            name: 联络员群
            kind: wecom-appchat
            address: wrAAA
            members: [li, km]
        """;

    [Fact]
    public void Read_GoodYaml_ReturnsSnapshotWithEveryField()
    {
        var result = ReadYaml(GoodYaml);

        Assert.Empty(result.Errors);
        var s = result.Snapshot!;
        Assert.Equal(["wjw", "530100", "530124"], s.Units.Select(u => u.Code));
        Assert.True(s.Units[0].RequiresReview);
        Assert.Equal(UnitKind.County, s.Units[2].Kind);
        Assert.Equal("530100", s.Units[2].ParentCode);
        var li = s.People.Single(p => p.Id == "li");
        Assert.Equal(Roles.Liaison, li.Roles);
        Assert.Equal("liming", li.IdentityOn(ChannelNames.WeCom));
        Assert.Equal("13800000001", li.Phone);
        Assert.Equal(Roles.Liaison | Roles.MeetingHost, s.People.Single(p => p.Id == "fm").Roles);
        Assert.Equal("29:abc", s.People.Single(p => p.Id == "km").IdentityOn(ChannelNames.BotFramework));
        Assert.Null(s.People.Single(p => p.Id == "clerk").UnitCode);
        Assert.Equal(["li", "km"], s.Groups.Single().MemberIds);
        Assert.Equal(new Dictionary<string, string> { ["wjw"] = "li", ["530100"] = "km", ["530124"] = "fm" }, s.LiaisonsByUnit());
    }

    [Theory]
    [InlineData("roles: [联络员]", "roles: [联络]", 17, 13, "角色“联络”无效")]
    [InlineData("kind: 州市", "kind: 城市", 8, 11, "单位类别“城市”无效")]
    [InlineData("id: wang", "id: li", 20, 9, "人员编号“li”重复")]
    [InlineData("parent: \"530100\"", "parent: \"539999\"", 12, 13, "上级单位“539999”不在名录中")]
    [InlineData("members: [li, km]", "members: [li, nobody]", 41, 19, "群成员“nobody”不在名录的人员中")]
    [InlineData("    phone: \"13800000001\"", "    phne: \"13800000001\"", 18, 5, "未知字段“phne”")]
    public void Read_BadYaml_ReportsLineColumnAndReason(string from, string to, int line, int column, string message)
    {
        var yaml = GoodYaml.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(GoodYaml, yaml);

        var result = ReadYaml(yaml);

        Assert.Null(result.Snapshot);
        var error = Assert.Single(result.Errors);
        Assert.Equal(new SourcePosition("d.yaml", line, column), error.Position);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownUnit_IsReportedAtTheField_AndItsUnitLacksALiaison()
    {
        var yaml = GoodYaml.Replace("unit: wjw\n    roles: [联络员]", "unit: nowhere\n    roles: [联络员]", StringComparison.Ordinal);

        var errors = ReadYaml(yaml).Errors;

        Assert.Equal(2, errors.Count);
        Assert.Equal(new SourcePosition("d.yaml", 2, 5), errors[0].Position);
        Assert.Contains("省卫生健康委", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(new SourcePosition("d.yaml", 16, 11), errors[1].Position);
        Assert.Contains("单位“nowhere”不在名录中", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnitWithoutLiaison_IsReportedAtTheUnit()
    {
        var yaml = GoodYaml.Replace("roles: liaison", "roles: host", StringComparison.Ordinal);

        var error = Assert.Single(ReadYaml(yaml).Errors);

        Assert.Equal(6, error.Position.Line);
        Assert.Contains("昆明市", error.Message, StringComparison.Ordinal);
        Assert.Contains("没有联络员", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TwoLiaisonsForOneUnit_IsRefused()
    {
        var yaml = GoodYaml.Replace("roles: [分管领导]", "roles: [分管领导, 联络员]", StringComparison.Ordinal);

        var error = Assert.Single(ReadYaml(yaml).Errors);

        Assert.Equal(new SourcePosition("d.yaml", 23, 12), error.Position);
        Assert.Contains("已有联络员李明", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateWeComUserid_IsRefused()
    {
        var yaml = GoodYaml.Replace("    roles: [分管领导]", "    roles: [分管领导]\n    wecom: liming", StringComparison.Ordinal);

        var error = Assert.Single(ReadYaml(yaml).Errors);

        Assert.Contains("企业微信账号“liming”重复", error.Message, StringComparison.Ordinal);
        Assert.Equal(new SourcePosition("d.yaml", 24, 12), error.Position);
    }

    [Fact]
    public void Read_BrokenYamlSyntax_ReportsPosition()
    {
        var result = ReadYaml("units:\n  - code: [a\n");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("YAML 格式错误", error.Message, StringComparison.Ordinal);
        Assert.True(error.Position.Line >= 2);
    }

    [Fact]
    public void Read_ManyBadRows_ReportsEveryError()
    {
        var yaml = GoodYaml
            .Replace("roles: [联络员]", "roles: [联络]", StringComparison.Ordinal)
            .Replace("kind: 州市", "kind: 城市", StringComparison.Ordinal)
            .Replace("members: [li, km]", "members: [li, x]", StringComparison.Ordinal);

        var result = ReadYaml(yaml);

        // Each bad row is reported once; references to a rejected row (李明 in the group, 昆明市 as 富民县's parent
        // and 赵强's unit) are not reported again.
        Assert.Equal(3, result.Errors.Count);
        Assert.Equal(result.Errors.OrderBy(e => e.Position.Line).ThenBy(e => e.Position.Column), result.Errors);
    }

    private const string GoodCsv = """
        单位代码,单位名称,单位类别,上级单位代码,上报需审核,人员编号,姓名,角色,职务,手机,企业微信账号
        wjw,省卫生健康委,省直部门,,是,li,李明,联络员,处长,13800000001,liming
        wjw,,,,,wang,王芳,分管领导,副主任,,
        530100,昆明市,州市,,否,km,赵强,联络员,,,zhaoq
        ,,,,,clerk,孙丽,办公室、主持人,,,sunli
        """;

    [Fact]
    public void Read_GoodCsv_TakesUnitsFromRows()
    {
        var result = ReadCsv(GoodCsv);

        Assert.Empty(result.Errors);
        Assert.False(result.IncludesGroups);
        var s = result.Snapshot!;
        Assert.Equal(["wjw", "530100"], s.Units.Select(u => u.Code));
        Assert.True(s.Units[0].RequiresReview);
        Assert.Equal(Roles.OfficeStaff | Roles.MeetingHost, s.People.Single(p => p.Id == "clerk").Roles);
        Assert.Equal("wjw", s.People.Single(p => p.Id == "wang").UnitCode);
    }

    [Theory]
    [InlineData("wang,王芳,分管领导", "wang,王芳,领导", 3, 8, "角色“领导”无效")]
    [InlineData("530100,昆明市,州市", "530100,昆明市,地级市", 4, 3, "单位类别“地级市”无效")]
    [InlineData("km,赵强,联络员,,,zhaoq", "km,赵强,联络员,,,liming", 4, 11, "企业微信账号“liming”重复")]
    [InlineData(",,,,,clerk", "zzz,,,,,clerk", 5, 2, "须填写单位名称")]
    [InlineData("wjw,,,,,wang", "wjw,卫健委,,,,wang", 3, 1, "与第 2 行不一致")]
    [InlineData("530100,昆明市,州市,,否", "530100,昆明市,州市,,也许", 4, 5, "应填“是”或“否”")]
    public void Read_BadCsv_ReportsLineColumnAndReason(string from, string to, int line, int column, string message)
    {
        var csv = GoodCsv.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(GoodCsv, csv);

        var result = ReadCsv(csv);

        Assert.Null(result.Snapshot);
        var error = Assert.Single(result.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(new SourcePosition("d.csv", line, column), error.Position);
    }

    [Fact]
    public void Read_CsvWithUnknownColumn_NamesIt()
    {
        var csv = GoodCsv.Replace("企业微信账号", "微信", StringComparison.Ordinal);

        var error = Assert.Single(ReadCsv(csv).Errors);

        Assert.Equal(new SourcePosition("d.csv", 1, 11), error.Position);
        Assert.Contains("未知的列“微信”", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CsvSavedByExcelInGb18030_IsDecoded()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(GoodCsv);

        var result = DirectoryFile.Read("d.csv", bytes, DirectoryFormat.Csv);

        Assert.Empty(result.Errors);
        Assert.Equal("省卫生健康委", result.Snapshot!.Units[0].Name);
    }

    [Theory]
    [InlineData("d.yaml")]
    [InlineData("d.csv")]
    public async Task WriteThenRead_RoundTripsExactly(string fileName)
    {
        var original = ReadYaml(GoodYaml).Snapshot!;
        var dir = Directory.CreateTempSubdirectory("chatops-dir-");
        var path = Path.Combine(dir.FullName, fileName);

        await DirectoryFile.WriteAsync(path, original, TestContext.Current.CancellationToken);
        var again = await DirectoryFile.ReadAsync(path, TestGroupKinds.All, TestContext.Current.CancellationToken);

        Assert.Empty(again.Errors);
        var changes = DirectoryChanges.Between(original, again.Snapshot!, includeGroups: fileName.EndsWith(".yaml", StringComparison.Ordinal));
        Assert.True(changes.IsEmpty, changes.Summary());
        dir.Delete(recursive: true);
    }

    [Fact]
    public void FormatOf_UnknownExtension_IsAClearError()
    {
        var ex = Assert.Throws<ArgumentException>(() => DirectoryFile.FormatOf("名录.xls"));
        Assert.Contains(".xls", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Xlsx_RowsAsCsv_ErrorsNameTheSheetRow()
    {
        var rows = new List<Dictionary<string, object>>
        {
            new() { ["单位代码"] = "wjw", ["单位名称"] = "省卫生健康委", ["单位类别"] = "省直部门", ["人员编号"] = "wjw.lly", ["姓名"] = "赵敏", ["角色"] = "联络员" },
            new() { ["单位代码"] = "fgw", ["单位名称"] = "省发展改革委", ["单位类别"] = "省直部门", ["人员编号"] = "fgw.lly", ["姓名"] = "宋蓉", ["角色"] = "宇航员" },
        };
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, rows);

        var bad = DirectoryFile.Read("名录.xlsx", stream.ToArray(), DirectoryFile.FormatOf("名录.xlsx"));

        Assert.False(bad.IsValid);
        Assert.Contains(bad.Errors, e => e.Position.Line == 3 && e.Message.Contains("宇航员", StringComparison.Ordinal));

        rows[1]["角色"] = "联络员";
        using var good = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(good, rows);
        var read = DirectoryFile.Read("名录.xlsx", good.ToArray(), DirectoryFormat.Xlsx);
        Assert.True(read.IsValid, string.Join("\n", read.Errors));
        Assert.Equal(["宋蓉", "赵敏"], read.Snapshot!.People.Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    internal static DirectoryReadResult ReadYaml(string yaml) =>
        DirectoryFile.Read("d.yaml", Encoding.UTF8.GetBytes(yaml), DirectoryFormat.Yaml, TestGroupKinds.All);

    private static DirectoryReadResult ReadCsv(string csv) =>
        DirectoryFile.Read("d.csv", Encoding.UTF8.GetBytes(csv), DirectoryFormat.Csv);
}
