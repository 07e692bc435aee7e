using ChatOps.Bot.Engine;
using ChatOps.Bot.Hosting;
using ChatOps.Bot.Jobs;
using ChatOps.Storage;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.Testing;

/// <summary>
/// The host's registrations in Program.cs order plus <see cref="SchedulingRegistration.AddScheduling"/>, on a fresh
/// SQLite file with the sample directory, started for real (migrations, seeding, Quartz on its persistent store).
/// The application clock is fake; Quartz keeps real time.
/// </summary>
public sealed class SchedulingHost : IAsyncDisposable
{
    private readonly bool _ownsFolder;

    private SchedulingHost(IHost host, FakeTimeProvider clock, string folder, bool ownsFolder)
    {
        Host = host;
        Clock = clock;
        DataFolder = folder;
        _ownsFolder = ownsFolder;
    }

    /// <summary>The folder of the SQLite file (pass it to a second host to simulate a restart).</summary>
    public string DataFolder { get; }

    public IHost Host { get; }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => Host.Services;

    /// <summary>Warnings and errors logged by the host.</summary>
    public CapturedLog Log { get; private init; } = new();

    /// <summary>Starts on a fresh folder, or on <paramref name="folder"/> (kept afterwards) to simulate a restart.</summary>
    public static async Task<SchedulingHost> StartAsync(DateTimeOffset now, string? folder = null)
    {
        var ownsFolder = folder is null;
        folder ??= Directory.CreateTempSubdirectory("chatops-quartz-").FullName;
        var clock = new FakeTimeProvider(now);
        var log = new CapturedLog();
        var builder = ChatHost.CreateBuilder(folder, clock, environment: "Production", logging: l => l.AddProvider(log));
        builder.AddScheduling();
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new SchedulingHost(host, clock, folder, ownsFolder) { Log = log };
    }

    /// <summary>Removes a data folder a test kept for restarts.</summary>
    public static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the OS: the temp folder is cleaned by the system.
        }
    }

    /// <summary>Runs a query on the bot's database.</summary>
    public async Task<T> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Services.GetRequiredService<Database>().OpenAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<T>(sql, parameters) ?? default!;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or 30 seconds pass.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        return await condition();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Host.StopAsync(CancellationToken.None);
        }
        finally
        {
            Host.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (_ownsFolder)
            {
                DeleteFolder(DataFolder);
            }
        }
    }
}

/// <summary>
/// Keeps the host's warnings and errors (or every line from <paramref name="minimum"/> up), so a test can show why a job
/// did nothing, or what a host writes.
/// </summary>
public sealed class CapturedLog(LogLevel minimum = LogLevel.Warning) : ILoggerProvider
{
    private readonly LogLevel _minimum = minimum;
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Category, string Line)> _entries = new();

    public IReadOnlyList<string> Entries => [.. _entries.Select(e => e.Line)];

    /// <summary>The categories that wrote at least one line kept.</summary>
    public IReadOnlyCollection<string> Categories => [.. _entries.Select(e => e.Category).Distinct()];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public override string ToString() => string.Join(Environment.NewLine, Entries);

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= log._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log._entries.Enqueue((category, $"{logLevel} {category}: {formatter(state, exception)} {exception}"));
            }
        }
    }
}
