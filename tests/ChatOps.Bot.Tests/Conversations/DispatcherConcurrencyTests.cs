using System.Collections.Concurrent;
using ChatOps.Bot.Engine;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatOps.Bot.Tests.Conversations;

/// <summary>
/// The dispatcher sends to different recipients concurrently, keeps each recipient's messages in order, and records
/// every sent message (one transaction per round) on the real SQLite file.
/// </summary>
public sealed class DispatcherConcurrencyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DispatchDueAsync_ManyRecipients_SendsConcurrently_InOrderPerRecipient_AndRecordsEverySend()
    {
        await using var chat = await ChatHarness.StartAsync(Now);
        var recipients = new[] { "a", "b", "c", "d" };
        await using (var work = await chat.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(TestContext.Current.CancellationToken))
        {
            for (var i = 0; i < 10; i++)
            {
                foreach (var to in recipients)
                {
                    await work.Outbox.EnqueueAsync(new OutboxItem(0, ChannelNames.Local, to, null, null, OutboundMessage.Plain($"{to}{i}"), null, Now), TestContext.Current.CancellationToken);
                }
            }

            await work.CommitAsync(TestContext.Current.CancellationToken);
        }

        var sender = new SlowSender();
        var services = chat.Services;
        var dispatcher = new OutboxDispatcher(
            services.GetRequiredService<IOutboxDispatch>(), [sender], [], services.GetRequiredService<WorkSignal>(), services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<IOptions<EngineOptions>>(), NullLogger<OutboxDispatcher>.Instance);
        while (await dispatcher.DispatchDueAsync(TestContext.Current.CancellationToken) > 0)
        {
        }

        Assert.InRange(sender.MaxInFlight, 2, 8);
        foreach (var to in recipients)
        {
            Assert.Equal(Enumerable.Range(0, 10).Select(i => $"{to}{i}"), sender.Sent.Where(m => m.StartsWith(to, StringComparison.Ordinal)));
        }

        await using var c = new SqliteConnection($"Data Source={Path.Combine(chat.DataFolder, "chatops.db")}");
        await c.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = c.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM outbox WHERE status = 'Sent' AND channel_message_id LIKE 'id-%'";
        Assert.Equal(40L, (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
    }

    private sealed class SlowSender : IChannelSender
    {
        private int _inFlight;

        public string Channel => ChannelNames.Local;

        public int MaxInFlight { get; private set; }

        public ConcurrentQueue<string> Sent { get; } = new();

        public async Task<SendResult> SendAsync(OutboxItem item, CancellationToken cancellationToken = default)
        {
            var now = Interlocked.Increment(ref _inFlight);
            lock (Sent)
            {
                MaxInFlight = Math.Max(MaxInFlight, now);
            }

            await Task.Delay(20, cancellationToken);
            Sent.Enqueue(item.Message.Text!);
            Interlocked.Decrement(ref _inFlight);
            return new SendResult.Sent("id-" + item.Id);
        }
    }
}
