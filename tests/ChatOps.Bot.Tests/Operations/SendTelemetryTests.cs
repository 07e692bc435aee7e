using System.Diagnostics;
using ChatOps.Bot.Operations;
using ChatOps.Core.Conversations;
using ChatOps.Core.Operations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace ChatOps.Bot.Tests.Operations;

public class SendTelemetryTests
{
    [Fact]
    public async Task SendDoneAsync_WaitingResult_WithTracingOn_MarksTheSpanAndDoesNotThrow()
    {
        // Traces are recorded only with a listener (OTLP configured): without one the span is null and the bug hid.
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ChatOpsTelemetry.Name, // not Source.Name: this listener is asked while Source is being created
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero));
        var alerts = new ChannelAlerts([], Mock.Of<Core.Organization.IDirectoryRepository>(), Mock.Of<IUnitOfWorkFactory>(), Mock.Of<IWorkSignal>(),
            new RecipientRouter(new EnabledChannels([Core.Organization.ChannelNames.Local])), new EnabledChannels([Core.Organization.ChannelNames.Local]),
            new Core.Reports.OfficeProfile("办公室", TimeZoneInfo.Utc), clock, NullLogger<ChannelAlerts>.Instance);
        var telemetry = new EngineTelemetry(new TraceCorrelation(), alerts, clock, NullLogger<EngineTelemetry>.Instance);
        var item = new OutboxItem(1, "botframework", "29:new", "p1", null, OutboundMessage.Plain("通知"), null, clock.GetUtcNow());

        using var span = telemetry.StartSend(item);
        Assert.NotNull(span);
        await telemetry.SendDoneAsync(item, new SendResult.Wait("no conversation with 29:new is known yet"), span, TestContext.Current.CancellationToken);

        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("no conversation with 29:new is known yet", span.StatusDescription);
    }
}
