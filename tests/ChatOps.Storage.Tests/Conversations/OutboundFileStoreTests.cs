using ChatOps.Core.Conversations;
using ChatOps.Storage.Conversations;

namespace ChatOps.Storage.Tests.Conversations;

/// <summary>
/// <see cref="OutboundFileStore"/> on a real SQLite file: a file is saved in the caller's unit of work (kept on commit,
/// gone on rollback, as the outbox row naming it), its details are looked up without the content column, and the bytes
/// are read apart.
/// </summary>
public sealed class OutboundFileStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
    private TestDatabase? _db;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.SqliteAsync();

    public async ValueTask DisposeAsync() => await _db!.DisposeAsync();

    [Fact]
    public async Task SaveAsync_JoinsTheUnitOfWork_FindReadsTheDetailsOnly_ReadContentTheBytes()
    {
        var store = new OutboundFileStore(_db!.Database);
        var units = new EngineStore(_db.Database);
        var content = "PK\u0003\u0004 the bulletin"u8.ToArray();
        var kept = File("0123456789abcdef0123456789abcdef", content.LongLength);
        var dropped = File("fedcba9876543210fedcba9876543210", content.LongLength);

        await using (var work = await units.BeginAsync(Ct))
        {
            await store.SaveAsync(work, dropped, content, Ct); // never committed
        }

        await using (var work = await units.BeginAsync(Ct))
        {
            await store.SaveAsync(work, kept, content, Ct);
            await work.CommitAsync(Ct);
        }

        Assert.Null(await store.FindAsync(dropped.Id, Ct));
        Assert.Equal(kept, await store.FindAsync(kept.Id, Ct));
        Assert.Equal(content, await store.ReadContentAsync(kept.Id, Ct));
        Assert.Null(await store.ReadContentAsync(dropped.Id, Ct));
        Assert.DoesNotMatch(@"\bcontent\b", OutboundFileSql.SelectById.Sqlite); // details never carry the bytes (content_type is not content)
    }

    [Fact]
    public async Task SaveAsync_ContentOfAnotherSize_IsRefused_AndNothingStored()
    {
        var store = new OutboundFileStore(_db!.Database);
        await using var work = await new EngineStore(_db.Database).BeginAsync(Ct);

        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(work, File("0123456789abcdef0123456789abcdef", 99), [1, 2, 3, 4, 5], Ct));
    }

    private static StoredFile File(string id, long size) =>
        new(id, "bulletin", "office.clerk1", "工作专报.docx", OutboundFiles.DocxContentType, size, Convert.ToBase64String(new byte[32]), At);
}
