using System.Data;
using System.Data.Common;
using ChatOps.Storage.Dialects;

namespace ChatOps.Storage;

/// <summary>
/// A command run many times with new values for the same parameters (by position, as named when it was made), in one
/// transaction: the driver keeps the compiled statement between runs. Values are sent as Dapper would send them:
/// instants through the dialect (<see cref="SqlDialect.SetInstant"/>), null as DBNull.
/// </summary>
internal sealed class PreparedCommand(SqlDialect dialect, DbCommand command) : IAsyncDisposable
{
    public void Set(int index, string? value)
    {
        var parameter = command.Parameters[index];
        parameter.DbType = DbType.String;
        parameter.Value = (object?)value ?? DBNull.Value;
    }

    public void SetInstant(int index, DateTimeOffset value) => dialect.SetInstant(command.Parameters[index], value);

    public Task<int> ExecuteAsync(CancellationToken cancellationToken) => command.ExecuteNonQueryAsync(cancellationToken);

    public ValueTask DisposeAsync() => command.DisposeAsync();
}
