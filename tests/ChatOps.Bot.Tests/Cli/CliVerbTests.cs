using System.Text;

namespace ChatOps.Bot.Tests.Cli;

/// <summary>The directory verbs run as the README shows them, against a fresh data folder.</summary>
public class CliVerbTests
{
    private static readonly string Samples = Path.Combine(AppContext.BaseDirectory, "samples", "directory.yaml");

    /// <summary>A fresh folder whose database holds the sample directory (verbs never seed by themselves).</summary>
    private static async Task<string> SeededFolderAsync()
    {
        var folder = Directory.CreateTempSubdirectory("chatops-cli-").FullName;
        var seed = await BotProcess.RunAsync(folder, "import-directory", Samples);
        Assert.Equal((0, ""), (seed.ExitCode, seed.Error));
        Assert.StartsWith("单位：新增 45，", seed.Output, StringComparison.Ordinal);
        return folder;
    }

    [Fact]
    public async Task ExportThenImport_CsvAndYaml_ChangeNothing()
    {
        var folder = await SeededFolderAsync();

        var export = await BotProcess.RunAsync(folder, "export-directory", "名录.csv");
        var import = await BotProcess.RunAsync(folder, "import-directory", "名录.csv");
        var exportYaml = await BotProcess.RunAsync(folder, "export-directory", "out.yaml");
        var importYaml = await BotProcess.RunAsync(folder, "import-directory", "out.yaml");

        Assert.Equal((0, ""), (export.ExitCode, export.Error));
        Assert.Contains("已导出 45 个单位", export.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "data", "chatops.db")), "the data folder is relative to where the command runs");
        Assert.Equal(0, import.ExitCode);
        Assert.Contains("名录无变化", import.Output, StringComparison.Ordinal);
        Assert.Equal(0, exportYaml.ExitCode);
        Assert.Contains("名录无变化", importYaml.Output, StringComparison.Ordinal);
        var csv = await File.ReadAllBytesAsync(Path.Combine(folder, "名录.csv"), TestContext.Current.CancellationToken);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);
    }

    [Fact]
    public async Task ImportBadFile_ListsEveryErrorAndWritesNothing()
    {
        var folder = await SeededFolderAsync();
        var yaml = (await File.ReadAllTextAsync(Samples, TestContext.Current.CancellationToken))
            .Replace("roles: [分管领导]", "roles: [分管]", StringComparison.Ordinal)
            .Replace("    name: \"省教育厅\"", "    name: \"省教育厅（改）\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(folder, "bad.yaml"), yaml, Encoding.UTF8, TestContext.Current.CancellationToken);

        var result = await BotProcess.RunAsync(folder, "import-directory", "bad.yaml");

        Assert.Equal(1, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.All(lines[..4], l => Assert.Matches(@"^bad\.yaml:\d+:\d+: 角色“分管”无效", l));
        Assert.Equal("共 4 处错误，未导入任何内容。", lines[4]);
        var export = await BotProcess.RunAsync(folder, "export-directory", "after.yaml");
        Assert.Equal(0, export.ExitCode);
        Assert.Contains("name: \"省教育厅\"", await File.ReadAllTextAsync(Path.Combine(folder, "after.yaml"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeLiaison_ThenHistory_ShowsTheFiling()
    {
        var folder = await SeededFolderAsync();

        var change = await BotProcess.RunAsync(folder, "change-liaison", "530100", "530100.fgld", "--reason", "原联络员退休", "--by", "办公室");
        var refused = await BotProcess.RunAsync(folder, "change-liaison", "530100", "wjw.lly", "--reason", "x");
        var history = await BotProcess.RunAsync(folder, "liaison-history", "530100");

        Assert.Equal(0, change.ExitCode);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("联络员须由本单位人员担任", refused.Error, StringComparison.Ordinal);
        var lines = history.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("昆明市", lines[0], StringComparison.Ordinal);
        Assert.Contains("备案人：办公室  原因：原联络员退休", lines[0], StringComparison.Ordinal);
        Assert.Contains("原因：名录导入：directory.yaml", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task NameDelegate_LetsThatPersonReport()
    {
        var folder = await SeededFolderAsync();

        var named = await BotProcess.RunAsync(folder, "name-delegate", "fgw", "office.clerk2", "--by", "办公室");
        var unknown = await BotProcess.RunAsync(folder, "name-delegate", "fgw", "ghost");

        Assert.Equal(0, named.ExitCode);
        Assert.Contains("可代省发展改革委填报", named.Output, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("人员“ghost”不在名录中", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupConversations_OnAFreshDatabase_SaysNoneYet()
    {
        var folder = await SeededFolderAsync();

        var result = await BotProcess.RunAsync(folder, "group-conversations");

        Assert.Equal((0, "机器人尚未加入任何群聊。"), (result.ExitCode, result.Output.Trim()));
    }

    [Theory]
    [InlineData("export-directory", "taken.yaml")]
    [InlineData("bulletin", "--period", "2026-W48", "--out", "taken.md")]
    [InlineData("teams-package", "--out", "taken.zip", "--domain", "bot.example.gov.cn", "--BotFramework:AppId=8f6c0e35-4a71-4d7e-9f3a-2b1c0d9e8a75", "--BotFramework:AppPassword=s")]
    public async Task FileVerbs_TheirFileCannotBeWritten_SaySoAndExitOne(params string[] args)
    {
        var folder = await SeededFolderAsync();
        var target = args.First(a => a.StartsWith("taken", StringComparison.Ordinal));
        Directory.CreateDirectory(Path.Combine(folder, target)); // a folder where the file should go: no one can write it

        var result = await BotProcess.RunAsync(folder, args);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("无法写入文件：", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(folder, target)));
    }

    [Fact]
    public async Task WrongArguments_PrintUsage()
    {
        var result = await BotProcess.RunAsync(Directory.CreateTempSubdirectory("chatops-cli-").FullName, "import-directory");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("usage: import-directory", result.Error, StringComparison.Ordinal);
    }
}
