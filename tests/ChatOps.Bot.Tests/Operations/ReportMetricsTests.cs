using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ChatOps.Bot.Tests.Conversations;
using ChatOps.Core.Operations;

namespace ChatOps.Bot.Tests.Operations;

/// <summary>The reports-received metric: a report submitted in chat is counted with its cycle, period, lateness and outcome.</summary>
public sealed class ReportMetricsTests
{
    /// <summary>Wednesday 2026-11-25 10:30 in Kunming: the 2026-W48 report is due tomorrow 17:00.</summary>
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 10, 30, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task SubmitAndRevise_AreCountedPerCyclePeriodAndOutcome()
    {
        var seen = new ConcurrentQueue<(long Value, Dictionary<string, string?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ChatOpsTelemetry.Name && instrument.Name == "chatops.reports.received")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            seen.Enqueue((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString(), StringComparer.Ordinal))));
        listener.Start();
        await using var chat = await ChatHarness.StartAsync(Wednesday);
        var me = chat.As("fgw.lly");

        await me.SaysAsync("填报");
        await me.SaysAsync("1");
        await me.SaysAsync("本周进展");
        await me.PressesAsync("完成");
        await me.SaysAsync("存在问题");
        await me.SaysAsync("下周计划");
        await me.PressesAsync("跳过");
        await me.PressesAsync("跳过");
        (await me.PressesAsync("提交")).Shows("报送成功。");

        bool Counted(string outcome) => seen.Any(m => m.Value == 1 && m.Tags["cycle"] == "weekly" && m.Tags["period"] == "2026-W48"
            && m.Tags["late"] == "false" && m.Tags["outcome"] == outcome);
        Assert.True(Counted("submitted"), "the submission was not counted");
    }
}
