using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatOps.Core.Operations;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOps.Bot.Tests.Operations;

/// <summary>
/// One trace from the request that delivered a message through the engine's turn to the send of the reply, carried
/// by the database rows (the inbox row stores the request's traceparent, the outbox row the turn's), so it holds
/// whichever instance handles each stage: nothing in memory ties them.
/// </summary>
public sealed class TraceLinkTests
{
    [Fact]
    public async Task Message_RequestTurnAndSend_OneTraceThroughTheInboxAndOutboxRows()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is ChatOpsTelemetry.Name or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = new BotHost();
        using var client = host.CreateClient();
        var clientId = "trace-" + Guid.NewGuid().ToString("N");

        var post = await client.PostAsJsonAsync("/local/api/messages", new { personId = "fgw.lly", text = "帮助", clientId }, TestContext.Current.CancellationToken);
        Assert.True(post.IsSuccessStatusCode);

        await using var db = new SqliteConnection($"Data Source={host.DatabaseFile};Mode=ReadOnly;Pooling=false");
        var (inboxId, payload) = await db.QuerySingleAsync<(long, string)>("SELECT id, payload FROM inbox WHERE dedupe_key = @clientId", new { clientId });
        var callback = ChatOpsTelemetry.ParentOf(JsonNode.Parse(payload)!["traceParent"]?.GetValue<string>());
        Assert.NotEqual(default, callback.TraceId);
        Assert.Contains(stopped, a => a.TraceId == callback.TraceId && a.SpanId == callback.SpanId); // the request's own span

        Activity? turn = null;
        for (var i = 0; i < 100 && turn is null; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            turn = stopped.FirstOrDefault(a => a.OperationName == "engine.turn" && Equals(a.GetTagItem("chatops.inbox.id"), inboxId) && a.TraceId == callback.TraceId);
        }

        Assert.NotNull(turn); // ids repeat across the tests' databases running at once: the trace id picks ours
        Assert.Equal(callback.SpanId, turn.ParentSpanId);

        List<(long, string?)> outbox = [];
        for (var i = 0; i < 100 && outbox.Count == 0; i++) // the turn commits just after its span ends
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            outbox = (await db.QueryAsync<(long, string?)>("SELECT id, trace_parent FROM outbox WHERE person_id = 'fgw.lly' AND trace_parent LIKE @trace",
                new { trace = $"00-{callback.TraceId}-%" })).ToList();
        }

        var reply = Assert.Single(outbox);
        Assert.Equal(turn.SpanId, ChatOpsTelemetry.ParentOf(reply.Item2).SpanId);

        Activity? send = null;
        for (var i = 0; i < 100 && send is null; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            send = stopped.FirstOrDefault(a => a.OperationName == "outbox.send" && Equals(a.GetTagItem("chatops.outbox.id"), reply.Item1) && a.TraceId == callback.TraceId);
        }

        Assert.NotNull(send);
        Assert.Equal(turn.SpanId, send.ParentSpanId);
    }
}
