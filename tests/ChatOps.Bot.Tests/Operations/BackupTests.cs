using ChatOps.Core.Conversations;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.Operations;

/// <summary>The backup verb: SQLite's online backup taken by a separate process while the host keeps writing.</summary>
public class BackupTests
{
    [Fact]
    public async Task Backup_WhileTheHostWrites_CopyOpensAndHoldsEveryRowCommittedBefore()
    {
        await using var host = new BotHost();
        _ = host.CreateClient();
        var inbox = host.Services.GetRequiredService<IInbox>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var written = 0;
        var writer = Task.Run(
            async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref written);
                await inbox.AcceptAsync(new InboundMessage("local", $"backup-test-{n}", "fgw.lly", $"消息{n}", null, null, DateTimeOffset.UtcNow), "fgw.lly", CancellationToken.None);
            }
        },
            TestContext.Current.CancellationToken);
        while (Volatile.Read(ref written) < 50)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        var before = await CountAsync(host.DatabaseFile);
        var result = await BotProcess.RunAsync(host.DataFolder, "backup", "copy/chatops-backup.db", $"--Storage:DataFolder={host.DataFolder}");
        var duringBackup = Volatile.Read(ref written);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await writer;

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        Assert.Contains("完整性检查通过", result.Output, StringComparison.Ordinal);
        Assert.True(Volatile.Read(ref written) > duringBackup, "the host kept writing after the backup");
        var copy = Path.Combine(host.DataFolder, "copy", "chatops-backup.db");
        var copied = await CountAsync(copy);
        Assert.InRange(copied, before, duringBackup);
        await using var c = new SqliteConnection($"Data Source={copy};Mode=ReadOnly;Pooling=false");
        Assert.Equal("delete", await c.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.True(await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM units") > 0, "the directory is in the copy");
    }

    [Fact]
    public async Task Backup_TargetExists_RefusesAndKeepsIt()
    {
        await using var host = new BotHost();
        _ = host.CreateClient();
        var target = Path.Combine(host.DataFolder, "exists.db");
        await File.WriteAllTextAsync(target, "keep", TestContext.Current.CancellationToken);

        var result = await BotProcess.RunAsync(host.DataFolder, "backup", "exists.db", $"--Storage:DataFolder={host.DataFolder}");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already exists", result.Error, StringComparison.Ordinal);
        Assert.Equal("keep", await File.ReadAllTextAsync(target, TestContext.Current.CancellationToken));
    }

    private static async Task<int> CountAsync(string file)
    {
        await using var c = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=false");
        return await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM inbox WHERE dedupe_key LIKE 'backup-test-%'");
    }
}
