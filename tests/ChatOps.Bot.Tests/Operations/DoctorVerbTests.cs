using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOps.Bot.Tests.Operations;

/// <summary>The doctor verb run as an operator runs it: one line per finding, exit code 0 only when nothing blocks.</summary>
public class DoctorVerbTests
{
    private static readonly string Samples = Path.Combine(AppContext.BaseDirectory, "samples", "directory.yaml");

    private static async Task<string> SeededFolderAsync()
    {
        var folder = Directory.CreateTempSubdirectory("chatops-doctor-").FullName;
        var seed = await BotProcess.RunAsync(folder, "import-directory", Samples);
        Assert.Equal(0, seed.ExitCode);
        return folder;
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Doctor_SeededDatabase_NothingBlocks_ExitZero()
    {
        var folder = await SeededFolderAsync();

        var result = await BotProcess.RunAsync(folder, "doctor");

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        var lines = Lines(result.Output);
        Assert.DoesNotContain(lines, l => l.StartsWith("[阻断 FAIL]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("[正常 OK] database: 数据库（Sqlite）可连接，结构为最新", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("[正常 OK] database: 数据库可写。", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("[注意 WARN] configuration: Directory:SeedFile", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("[提示 INFO] botframework:", StringComparison.Ordinal));
        Assert.All(lines[..^1], l => Assert.Contains(" | ", l, StringComparison.Ordinal));
        Assert.StartsWith("检查完成：无阻断问题", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_BadSetting_ReportsTheKey_InsteadOfStopping_ExitOne()
    {
        var folder = await SeededFolderAsync();

        var result = await BotProcess.RunAsync(folder, "doctor", "--Office:TimeZone=Mars/Olympus");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[阻断 FAIL] configuration: 配置错误：Office:TimeZone must be an IANA time zone", result.Output, StringComparison.Ordinal);
        Assert.Contains("[正常 OK] database:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_PendingMigration_IsReportedNotApplied()
    {
        var folder = await SeededFolderAsync();
        var file = Path.Combine(folder, "data", "chatops.db");
        string last;
        await using (var c = new SqliteConnection($"Data Source={file};Pooling=false"))
        {
            last = await c.ExecuteScalarAsync<string>("SELECT MAX(ScriptName) FROM SchemaVersions") ?? "";
            await c.ExecuteAsync("DELETE FROM SchemaVersions WHERE ScriptName = @last", new { last });
        }

        var result = await BotProcess.RunAsync(folder, "doctor");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"[注意 WARN] database: 有 1 个数据库升级脚本待执行（{last.Split('.')[^2]}）", result.Output, StringComparison.Ordinal);
        await using var check = new SqliteConnection($"Data Source={file};Pooling=false");
        Assert.Equal(0, await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM SchemaVersions WHERE ScriptName = @last", new { last }));
    }

    [Fact]
    public async Task Doctor_DatabaseFromNewerVersion_Blocks()
    {
        var folder = await SeededFolderAsync();
        await using (var c = new SqliteConnection($"Data Source={Path.Combine(folder, "data", "chatops.db")};Pooling=false"))
        {
            await c.ExecuteAsync("INSERT INTO SchemaVersions (ScriptName, Applied) VALUES ('ChatOps.Storage.Migrations.Sqlite.9999_future.sql', '2030-01-01')");
        }

        var result = await BotProcess.RunAsync(folder, "doctor");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[阻断 FAIL] database: 数据库由更新版本的 ChatOps 升级过（9999_future）", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_BeforeFirstStart_SaysTheFileWillBeCreated_AndTheDirectoryIsMissing()
    {
        var folder = Directory.CreateTempSubdirectory("chatops-doctor-").FullName;

        var result = await BotProcess.RunAsync(folder, "doctor");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[注意 WARN] database: 数据库文件", result.Output, StringComparison.Ordinal);
        Assert.Contains("首次启动时将自动创建", result.Output, StringComparison.Ordinal);
        Assert.Contains("[阻断 FAIL] directory:", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "data", "chatops.db")), "the doctor creates nothing");
    }
}
