using ChatOps.Core.Conversations;
using ChatOps.Storage.Conversations;

namespace ChatOps.Storage.Tests.Conversations;

/// <summary>
/// Dialog states inside a unit of work on every provider: a read answers what the unit of work wrote (the store
/// remembers it instead of reading again), a rollback to a savepoint makes it read what the transaction holds again,
/// and nothing of a unit of work never committed is kept.
/// </summary>
public abstract class DialogStatesContract<TProvider> : ProviderContract<TProvider>
    where TProvider : ITestProvider
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Read_AnswersWhatTheUnitOfWorkWrote_AndARollbackToASavepointReadsTheTransactionAgain()
    {
        var store = new EngineStore(Db.Database);
        var first = new DialogState("fgw.lly", "report", "progress", """{"items":1}""", At);
        await using (var uow = await store.BeginAsync(Ct))
        {
            await uow.Dialogs.SaveAsync(first, Ct);
            await uow.CommitAsync(Ct);
        }

        await using (var uow = await store.BeginAsync(Ct))
        {
            var turns = Assert.IsAssignableFrom<IUnitOfWorkSavepoints>(uow);
            Assert.Equal(first, await uow.Dialogs.GetAsync("fgw.lly", Ct));
            await turns.SaveAsync("turn0", Ct);
            var second = first with { Step = "problems", Data = """{"items":2}""", UpdatedAt = At.AddMinutes(1) };
            await uow.Dialogs.SaveAsync(second, Ct);
            Assert.Equal(second, await uow.Dialogs.GetAsync("fgw.lly", Ct));
            await turns.RollbackToAsync("turn0", Ct); // the turn failed: its write is undone, and so is what was remembered of it
            Assert.Equal(first, await uow.Dialogs.GetAsync("fgw.lly", Ct));

            await turns.SaveAsync("turn1", Ct);
            await uow.Dialogs.ClearAsync("fgw.lly", Ct);
            Assert.Null(await uow.Dialogs.GetAsync("fgw.lly", Ct));
            await turns.RollbackToAsync("turn1", Ct);
            Assert.Equal(first, await uow.Dialogs.GetAsync("fgw.lly", Ct));

            await uow.Dialogs.ClearAsync("fgw.lly", Ct);
            Assert.Null(await uow.Dialogs.GetAsync("fgw.lly", Ct));
            Assert.Null(await uow.Dialogs.GetAsync("jyt.lly", Ct)); // never written: read, and nothing there
        }

        // Not committed: the state of the first unit of work is still there.
        await using (var uow = await store.BeginAsync(Ct))
        {
            Assert.Equal(first, await uow.Dialogs.GetAsync("fgw.lly", Ct));
        }
    }
}

public sealed class SqliteDialogStatesTests : DialogStatesContract<OnSqlite>;

public sealed class SqlServerDialogStatesTests : DialogStatesContract<OnSqlServer>;

public sealed class PostgreSqlDialogStatesTests : DialogStatesContract<OnPostgreSql>;
