using ChatOps.Bot.Jobs;
using ChatOps.Core.Conversations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Quartz;

namespace ChatOps.Bot.Tests.Jobs;

public class DueWorkJobTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);

    private sealed class Work(string name, int queued, bool fails = false) : IDueWork
    {
        public List<DateTimeOffset> Runs { get; } = [];

        public string Name => name;

        public Task<int> RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            Runs.Add(now);
            return fails ? throw new InvalidOperationException("database is gone") : Task.FromResult(queued);
        }
    }

    [Fact]
    public async Task Execute_OneFeatureFails_TheOthersStillRun_AndTheOutboxIsSignalled()
    {
        var reports = new Work("reports", 0, fails: true);
        var meetings = new Work("meetings", 3);
        var circulars = new Work("circulars", 0);
        var signal = new Mock<IWorkSignal>();
        var job = new DueWorkJob([reports, meetings, circulars], new FakeTimeProvider(Now), NullLogger<DueWorkJob>.Instance, signal.Object);

        await job.Execute(Mock.Of<IJobExecutionContext>(), TestContext.Current.CancellationToken);

        Assert.Equal([Now], reports.Runs);
        Assert.Equal([Now], meetings.Runs);
        Assert.Equal([Now], circulars.Runs);
        signal.Verify(s => s.OutboxChanged(), Times.Once);
    }

    [Fact]
    public async Task Execute_NothingQueued_DoesNotWakeTheDispatcher()
    {
        var signal = new Mock<IWorkSignal>();
        var job = new DueWorkJob([new Work("reports", 0)], new FakeTimeProvider(Now), NullLogger<DueWorkJob>.Instance, signal.Object);

        await job.Execute(Mock.Of<IJobExecutionContext>(), TestContext.Current.CancellationToken);

        signal.Verify(s => s.OutboxChanged(), Times.Never);
    }
}
