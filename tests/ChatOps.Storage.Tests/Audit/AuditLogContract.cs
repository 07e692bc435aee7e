using ChatOps.Core.Audit;
using ChatOps.Storage.Audit;
using ChatOps.Storage.Conversations;

namespace ChatOps.Storage.Tests.Audit;

/// <summary>The audit log's behaviour on every provider: a line commits with its unit of work, and filters narrow the list.</summary>
public abstract class AuditLogContract<TProvider> : ProviderContract<TProvider>
    where TProvider : ITestProvider
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 1, 0, 0, TimeSpan.Zero);

    private async Task AppendAsync(bool commit, params AuditEntry[] entries)
    {
        await using var work = await new EngineStore(Db.Database).BeginAsync(Ct);
        foreach (var e in entries)
        {
            await work.Audit.AppendAsync(e, Ct);
        }

        if (commit)
        {
            await work.CommitAsync(Ct);
        }
    }

    private AuditQuery Query => new(Db.Database);

    [Fact]
    public async Task AppendAsync_WithoutCommit_LeavesNoLine()
    {
        await AppendAsync(false, AuditEntry.Of(T0, "clerk", "report.approve", "report:1", "", "cli"));

        Assert.Empty(await Query.ListAsync(new AuditFilter(), Ct));
    }

    [Fact]
    public async Task ListAsync_Filters_NewestFirst_AndPages()
    {
        await AppendAsync(true,
            AuditEntry.Of(T0, "clerk", "report.approve", "report:1", "代为审核", "console 10.0.0.1"),
            AuditEntry.Of(T0.AddHours(1), "li", "report.submit", "report:1", "", "chat:wecom"),
            AuditEntry.Of(T0.AddHours(2), "clerk", "circular.issue", "circular:7", "云爱卫专项办〔2026〕3号", "console 10.0.0.1"),
            AuditEntry.Of(T0.AddDays(2), "clerk", "report.return", "report:2", new string('长', 3000), "cli"));

        var all = await Query.ListAsync(new AuditFilter(), Ct);
        Assert.Equal(["report.return", "circular.issue", "report.submit", "report.approve"], all.Select(e => e.Action));
        Assert.Equal(2000, all[0].Detail.Length);
        Assert.Equal(T0.AddHours(2), all[1].At);
        Assert.Equal("console 10.0.0.1", all[1].Source);

        Assert.Equal(3, (await Query.ListAsync(new AuditFilter(ActorId: "clerk"), Ct)).Count);
        Assert.Equal(["report.return", "report.approve"], (await Query.ListAsync(new AuditFilter(ActionPrefix: "report.", ActorId: "clerk"), Ct)).Select(e => e.Action));
        Assert.Equal(2, (await Query.ListAsync(new AuditFilter(Subject: "report:1"), Ct)).Count);
        Assert.Equal(3, (await Query.ListAsync(new AuditFilter(From: T0, To: T0.AddDays(1)), Ct)).Count);

        var page1 = await Query.ListAsync(new AuditFilter(Limit: 2), Ct);
        var page2 = await Query.ListAsync(new AuditFilter(Limit: 2, BeforeId: page1[^1].Id), Ct);
        Assert.Equal(["report.submit", "report.approve"], page2.Select(e => e.Action));
    }
}

public sealed class SqliteAuditLogTests : AuditLogContract<OnSqlite>;

public sealed class SqlServerAuditLogTests : AuditLogContract<OnSqlServer>;

public sealed class PostgreSqlAuditLogTests : AuditLogContract<OnPostgreSql>;
