using System.Reflection;
using DbUp.Builder;
using DbUp.Engine;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;

namespace ChatOps.Storage;

/// <summary>Start-up failed because of the database; the message is one line for the operator.</summary>
public sealed class DatabaseStartupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Runs the embedded migrations for the configured dialect with DbUp (journal table <c>SchemaVersions</c>) before
/// anything else starts. Idempotent; refuses a database migrated by newer code.
/// </summary>
public sealed class Migrator(Database database, ILogger<Migrator> logger)
{
    private static readonly Assembly ScriptAssembly = typeof(Migrator).Assembly;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _done;

    /// <summary>The scripts this build carries, in order (resource names).</summary>
    public IReadOnlyList<string> KnownScripts() =>
        ScriptAssembly.GetManifestResourceNames().Where(IsOurScript).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Migrates the database once per process (the host and the hosted service may both ask); returns the names of the
    /// scripts it ran (empty when already current).
    /// </summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_done)
            {
                return [];
            }

            var ran = await MigrateOnceAsync(cancellationToken);
            _done = true;
            return ran;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyList<string>> MigrateOnceAsync(CancellationToken cancellationToken)
    {
        await database.Dialect.PrepareForMigrationAsync(database.Connection, cancellationToken);
        IAsyncDisposable migrationLock;
        try
        {
            migrationLock = await database.Dialect.LockForMigrationAsync(database.CreateConnectionString, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new DatabaseStartupException($"The {database.Provider} database cannot be reached: {ex.Message}", ex);
        }

        await using (migrationLock)
        {
            return Upgrade();
        }
    }

    private List<string> Upgrade()
    {
        var upgrader = Builder().Build();
        List<string> executed;
        try
        {
            executed = upgrader.GetExecutedScripts();
        }
        catch (Exception ex)
        {
            throw new DatabaseStartupException($"The {database.Provider} database cannot be reached: {ex.Message}", ex);
        }

        var known = upgrader.GetDiscoveredScripts().Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = executed.Where(s => !known.Contains(s)).ToList();
        if (unknown.Count > 0)
        {
            throw new DatabaseStartupException(
                $"The database was migrated by a newer ChatOps (it has {string.Join(", ", unknown.Select(ShortName))}, which this build does not know): " +
                "run the newer version or restore a matching backup.");
        }

        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new DatabaseStartupException(
                $"Migration {ShortName(result.ErrorScript?.Name ?? "?")} failed on {database.Provider}: {result.Error?.Message}", result.Error);
        }

        var ran = result.Scripts.Select(s => s.Name).ToList();
        if (ran.Count > 0)
        {
            logger.LogInformation("Applied {Count} migration(s) on {Provider}: {Scripts}", ran.Count, database.Provider, string.Join(", ", ran.Select(ShortName)));
        }

        return ran;
    }

    private UpgradeEngineBuilder Builder()
    {
        return database.Dialect.MigrationTarget(database.CreateConnectionString).WithScriptsEmbeddedInAssembly(ScriptAssembly, IsOurScript)
            .WithTransactionPerScript()
            .LogTo(new DbUpLog(logger));
    }

    private bool IsOurScript(string name) =>
        name.StartsWith($"ChatOps.Storage.Migrations.{database.Provider}.", StringComparison.Ordinal) &&
        name.EndsWith(".sql", StringComparison.Ordinal);

    private static string ShortName(string resource) =>
        resource.Replace("ChatOps.Storage.Migrations.", "", StringComparison.Ordinal);

    /// <summary>DbUp's log, sent to ours at Debug (its lines are chatty) and errors at Error.</summary>
    private sealed class DbUpLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => logger.LogTrace(format, args);

        public void LogDebug(string format, params object[] args) => logger.LogDebug(format, args);

        public void LogInformation(string format, params object[] args) => logger.LogDebug(format, args);

        public void LogWarning(string format, params object[] args) => logger.LogWarning(format, args);

        public void LogError(string format, params object[] args) => logger.LogError(format, args);

        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, format, args);
    }
}
