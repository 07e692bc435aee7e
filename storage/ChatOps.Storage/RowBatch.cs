using ChatOps.Storage.Dialects;

namespace ChatOps.Storage;

/// <summary>
/// Many rows of one statement in one transaction, collected and then run in order (the inbox's group commit and a
/// unit of work's inbox marks, 10,000 prompts, a circular's recipients). Where the dialect sends batches (<see cref="SqlDialect.SendsBatches"/>,
/// PostgreSQL) a chunk of rows travels in one round trip; elsewhere one command is prepared and run per row, so SQLite
/// compiles the statement once, not once per row. Values are given by position, as the parameters were named: a
/// string, a whole number, an instant (sent through <see cref="SqlDialect.SetInstant"/>) or null (DBNull).
/// <para>
/// The names are written as the statements write them, "@Name": Microsoft.Data.Sqlite looks a name without its prefix
/// up twice for every row it binds, as given and with "@", building both in UTF-8 (more than twice the bytes, and about
/// 30 % more time, an execution; docs/benchmarks.md, twentieth session). Npgsql and SqlClient take this form too.
/// </para>
/// </summary>
internal sealed class RowBatch
{
    /// <summary>Rows per round trip where the dialect batches: large enough to hide the latency, small enough to stream.</summary>
    internal const int ChunkSize = 500;

    private readonly Session _session;
    private readonly SqlStatement _statement;
    private readonly string[] _parameterNames;
    private readonly List<object?[]> _rows = [];

    public RowBatch(Session session, SqlStatement statement, string[] parameterNames)
    {
        if (Array.Find(parameterNames, name => !name.StartsWith('@')) is { } bare)
        {
            throw new ArgumentException($"Parameter {bare} is named without its @.", nameof(parameterNames));
        }

        _session = session;
        _statement = statement;
        _parameterNames = parameterNames;
    }

    /// <summary>One more row; its values by the position of the parameter names.</summary>
    public void Add(params object?[] values)
    {
        if (values.Length != _parameterNames.Length)
        {
            throw new ArgumentException($"{_parameterNames.Length} values expected, {values.Length} given.", nameof(values));
        }

        _rows.Add(values);
    }

    /// <summary>The rows added and not yet run.</summary>
    public int Count => _rows.Count;

    /// <summary>Forgets the rows added after the first <paramref name="count"/> (their turn was rolled back).</summary>
    public void RemoveFrom(int count) => _rows.RemoveRange(count, _rows.Count - count);

    /// <summary>Runs the rows added so far, in order; the rows each affected, by position. The batch is empty after.</summary>
    public async Task<int[]> ExecuteAsync(CancellationToken cancellationToken)
    {
        var affected = new int[_rows.Count];
        if (_rows.Count > 0)
        {
            var text = _session.Db.Sql(_statement);
            if (_session.Db.Dialect.SendsBatches && _rows.Count > 1) // one row is one command anywhere
            {
                await ExecuteBatchedAsync(text, affected, cancellationToken);
            }
            else
            {
                await ExecuteEachAsync(text, affected, cancellationToken);
            }
        }

        _rows.Clear();
        return affected;
    }

    private async Task ExecuteEachAsync(string text, int[] affected, CancellationToken cancellationToken)
    {
        await using var command = _session.CreateCommand(text);
        foreach (var name in _parameterNames)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        for (var r = 0; r < _rows.Count; r++)
        {
            Bind(command.Parameters, _rows[r]);
            affected[r] = await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task ExecuteBatchedAsync(string text, int[] affected, CancellationToken cancellationToken)
    {
        for (var start = 0; start < _rows.Count; start += ChunkSize)
        {
            var end = Math.Min(start + ChunkSize, _rows.Count);
            await using var batch = _session.CreateBatch();
            for (var r = start; r < end; r++)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = text;
                foreach (var name in _parameterNames)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    command.Parameters.Add(parameter);
                }

                Bind(command.Parameters, _rows[r]);
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
            for (var r = start; r < end; r++)
            {
                affected[r] = batch.BatchCommands[r - start].RecordsAffected;
            }
        }
    }

    private void Bind(DbParameterCollection parameters, object?[] values)
    {
        for (var p = 0; p < values.Length; p++)
        {
            var parameter = parameters[p];
            switch (values[p])
            {
                case DateTimeOffset instant:
                    _session.Db.Dialect.SetInstant(parameter, instant);
                    break;
                case long number:
                    parameter.DbType = DbType.Int64;
                    parameter.Value = number;
                    break;
                case int number:
                    parameter.DbType = DbType.Int32;
                    parameter.Value = number;
                    break;
                case string text:
                    parameter.DbType = DbType.String;
                    parameter.Value = text;
                    break;
                case null:
                    parameter.DbType = DbType.String;
                    parameter.Value = DBNull.Value;
                    break;
                default:
                    throw new ArgumentException($"Row values are strings, whole numbers, instants or null, not {values[p]!.GetType().Name}.", nameof(values));
            }
        }
    }
}
