using System.Text;
using ChatOps.Core.Organization;
using ChatOps.Storage.Conversations;
using ChatOps.Storage.Organization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.Storage.Tests.Organization;

/// <summary>
/// The directory repository's behaviour, run on every provider: <see cref="SqliteDirectoryRepositoryTests"/> always,
/// <see cref="SqlServerDirectoryRepositoryTests"/> when CHATOPS_TEST_SQLSERVER is set and
/// <see cref="PostgreSqlDirectoryRepositoryTests"/> when CHATOPS_TEST_POSTGRES is set (skipped with that reason otherwise).
/// </summary>
public abstract class DirectoryRepositoryContract<TProvider> : ProviderContract<TProvider>
    where TProvider : ITestProvider
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The WeCom app chat kind, as the WeCom channel registers it (stored as "WeComAppChat").</summary>
    private static readonly GroupKinds AppChats = new([new GroupKind(ChannelNames.WeCom, "appchat", "wecom-appchat", "企业微信群聊", "WeComAppChat")]);

    protected FakeTimeProvider Clock { get; } = new(Start);

    private protected DirectoryRepository Repository { get; private set; } = null!;

    protected DirectoryService Service { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Repository = new DirectoryRepository(Db.Database, AppChats);
        Service = new DirectoryService(Repository, new EngineStore(Db.Database), Clock, AppChats, NullLogger<DirectoryService>.Instance);
    }

    private static readonly string Sample = """
        units:
          - { code: wjw, name: 省卫生健康委, kind: 省直部门, review: true }
          - { code: "530100", name: 昆明市, kind: 州市 }
          - { code: "530124", name: 富民县, kind: 县区, parent: "530100" }
        people:
          - { id: li, name: 李明, unit: wjw, roles: [联络员], wecom: liming, phone: "13800000001", title: 处长 }
          - { id: wang, name: 王芳, unit: wjw, roles: [分管领导], wecom: wangf }
          - { id: km, name: 赵强, unit: "530100", roles: [联络员, 主持人], botframework: "29:km" }
          - { id: fm, name: 钱多, unit: "530124", roles: [联络员] }
          - { id: clerk, name: 孙丽, roles: [办公室], wecom: sunli }
        groups:
          - { code: all, name: 联络员群, kind: wecom-appchat, address: wrAAA, members: [li, km, fm] }
        """;

    private Task<DirectoryImportResult> ImportAsync(string yaml, string name = "d.yaml") =>
        Service.ImportAsync(Actor.System("tester", "test"), name, Encoding.UTF8.GetBytes(yaml), TestContext.Current.CancellationToken);

    [Fact]
    public async Task ImportAsync_FreshDatabase_StoresEverythingAndLoadsItBack()
    {
        Assert.True(await Repository.IsEmptyAsync(TestContext.Current.CancellationToken));

        var result = await ImportAsync(Sample);

        Assert.True(result.Succeeded);
        Assert.False(await Repository.IsEmptyAsync(TestContext.Current.CancellationToken));
        var loaded = await Repository.LoadAsync(TestContext.Current.CancellationToken);
        var expected = DirectoryFile.Read("d.yaml", Encoding.UTF8.GetBytes(Sample), DirectoryFormat.Yaml, AppChats).Snapshot!;
        Assert.True(DirectoryChanges.Between(loaded, expected, includeGroups: true).IsEmpty);
        Assert.Equal(["wjw", "530100", "530124"], loaded.Units.Select(u => u.Code));
        Assert.Equal("530100", loaded.Units[2].ParentCode);
        Assert.Equal(Roles.Liaison | Roles.MeetingHost, loaded.People.Single(p => p.Id == "km").Roles);
        Assert.Equal(["fm", "km", "li"], loaded.Groups.Single().MemberIds);
    }

    [Fact]
    public async Task ImportAsync_SameFileTwice_ChangesNothing()
    {
        await ImportAsync(Sample);
        var before = await Repository.ListLiaisonChangesAsync(null, TestContext.Current.CancellationToken);

        var again = await ImportAsync(Sample);

        Assert.True(again.Succeeded);
        Assert.True(again.Changes!.IsEmpty);
        Assert.Equal(before, await Repository.ListLiaisonChangesAsync(null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ImportAsync_BadFile_WritesNothing()
    {
        await ImportAsync(Sample);
        var bad = Sample.Replace("name: 王芳", "name: 王芳芳", StringComparison.Ordinal).Replace("roles: [办公室]", "roles: [秘书]", StringComparison.Ordinal);

        var result = await ImportAsync(bad);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal(10, error.Position.Line);
        Assert.Equal("王芳", (await Repository.FindPersonAsync("wang", TestContext.Current.CancellationToken))!.Name);
    }

    [Fact]
    public async Task ImportAsync_PersonLeftOut_IsDeactivatedAndCanComeBack()
    {
        await ImportAsync(Sample);
        var without = Sample.Replace("  - { id: wang, name: 王芳, unit: wjw, roles: [分管领导], wecom: wangf }\n", "", StringComparison.Ordinal);

        var result = await ImportAsync(without);

        Assert.Equal(["wang"], result.Changes!.PeopleToDeactivate);
        Assert.Null(await Repository.FindPersonAsync("wang", TestContext.Current.CancellationToken));
        Assert.Null(await Repository.FindByIdentityAsync(ChannelNames.WeCom, "wangf", TestContext.Current.CancellationToken));

        await ImportAsync(Sample);
        Assert.Equal("王芳", (await Repository.FindByIdentityAsync(ChannelNames.WeCom, "wangf", TestContext.Current.CancellationToken))!.Name);
    }

    [Fact]
    public async Task ImportAsync_UseridMovesToAnotherPerson_IsStored()
    {
        await ImportAsync(Sample);
        var moved = Sample
            .Replace("wecom: liming, ", "", StringComparison.Ordinal)
            .Replace("roles: [分管领导], wecom: wangf", "roles: [分管领导], wecom: liming", StringComparison.Ordinal);

        var result = await ImportAsync(moved);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal("wang", (await Repository.FindByIdentityAsync(ChannelNames.WeCom, "liming", TestContext.Current.CancellationToken))!.Id);
    }

    [Fact]
    public async Task Lookups_FindPeopleByIdentityRoleAndUnit()
    {
        await ImportAsync(Sample);
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal("km", (await Repository.FindByIdentityAsync(ChannelNames.BotFramework, "29:km", ct))!.Id);
        Assert.Null(await Repository.FindByIdentityAsync(ChannelNames.WeCom, "nobody", ct));
        var li = (await Repository.FindPersonAsync("li", ct))!;
        Assert.Equal(("李明", "wjw", "处长", "13800000001"), (li.Name, li.UnitCode, li.Title, li.Phone));
        Assert.Equal(["km"], (await Repository.ListByRoleAsync(Roles.MeetingHost, ct)).Select(p => p.Id));
        Assert.Equal(["fm", "km", "li"], (await Repository.ListByRoleAsync(Roles.Liaison, ct)).Select(p => p.Id));
        Assert.True((await Repository.FindUnitAsync("wjw", ct))!.RequiresReview);
        Assert.Equal("km", await Repository.FindLiaisonIdAsync("530100", ct));
        var units = (await Repository.LoadAsync(ct)).Units;
        Assert.Equal(units.Single(u => u.Code == "530124"), await Repository.FindUnitAsync("530124", ct));
        Assert.Equal([units.Single(u => u.Code == "530100")], await Repository.ListReportingUnitsAsync("km", ct));
    }

    [Fact]
    public async Task FindPerson_SeveralRolesAndIdentities_ComeBackWholeAndEachOnce()
    {
        // The look-up of every chat turn's sender reads the person, the roles and the identities in one statement, a row
        // per role and identity: the roles must come back combined and every identity once, by identity, id and role alike.
        await ImportAsync(Sample.Replace("""roles: [联络员, 主持人], botframework: "29:km" }""", """roles: [联络员, 主持人, 分管领导], wecom: zhaoq, botframework: "29:km" }""", StringComparison.Ordinal));
        var ct = TestContext.Current.CancellationToken;

        var byRole = Assert.Single(await Repository.ListByRoleAsync(Roles.MeetingHost, ct));
        foreach (var km in new[] { await Repository.FindByIdentityAsync(ChannelNames.WeCom, "zhaoq", ct), await Repository.FindPersonAsync("km", ct), byRole })
        {
            Assert.NotNull(km);
            Assert.Equal(("km", "赵强", "530100"), (km.Id, km.Name, km.UnitCode));
            Assert.Equal(Roles.Liaison | Roles.MeetingHost | Roles.ReviewingLeader, km.Roles);
            Assert.Equal([new ChannelIdentity(ChannelNames.BotFramework, "29:km"), new ChannelIdentity(ChannelNames.WeCom, "zhaoq")], km.Identities);
        }

        var fm = (await Repository.FindPersonAsync("fm", ct))!; // no identity on any channel
        Assert.Equal((Roles.Liaison, 0), (fm.Roles, fm.Identities.Count));
        Assert.Equal("km", (await Repository.FindByIdentityAsync(ChannelNames.BotFramework, "29:km", ct))!.Id);

        // Many at once (a batch's senders): in the order asked, each as often as asked, null for whom nobody has.
        var senders = await Repository.FindByIdentitiesAsync(ChannelNames.WeCom, ["zhaoq", "nobody", "liming", "zhaoq", "29:km"], ct);
        Assert.Equal(["km", null, "li", "km", null], senders.Select(p => p?.Id));
        Assert.Equal(Roles.Liaison | Roles.MeetingHost | Roles.ReviewingLeader, senders[3]!.Roles);
        Assert.Equal(2, senders[3]!.Identities.Count);
        Assert.Equal(["fm", null, "km"], (await Repository.FindPeopleAsync(["fm", "gone", "km"], ct)).Select(p => p?.Id));
        Assert.Empty(await Repository.FindPeopleAsync([], ct));
    }

    [Fact]
    public async Task ChangeLiaisonAsync_FilesTheChangeAndKeepsHistory()
    {
        await ImportAsync(Sample);
        Clock.Advance(TimeSpan.FromDays(3));
        var ct = TestContext.Current.CancellationToken;

        var change = await Service.ChangeLiaisonAsync(Actor.System("办公室孙丽", "console 10.0.0.1"), "wjw", "wang", "李明同志工作调动", ct);

        Assert.Equal(new LiaisonReplacement("wjw", "li", "wang"), change);
        Assert.Equal("wang", await Repository.FindLiaisonIdAsync("wjw", ct));
        Assert.Equal(Roles.ReviewingLeader | Roles.Liaison, (await Repository.FindPersonAsync("wang", ct))!.Roles);
        Assert.Equal(Roles.None, (await Repository.FindPersonAsync("li", ct))!.Roles);
        var history = await Repository.ListLiaisonChangesAsync("wjw", ct);
        Assert.Equal(2, history.Count);
        Assert.Equal(("li", "wang", "办公室孙丽", "李明同志工作调动"), (history[0].OldPersonId, history[0].NewPersonId, history[0].FiledBy, history[0].Reason));
        Assert.Equal(Start.AddDays(3), history[0].FiledAt);
        Assert.Equal((null, "li", "tester"), (history[1].OldPersonId, history[1].NewPersonId, history[1].FiledBy));
        Assert.Equal(Start, history[1].FiledAt);
        Assert.Equal(4, (await Repository.ListLiaisonChangesAsync(null, ct)).Count);

        // The change and its audit line were written together, with where it came from.
        var audit = await new ChatOps.Storage.Audit.AuditQuery(Db.Database).ListAsync(new Core.Audit.AuditFilter(ActionPrefix: "directory."), ct);
        Assert.Equal(
            [("directory.liaison", "办公室孙丽", "unit:wjw", "li → wang：李明同志工作调动", "console 10.0.0.1"), ("directory.import", "tester", "file:d.yaml", audit[1].Detail, "test")],
            audit.Select(a => (a.Action, a.ActorId, a.Subject, a.Detail, a.Source)));
        Assert.StartsWith("单位：新增 3", audit[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangesByAnyoneOutsideTheOffice_AreRefused_AndWriteNothing()
    {
        await ImportAsync(Sample);
        var ct = TestContext.Current.CancellationToken;
        var liaison = Actor.Of((await Repository.FindPersonAsync("li", ct))!, "chat:wecom");

        var refused = await Assert.ThrowsAsync<DirectoryException>(() => Service.ChangeLiaisonAsync(liaison, "wjw", "wang", "调整", ct));
        await Assert.ThrowsAsync<DirectoryException>(() => Service.ImportAsync(liaison, "d.yaml", Encoding.UTF8.GetBytes(Sample), ct));

        Assert.Equal(DirectoryText.OnlyOffice, refused.Message);
        Assert.Equal("li", await Repository.FindLiaisonIdAsync("wjw", ct));
        Assert.Single(await new ChatOps.Storage.Audit.AuditQuery(Db.Database).ListAsync(new Core.Audit.AuditFilter(ActionPrefix: "directory."), ct));
    }

    [Fact]
    public async Task ApplyAsync_InAUnitOfWork_RollsBackWithWhatTheCallerWroteAlongside()
    {
        await ImportAsync(Sample);
        var ct = TestContext.Current.CancellationToken;
        var current = await Repository.LoadAsync(ct);
        var renamed = current.People.Select(p => p.Id == "li" ? p with { Name = "李明明" } : p).ToList();
        var changes = DirectoryChanges.Between(current, current with { People = renamed }, includeGroups: false);

        await using (var work = await new EngineStore(Db.Database).BeginAsync(ct))
        {
            await Repository.ApplyAsync(work, changes, "x", "y", Clock.GetUtcNow(), ct);
            await work.Audit.AppendAsync(Core.Audit.AuditEntry.Of(Clock.GetUtcNow(), "x", "directory.test", "", "", "test"), ct);
        }

        Assert.Equal("李明", (await Repository.FindPersonAsync("li", ct))!.Name);
        Assert.Empty(await new ChatOps.Storage.Audit.AuditQuery(Db.Database).ListAsync(new Core.Audit.AuditFilter(ActionPrefix: "directory.test"), ct));

        await using (var work = await new EngineStore(Db.Database).BeginAsync(ct))
        {
            await Repository.ApplyAsync(work, changes, "x", "y", Clock.GetUtcNow(), ct);
            await work.CommitAsync(ct);
        }

        Assert.Equal("李明明", (await Repository.FindPersonAsync("li", ct))!.Name);
    }

    [Theory]
    [InlineData("nowhere", "wang", "单位“nowhere”不在名录中")]
    [InlineData("wjw", "ghost", "不在名录中")]
    [InlineData("wjw", "km", "赵强不属于省卫生健康委")]
    [InlineData("wjw", "li", "李明已是省卫生健康委的联络员")]
    public async Task ChangeLiaisonAsync_Refused_ChangesNothing(string unit, string person, string message)
    {
        await ImportAsync(Sample);
        var ct = TestContext.Current.CancellationToken;

        var ex = await Assert.ThrowsAsync<DirectoryException>(() => Service.ChangeLiaisonAsync(Actor.System("x", "test"), unit, person, "原因", ct));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal("li", await Repository.FindLiaisonIdAsync("wjw", ct));
        Assert.Equal(3, (await Repository.ListLiaisonChangesAsync(null, ct)).Count);
    }

    [Fact]
    public async Task ApplyAsync_FailingHalfway_RollsBackEverything()
    {
        await ImportAsync(Sample);
        var current = await Repository.LoadAsync(TestContext.Current.CancellationToken);
        var renamed = current.People.Select(p => p.Id == "li" ? p with { Name = "李明明" } : p).ToList();
        var changes = DirectoryChanges.Between(current, current with { People = renamed }, includeGroups: false);

        // A liaison pointing at a person who does not exist violates the foreign key after the rename was written.
        var broken = changes with { LiaisonChanges = [new LiaisonReplacement("wjw", "li", "ghost")] };
        await Assert.ThrowsAnyAsync<Exception>(() => Repository.ApplyAsync(broken, "x", "y", Clock.GetUtcNow(), TestContext.Current.CancellationToken));

        Assert.Equal("李明", (await Repository.FindPersonAsync("li", TestContext.Current.CancellationToken))!.Name);
        Assert.Equal("li", await Repository.FindLiaisonIdAsync("wjw", TestContext.Current.CancellationToken));
    }
}

public sealed class SqliteDirectoryRepositoryTests : DirectoryRepositoryContract<OnSqlite>;

public sealed class SqlServerDirectoryRepositoryTests : DirectoryRepositoryContract<OnSqlServer>;

public sealed class PostgreSqlDirectoryRepositoryTests : DirectoryRepositoryContract<OnPostgreSql>;
