using System.Text.RegularExpressions;
using ChatOps.Storage.Dialects;
using ChatOps.Storage.Meetings;

namespace ChatOps.Storage.Tests;

/// <summary>
/// The three statement shapes written once as their INSERT render, per dialect, the texts that were written out by hand
/// before (compared with white space folded): the SQL Server forms take the same locks as before.
/// </summary>
public class SqlShapeTests
{
    [Fact]
    public void InsertReturningId_RendersReturningAndOutput()
    {
        var statement = SqlStatement.InsertReturningId("T", "INSERT INTO api_tokens (person_id, name) VALUES (@PersonId, @Name)");

        Assert.Equal("INSERT INTO api_tokens (person_id, name) VALUES (@PersonId, @Name) RETURNING id", Fold(statement.Sqlite));
        Assert.Equal("INSERT INTO api_tokens (person_id, name) OUTPUT inserted.id VALUES (@PersonId, @Name)", Fold(statement.SqlServer));
        Assert.Null(statement.PostgreSql); // the SQLite text serves
    }

    [Fact]
    public void InsertIfAbsent_RendersOnConflictAndNotExistsUnderLock()
    {
        var sqlServer = SqlDialect.For(StorageProviders.SqlServer).Text(MeetingSql.InsertStep);

        Assert.Equal(
            "INSERT INTO meeting_steps (subject, step, done_at) VALUES (@Subject, @Step, @At) ON CONFLICT (subject, step) DO NOTHING",
            Fold(MeetingSql.InsertStep.Sqlite));
        Assert.Equal(
            "INSERT INTO meeting_steps (subject, step, done_at) SELECT @Subject, @Step, @At "
            + "WHERE NOT EXISTS (SELECT 1 FROM meeting_steps WITH (UPDLOCK, HOLDLOCK) WHERE subject = @Subject AND step = @Step)",
            Fold(sqlServer));
    }

    [Fact]
    public void Upsert_UpdatesEveryColumnOutsideTheKey()
    {
        var statement = SqlStatement.Upsert("T", "person_id", "INSERT INTO last_cards (person_id, choices, sent_at) VALUES (@PersonId, @Choices, 1)");

        Assert.Equal(
            "INSERT INTO last_cards (person_id, choices, sent_at) VALUES (@PersonId, @Choices, 1) "
            + "ON CONFLICT (person_id) DO UPDATE SET choices = excluded.choices, sent_at = excluded.sent_at",
            Fold(statement.Sqlite));
        Assert.Equal(
            "UPDATE last_cards WITH (UPDLOCK, SERIALIZABLE) SET choices = @Choices, sent_at = 1 WHERE person_id = @PersonId; "
            + "IF @@ROWCOUNT = 0 INSERT INTO last_cards (person_id, choices, sent_at) VALUES (@PersonId, @Choices, 1);",
            Fold(statement.SqlServer));
    }

    [Theory]
    [InlineData("UPDATE t SET a = 1", "")]
    [InlineData("INSERT INTO t (a, b) VALUES (@A)", "")]
    [InlineData("INSERT INTO t (a, b) VALUES (@A, @B)", "c")]
    public void Shape_NotAPlainInsert_Throws(string insert, string key) =>
        Assert.Throws<ArgumentException>(() => SqlStatement.Upsert("T", key, insert));

    private static string Fold(string sql) => Regex.Replace(sql, @"\s+", " ").Trim();
}
