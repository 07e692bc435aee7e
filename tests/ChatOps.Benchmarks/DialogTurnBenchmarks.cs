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
/// Dialog turns per second on SQLite: one operation is a whole weekly-report dialog of 9 turns (填报, pick the period,
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
    private long _counter;

    /// <summary>Turns per operation (for turns/s = Script.Length / mean).</summary>
    public static int TurnsPerOperation => Script.Length;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("chatops-bench-").FullName;
        _host = ChatHost.CreateBuilder(_folder, logging: l => l.SetMinimumLevel(LogLevel.Warning)).BuildSeededAsync().GetAwaiter().GetResult();
        _inbox = _host.Services.GetRequiredService<IInbox>();
        _engine = _host.Services.GetRequiredService<ConversationEngine>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
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
