using DbUp;
using DbUp.Builder;
using Microsoft.Data.SqlClient;
using Quartz;

namespace ChatOps.Storage.Dialects;

/// <summary>
/// SQL Server: DATETIMEOFFSET instants, BIT flags, T-SQL statements (every one ScriptDom-checked by the storage
/// tests), Quartz clustered so several instances share the schedule.
/// </summary>
public sealed class SqlServerDialect() : SqlDialect(StorageProviders.SqlServer, supportsScaleOut: true, "Server=db;Database=ChatOps;...")
{
    /// <inheritdoc/>
    protected override string DefaultText(SqlStatement statement) => statement.SqlServer;

    internal override string? ConnectionStringProblem(string connectionString)
    {
        _ = new SqlConnectionStringBuilder(connectionString).DataSource;
        return null;
    }

    internal override DbConnection CreateConnection(string connectionString) => new SqlConnection(connectionString);

    /// <summary>The default collations (SQL_Latin1_General_CP1_CI_AS, Chinese_PRC_CI_AS) ignore case.</summary>
    internal override StringComparer KeyComparer => StringComparer.OrdinalIgnoreCase;

    internal override UpgradeEngineBuilder MigrationTarget(string connectionString) => DeployChanges.To.SqlDatabase(connectionString);

    internal override DbDataSource CreateDataSource(string connectionString) => SqlClientFactory.Instance.CreateDataSource(connectionString);

    /// <inheritdoc/>
    public override void UseQuartzStore(IPersistentStoreBuilder store, Func<IServiceProvider, DbDataSource> dataSource)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.UseSqlServer(ds => ds.DataSourceFactory = dataSource);
        store.UseClustering();
    }

    internal override bool Owns(IDbDataParameter parameter) => parameter is SqlParameter;

    internal override string InsertReturningId(InsertShape insert) =>
        $"INSERT INTO {insert.Table} ({insert.ColumnList})\nOUTPUT inserted.id\nVALUES ({insert.ValueList})";

    /// <summary>Under UPDLOCK, HOLDLOCK so that two writers of the same key cannot both see it absent.</summary>
    internal override string InsertIfAbsent(InsertShape insert) => $"""
        INSERT INTO {insert.Table} ({insert.ColumnList})
        SELECT {insert.ValueList}
        WHERE NOT EXISTS (SELECT 1 FROM {insert.Table} WITH (UPDLOCK, HOLDLOCK) WHERE {insert.KeyMatch})
        """;

    /// <summary>Update under UPDLOCK, SERIALIZABLE (the key range stays locked), insert when no row was there.</summary>
    internal override string Upsert(InsertShape insert) => $"""
        UPDATE {insert.Table} WITH (UPDLOCK, SERIALIZABLE) SET {string.Join(", ", insert.NonKey.Select(p => $"{p.Column} = {p.Value}"))}
        WHERE {insert.KeyMatch};
        IF @@ROWCOUNT = 0
            {insert.Text};
        """;
}
