using ChatOps.Core.Attachments;
using ChatOps.Core.Organization;
using ChatOps.Storage.Attachments;
using ChatOps.Storage.Conversations;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOps.Storage.Tests.Attachments;

/// <summary>
/// <see cref="AttachmentPurge"/> over the SQLite <see cref="AttachmentRepository"/> on a real file: files received but
/// linked to nothing lose their bytes after seven days; linked ones, recent ones and refusals are untouched; a retried
/// delivery of a purged file still stores nothing.
/// </summary>
public sealed class AttachmentPurgeTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
    private TestDatabase? _db;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.SqliteAsync();

    public async ValueTask DisposeAsync() => await _db!.DisposeAsync();

    [Fact]
    public async Task UnlinkedFilesOlderThanSevenDays_AreDeleted_OthersKept_AndTheDueWorkLooksHourly()
    {
        var ct = TestContext.Current.CancellationToken;
        var repository = new AttachmentRepository(_db!.Database);
        var cancelledDraft = await AddAsync(repository, "cancelled", Now - TimeSpan.FromDays(8));
        var linked = await AddAsync(repository, "linked", Now - TimeSpan.FromDays(30));
        var recent = await AddAsync(repository, "recent", Now - TimeSpan.FromDays(7) + TimeSpan.FromMinutes(30));
        Assert.True(await repository.AddAsync(Row("refused", Now - TimeSpan.FromDays(9)) with { Status = AttachmentStatus.Refused, Refusal = AttachmentRefusal.TooLarge },
            null, ct));
        await using (var work = await new EngineStore(_db.Database).BeginAsync(ct))
        {
            await new AttachmentStoreFactory().For(work).LinkAsync(linked, AttachmentOwners.Report, 1, "wjw.lly", Now - TimeSpan.FromDays(29), ct);
            await work.CommitAsync(ct);
        }

        var purge = new AttachmentPurge(repository, NullLogger<AttachmentPurge>.Instance);
        Assert.Equal(0, await purge.RunDueAsync(Now, ct));

        Assert.Equal(("Deleted", 0L), await StateAsync(cancelledDraft));
        Assert.Equal(("Stored", 1L), await StateAsync(linked));
        Assert.Equal(("Stored", 1L), await StateAsync(recent));
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM attachments WHERE status = 'Refused'"));
        Assert.Null(await repository.ReadContentAsync(cancelledDraft, ct));
        Assert.False(await repository.AddAsync(Row("cancelled", Now), [1, 2, 3], ct)); // a late retry of the message stores nothing

        // The recent one turns seven days old half an hour later: within the hour the purge does not look again, after it it goes.
        await purge.RunDueAsync(Now + TimeSpan.FromMinutes(59), ct);
        Assert.Equal(("Stored", 1L), await StateAsync(recent));
        await purge.RunDueAsync(Now + TimeSpan.FromHours(1), ct);
        Assert.Equal(("Deleted", 0L), await StateAsync(recent));
        Assert.Equal(("Stored", 1L), await StateAsync(linked));
    }

    private static StoredAttachment Row(string key, DateTimeOffset at) =>
        new(0, "wecom:" + key + ":0", ChannelNames.WeCom, "wjw.lly", key + ".jpg", "image/jpeg", 3, AttachmentStatus.Stored, null, null, null, null, at);

    private async Task<long> AddAsync(AttachmentRepository repository, string key, DateTimeOffset at)
    {
        Assert.True(await repository.AddAsync(Row(key, at), [0xFF, 0xD8, 0xFF], TestContext.Current.CancellationToken));
        return (await repository.FindByKeyAsync(Row(key, at).IntakeKey, TestContext.Current.CancellationToken))!.Id;
    }

    private async Task<(string Status, long Contents)> StateAsync(long id)
    {
        await using var c = await _db!.Database.OpenAsync(TestContext.Current.CancellationToken);
        return await c.QuerySingleAsync<(string, long)>(
            "SELECT status, (SELECT COUNT(*) FROM attachment_contents WHERE attachment_id = @Id) FROM attachments WHERE id = @Id", new { Id = id });
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var c = await _db!.Database.OpenAsync(TestContext.Current.CancellationToken);
        return await c.ExecuteScalarAsync<long>(sql);
    }
}
