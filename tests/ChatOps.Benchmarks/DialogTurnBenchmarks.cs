using BenchmarkDotNet.Attributes;
using ChatOps.Bot.Engine;
using ChatOps.Bot.Hosting;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOps.Benchmarks;

/// <summary>
/// Dialog turns per second on SQLite and, when CHATOPS_TEST_POSTGRES names a server (<c>source tests/postgres.sh</c>),
/// on a fresh PostgreSQL database of it: one operation is a whole weekly-report dialog of 9 turns (填报, pick the period,
/// progress, 完成, problems, plan, two skips, 取消 at the summary) by one liaison, each turn stored in the inbox, handled
/// by the engine in its own transaction and answered through the outbox — as in production, minus the channel.
/// Cancelling at the summary deletes the draft, so every operation does the same work.
/// </summary>
[MemoryDiagnoser]
public class DialogTurnBenchmarks
{
    private static readonly string[] Script = ["填报", "1", "召开专题会议\n开展督查", "完成", "无", "继续推进", "跳过", "跳过", "取消"];
    private IHost _host = null!;
    private IInbox _inbox = null!;
    private ConversationEngine _engine = null!;
    private string _folder = "";
    private string? _postgresDatabase;
    private long _counter;

    /// <summary>The database the dialog runs on.</summary>
    [ParamsSource(nameof(Databases))]
    public string Database { get; set; } = "SQLite";

    /// <summary>SQLite always; PostgreSQL when a server is configured.</summary>
    public static IEnumerable<string> Databases =>
        Environment.GetEnvironmentVariable("CHATOPS_TEST_POSTGRES") is { Length: > 0 } ? ["SQLite", "PostgreSQL"] : ["SQLite"];

    /// <summary>Turns per operation (for turns/s = Script.Length / mean).</summary>
    public static int TurnsPerOperation => Script.Length;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("chatops-bench-").FullName;
        var settings = new Dictionary<string, string?>();
        if (Database == "PostgreSQL")
        {
            _postgresDatabase = "chatops_bench_" + Guid.NewGuid().ToString("N")[..12];
            PostgresAdmin($"CREATE DATABASE {_postgresDatabase}");
            settings["Storage:Provider"] = StorageProviders.PostgreSql;
            settings["ConnectionStrings:ChatOps"] = new Npgsql.NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("CHATOPS_TEST_POSTGRES")) { Database = _postgresDatabase }.ConnectionString;
        }

        _host = ChatHost.CreateBuilder(_folder, settings: settings, logging: l => l.SetMinimumLevel(LogLevel.Warning)).BuildSeededAsync().GetAwaiter().GetResult();
        _inbox = _host.Services.GetRequiredService<IInbox>();
        _engine = _host.Services.GetRequiredService<ConversationEngine>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        if (_postgresDatabase is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            PostgresAdmin($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)");
        }
    }

    private static void PostgresAdmin(string sql)
    {
        using var connection = new Npgsql.NpgsqlConnection(Environment.GetEnvironmentVariable("CHATOPS_TEST_POSTGRES"));
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    [Benchmark(Description = "weekly report dialog, 9 turns")]
    public async Task WholeDialogAsync()
    {
        foreach (var said in Script)
        {
            var id = Interlocked.Increment(ref _counter);
            await _inbox.AcceptAsync(new InboundMessage(ChannelNames.Local, $"b{id}", "fgw.lly", said, null, null, DateTimeOffset.UtcNow), "fgw.lly");
            foreach (var item in await _inbox.ClaimPendingAsync(DateTimeOffset.UtcNow, 10, TimeSpan.FromMinutes(1)))
            {
                await _engine.HandleAsync(item);
            }
        }
    }
}
