using System.Data;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChatOps.Storage;

/// <summary>
/// Opens connections to the configured database and picks each statement's dialect. Stateless and thread-safe:
/// every call opens a pooled connection and the caller disposes it.
/// </summary>
public sealed class Database
{
    static Database() => DapperSetup.Configure();

    /// <summary>Creates the database access for validated options.</summary>
    public Database(IOptions<StorageOptions> options)
        : this(options.Value)
    {
    }

    /// <summary>Creates the database access for options (tests, CLI).</summary>
    public Database(StorageOptions options)
    {
        Provider = options.Provider;
        if (Provider == StorageProviders.SqlServer)
        {
            ConnectionString = options.ConnectionString!;
            CreateConnectionString = ConnectionString;
            return;
        }

        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(options.ConnectionString)
                ? $"Data Source={Path.Combine(options.DataFolder, "chatops.db")}"
                : options.ConnectionString)
        {
            ForeignKeys = true,
            Pooling = true,
        };
        DataFile = Path.GetFullPath(builder.DataSource);
        builder.DataSource = DataFile;
        builder.Mode = SqliteOpenMode.ReadWriteCreate;
        CreateConnectionString = builder.ToString();

        // After migration the file must exist: a missing file is an unreachable database, not a fresh empty one.
        builder.Mode = SqliteOpenMode.ReadWrite;
        ConnectionString = builder.ToString();
    }

    /// <summary><see cref="StorageProviders.Sqlite"/> or <see cref="StorageProviders.SqlServer"/>.</summary>
    public string Provider { get; }

    /// <summary>The full path of the SQLite file; null for SQL Server.</summary>
    public string? DataFile { get; }

    /// <summary>True for SQL Server.</summary>
    public bool IsSqlServer => Provider == StorageProviders.SqlServer;

    internal string ConnectionString { get; }

    /// <summary>The connection string the migrator uses: for SQLite it may create the file.</summary>
    internal string CreateConnectionString { get; }

    /// <summary>Opens a connection.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection = IsSqlServer ? new SqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (connection is SqliteConnection)
            {
                // Let SQLite wait for a busy writer itself (fine-grained) instead of the provider's fixed 150 ms retry sleep:
                // the callback's inbox insert and the worker's turn commit contend (see docs/benchmarks.md, WeCom).
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = "PRAGMA busy_timeout = 30000;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The statement's text for this database.</summary>
    public string Sql(SqlStatement statement) => statement.For(Provider);

    /// <summary>Runs <paramref name="work"/> in one transaction, committed when it returns, rolled back when it throws.</summary>
    public async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}

/// <summary>Dapper settings shared by every repository.</summary>
internal static class DapperSetup
{
    private static int _configured;

    public static void Configure()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1)
        {
            return;
        }

        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
    }

    /// <summary>
    /// Instants: SQL Server stores DATETIMEOFFSET; SQLite stores a fixed-width UTC text (yyyy-MM-ddTHH:mm:ss.fffffffZ),
    /// so text comparison in SQL orders instants correctly.
    /// </summary>
    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = SqliteText(value);
            }
            else
            {
                parameter.DbType = DbType.DateTimeOffset;
                parameter.Value = value;
            }
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset d => d,
            DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
            string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            _ => throw new DataException($"Cannot read {value.GetType().Name} as an instant."),
        };
    }

    /// <summary>The SQLite text form of an instant.</summary>
    public static string SqliteText(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
