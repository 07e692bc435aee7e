namespace ChatOps.Bot.Tests;

/// <summary>A bad setting stops the host with one clear line naming the key — run as a real process, as an operator sees it.</summary>
public class StartupErrorTests
{
    [Theory]
    [InlineData("--Storage:Provider=Postgres", "Storage:Provider must be 'Sqlite', 'SqlServer' or 'PostgreSql' (got 'Postgres').")]
    [InlineData("--Storage:Provider=SqlServer", "ConnectionStrings:ChatOps is required when Storage:Provider is 'SqlServer'")]
    [InlineData("--Storage:Provider=PostgreSql", "ConnectionStrings:ChatOps is required when Storage:Provider is 'PostgreSql'")]
    [InlineData("--Office:TimeZone=Mars/Olympus", "Office:TimeZone must be an IANA time zone such as 'Asia/Shanghai' (got 'Mars/Olympus').")]
    [InlineData("--Directory:SeedFile=missing.yaml", "Directory:SeedFile names a file that does not exist")]
    [InlineData("--Attachments:FetchDeadline=00:00:00", "Attachments:FetchDeadline must be between 00:00:01 and 00:05:00 (got 00:00:00).")]
    [InlineData("--Channels:Preferred:0=wechat", "Channels:Preferred names a channel this program does not know")]
    public async Task BadSetting_StopsWithOneLineNamingTheKey(string setting, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("chatops-cfg-").FullName;

        var (exit, output, error) = await BotProcess.RunAsync(folder, setting, $"--Storage:DataFolder={folder}/data", "--urls=http://127.0.0.1:0");

        Assert.Equal(3, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("chatops: configuration error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "data")), "nothing is created when the settings are wrong");
    }

    [Fact]
    public async Task UnreachableDatabase_StopsWithOneLine()
    {
        var blocker = Path.GetTempFileName();

        var (exit, _, error) = await BotProcess.RunAsync(Path.GetTempPath(), $"--Storage:DataFolder={blocker}/data", "--urls=http://127.0.0.1:0");

        Assert.Equal(3, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("chatops: database error: The SQLite file", line, StringComparison.Ordinal);
    }
}
