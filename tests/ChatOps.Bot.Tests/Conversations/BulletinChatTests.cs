using ChatOps.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.Conversations;

/// <summary>Office staff ask the bot for the bulletin in chat.</summary>
public sealed class BulletinChatTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 10, 30, 0, TimeSpan.FromHours(8));
    private ChatHarness _chat = null!;

    public async ValueTask InitializeAsync() => _chat = await ChatHarness.StartAsync(Wednesday);

    public async ValueTask DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task OfficeAsksAfterTheDeadline_GetsStatisticsAndTheBulletinWithTheSubmittedItems()
    {
        var liaison = _chat.As("fgw.lly");
        await liaison.SaysAsync("填报");
        await liaison.SaysAsync("1");
        await liaison.SaysAsync("7月16日，召开城镇生活垃圾处理专题培训");
        await liaison.PressesAsync("完成");
        await liaison.SaysAsync("无");
        await liaison.SaysAsync("继续推进");
        await liaison.PressesAsync("跳过");
        await liaison.PressesAsync("跳过");
        await liaison.PressesAsync("提交");
        _chat.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 18, 0, 0, TimeSpan.FromHours(8)));

        var answer = await _chat.As("office.clerk1").SaysAsync("专报");

        answer.Shows("2026年第48周（11月20日至11月26日）周报：应报 45 个单位，按时报送 1 个，迟报 0 个，未报送 44 个；", "未报送：省委宣传部（省文明办）",
            "工作专报 Word 文件及全文如下。", "工作专报 Word 文件（根据报送情况生成，尚未签发）：",
            "二、省直部门推进情况", "（一）", "省发展改革委", "召开城镇生活垃圾处理专题培训", "三、州市县区推进情况", "（本期无）")
            .DoesNotShow("bulletin --cycle").DoesNotShow("管理台");
        Assert.All(answer.Items, i => Assert.True(System.Text.Encoding.UTF8.GetByteCount(i.Message.Text) <= 4096));
    }

    [Fact]
    public async Task NamedPeriod_AndBadPeriod()
    {
        var clerk = _chat.As("office.clerk1");

        (await clerk.SaysAsync("专报 2026-W40")).Shows("2026年第40—41周（9月25日至10月8日）周报：应报 45 个单位");
        (await clerk.SaysAsync("专报 2026-X1")).Shows("2026-X1");
    }

    [Fact]
    public async Task NotOfficeStaff_IsRefused()
    {
        var refused = await _chat.As("fgw.lly").SaysAsync("专报");

        refused.Shows("工作专报由领导小组办公室编发，仅限办公室人员查阅。");
        Assert.All(refused.Items, i => Assert.Null(i.Message.File));
    }

    [Fact]
    public async Task Office_GetsTheWordFile_AsAStoredReference_AndItsLinkWorksOnlyForThemAndOnlyForAWhile()
    {
        _chat.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 18, 0, 0, TimeSpan.FromHours(8)));

        var answer = await _chat.As("office.clerk1").SaysAsync("专报");

        var item = Assert.Single(answer.Items, i => i.Message.File is not null);
        var file = item.Message.File!;
        Assert.EndsWith(".docx", file.Name, StringComparison.Ordinal);
        Assert.StartsWith("工作专报 2026年第48周", file.Name, StringComparison.Ordinal);
        Assert.Equal(OutboundFiles.DocxContentType, file.ContentType);
        Assert.Contains(file.Name, item.Message.Text, StringComparison.Ordinal);
        var files = _chat.Services.GetRequiredService<OutboundFiles>();
        var stored = await files.FindAsync(file);
        Assert.NotNull(stored);
        var content = Assert.IsType<byte[]>(await files.ReadAsync(stored));
        Assert.Equal(file.Size, stored.Size);
        Assert.Equal(file.Size, content.LongLength);
        Assert.Equal("PK"u8.ToArray(), content[..2]);
        Assert.Equal("office.clerk1", stored.PersonId);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(ChatOpsJson.Serialize(item.Message)) < 1024, "the outbox row carries the reference, not the bytes");

        var link = new Uri(Assert.IsType<string>(await files.LinkAsync(file, "office.clerk1", "http://127.0.0.1")));
        var q = System.Web.HttpUtility.ParseQueryString(link.Query);
        var expires = long.Parse(q["e"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(FileRefusal.None, (await files.OpenAsync(file.Id, q["p"], expires, q["s"])).Refusal);
        Assert.Equal(FileRefusal.BadSignature, (await files.OpenAsync(file.Id, "office.clerk2", expires, q["s"])).Refusal);
        Assert.Equal(FileRefusal.BadSignature, (await files.OpenAsync(file.Id, q["p"], expires + 3600, q["s"])).Refusal);
        Assert.Equal(FileRefusal.NotFound, (await files.OpenAsync("0123456789abcdef0123456789abcdef", q["p"], expires, q["s"])).Refusal);

        // A link signed for someone the bulletin's rule does not allow (a liaison) is refused at download.
        var liaisonLink = new Uri(Assert.IsType<string>(await files.LinkAsync(file, "fgw.lly", "http://127.0.0.1")));
        var lq = System.Web.HttpUtility.ParseQueryString(liaisonLink.Query);
        Assert.Equal(FileRefusal.NotAllowed, (await files.OpenAsync(file.Id, lq["p"], long.Parse(lq["e"]!, System.Globalization.CultureInfo.InvariantCulture), lq["s"])).Refusal);

        _chat.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        Assert.Equal(FileRefusal.Expired, (await files.OpenAsync(file.Id, q["p"], expires, q["s"])).Refusal);
    }

    [Fact]
    public async Task OfficeStaffWhoLeaveTheOffice_CannotOpenTheirOwnValidLink()
    {
        _chat.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 18, 0, 0, TimeSpan.FromHours(8)));
        var file = Assert.Single((await _chat.As("office.clerk1").SaysAsync("专报")).Items, i => i.Message.File is not null).Message.File!;
        var files = _chat.Services.GetRequiredService<OutboundFiles>();
        var q = System.Web.HttpUtility.ParseQueryString(new Uri(Assert.IsType<string>(await files.LinkAsync(file, "office.clerk1", "http://127.0.0.1"))).Query);
        var expires = long.Parse(q["e"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(FileRefusal.None, (await files.OpenAsync(file.Id, q["p"], expires, q["s"])).Refusal);

        await LeaveTheOfficeAsync(_chat.Services, "office.clerk1", _chat.Clock.GetUtcNow());

        var (opened, content, refusal) = await files.OpenAsync(file.Id, q["p"], expires, q["s"]);
        Assert.Equal(FileRefusal.NotAllowed, refusal);
        Assert.Equal(file.Id, opened?.Id); // the details, for the refusal's audit line
        Assert.Null(content);
    }

    [Fact]
    public async Task AFileOfAKindWithoutADownloadRule_IsNotStored_AndOneStoredBeforeItsRuleWentIsNotServed()
    {
        var files = _chat.Services.GetRequiredService<OutboundFiles>();
        var units = _chat.Services.GetRequiredService<IUnitOfWorkFactory>();
        await using (var work = await units.BeginAsync())
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                files.StoreAsync(work, "unregistered", "office.clerk1", "a.txt", "text/plain", "hello"u8.ToArray()));
            Assert.Contains("'unregistered'", refused.Message, StringComparison.Ordinal);
        }

        var stored = new StoredFile("0123456789abcdef0123456789abcdef", "unregistered", "office.clerk1", "a.txt", "text/plain", 5,
            Convert.ToBase64String(new byte[32]), _chat.Clock.GetUtcNow());
        await using (var work = await units.BeginAsync())
        {
            await _chat.Services.GetRequiredService<IOutboundFileStore>().SaveAsync(work, stored, "hello"u8.ToArray());
            await work.CommitAsync();
        }

        var q = System.Web.HttpUtility.ParseQueryString(new Uri(Assert.IsType<string>(await files.LinkAsync(stored.Reference, "office.clerk1", "http://127.0.0.1"))).Query);
        var (_, content, refusal) = await files.OpenAsync(stored.Id, q["p"], long.Parse(q["e"]!, System.Globalization.CultureInfo.InvariantCulture), q["s"]);
        Assert.Equal(FileRefusal.NotAllowed, refusal);
        Assert.Null(content);
    }

    /// <summary>Changes the directory so <paramref name="personId"/> is no longer office staff.</summary>
    internal static async Task LeaveTheOfficeAsync(IServiceProvider services, string personId, DateTimeOffset at)
    {
        var directory = services.GetRequiredService<Core.Organization.IDirectoryRepository>();
        var person = Assert.IsType<Core.Organization.Person>(await directory.FindPersonAsync(personId));
        Assert.True(person.Roles.HasFlag(Core.Organization.Roles.OfficeStaff));
        var moved = person with { Roles = person.Roles & ~Core.Organization.Roles.OfficeStaff };
        await directory.ApplyAsync(new Core.Organization.DirectoryChanges([], [], [moved], [], [], [], [], 0, 0, 0), "test", "left the office", at);
        Assert.False((await directory.FindPersonAsync(personId))!.Roles.HasFlag(Core.Organization.Roles.OfficeStaff));
    }

    [Fact]
    public async Task SentFiles_AreDeletedAWeekAfterTheirLinksExpired_NotBefore()
    {
        _chat.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 18, 0, 0, TimeSpan.FromHours(8)));
        var file = Assert.Single((await _chat.As("office.clerk1").SaysAsync("专报")).Items, i => i.Message.File is not null).Message.File!;
        var files = _chat.Services.GetRequiredService<OutboundFiles>();
        var purge = _chat.Services.GetServices<IDueWork>().OfType<OutboundFilePurge>().Single();

        // Links last 3 days; the file stays 7 more (a message held back while a channel was misconfigured still finds it).
        _chat.Clock.Advance(TimeSpan.FromDays(10) - TimeSpan.FromMinutes(1));
        await purge.RunDueAsync(_chat.Clock.GetUtcNow(), TestContext.Current.CancellationToken);
        Assert.NotNull(await files.FindAsync(file));

        _chat.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1)); // the purge looks at most once an hour
        await purge.RunDueAsync(_chat.Clock.GetUtcNow(), TestContext.Current.CancellationToken);
        Assert.Null(await files.FindAsync(file));
    }
}
