using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace ChatOps.LoadTest;

/// <summary>One request to send: built fresh for each index (the body may differ per request).</summary>
internal delegate HttpRequestMessage RequestFactory(long index);

/// <summary>What one phase measured: completed requests, errors, elapsed time and the latency of each request.</summary>
internal sealed class LoadResult(string name, long completed, long errors, double seconds, List<double> latenciesMs, double[]? bySchedule = null)
{
    public string Name { get; } = name;

    public long Completed { get; } = completed;

    public long Errors { get; } = errors;

    public double Seconds { get; } = seconds;

    public double Rate => Completed / Seconds;

    public double Percentile(double p)
    {
        if (latenciesMs.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * latenciesMs.Count) - 1;
        return latenciesMs[Math.Clamp(rank, 0, latenciesMs.Count - 1)];
    }

    public double Max => latenciesMs.Count == 0 ? double.NaN : latenciesMs[^1];

    /// <summary>
    /// Open loop only: how many requests of each second of the schedule took longer than <paramref name="thresholdMs"/>
    /// — whether a tail is spread over the run or one stall (a stall of 100 ms at 1,000/s is 1 % of a 10-s run).
    /// </summary>
    public string? SlowBySecond(double thresholdMs, double rate)
    {
        if (bySchedule is null)
        {
            return null;
        }

        var perSecond = (int)Math.Max(1, rate);
        var counts = bySchedule.Chunk(perSecond).Select(second => second.Count(ms => ms > thresholdMs));
        return string.Create(CultureInfo.InvariantCulture, $"{"",-34} over {thresholdMs:0} ms, by second of the schedule: {string.Join(' ', counts)}");
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name,-34} {Rate,9:N0}/s  p50 {Percentile(50),8:0.00} ms  p90 {Percentile(90),8:0.00} ms  p99 {Percentile(99),8:0.00} ms  max {Max,8:0.0} ms  ({Completed:N0} ok, {Errors:N0} errors, {Seconds:0.0} s)");
}

/// <summary>
/// Drives an endpoint. Closed loop: <c>connections</c> senders, each sending its next request when the previous one is
/// answered. Open loop: requests scheduled at a fixed rate whatever the answers do, each request's latency taken from
/// its <b>scheduled</b> send time, so queueing in the server (or in the client's connection pool) is counted, not hidden.
/// A request is an error unless it is answered 2xx.
/// </summary>
internal static class Load
{
    public static HttpClient Client(int maxConnections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = maxConnections,
        PooledConnectionLifetime = TimeSpan.FromMinutes(30),
        UseProxy = false,
        AllowAutoRedirect = false,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    public static async Task<LoadResult> ClosedAsync(string name, HttpClient client, RequestFactory requests, int connections, TimeSpan duration, Action<long, HttpStatusCode>? answered = null)
    {
        var latencies = new List<double>[connections];
        long next = -1;
        long errors = 0;
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var senders = Enumerable.Range(0, connections).Select(async c =>
        {
            var mine = latencies[c] = new List<double>(4096);
            while (Stopwatch.GetTimestamp() < end)
            {
                var index = Interlocked.Increment(ref next);
                using var request = requests(index);
                var sent = Stopwatch.GetTimestamp();
                var status = await SendAsync(client, request);
                mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                if ((int)status is < 200 or > 299)
                {
                    Interlocked.Increment(ref errors);
                }
                else
                {
                    answered?.Invoke(index, status);
                }
            }
        }).ToList();
        await Task.WhenAll(senders);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new LoadResult(name, all.Count - errors, errors, elapsed, all);
    }

    public static async Task<LoadResult> OpenAsync(string name, HttpClient client, RequestFactory requests, double rate, TimeSpan duration, Action<long, HttpStatusCode>? answered = null)
    {
        var total = (long)(rate * duration.TotalSeconds);
        var latencies = new double[total];
        long errors = 0;
        var tasks = new List<Task>((int)total);
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 100;
        for (long i = 0; i < total; i++)
        {
            var due = start + (long)(i * Stopwatch.Frequency / rate);
            while (true)
            {
                var wait = (due - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
                if (wait <= 0)
                {
                    break;
                }

                await Task.Delay(wait >= 2 ? TimeSpan.FromMilliseconds(wait - 1) : TimeSpan.FromMilliseconds(1));
            }

            var index = i;
            var request = requests(index);
            tasks.Add(Task.Run(async () =>
            {
                using (request)
                {
                    var status = await SendAsync(client, request);
                    latencies[index] = (Stopwatch.GetTimestamp() - due) * 1000.0 / Stopwatch.Frequency;
                    if ((int)status is < 200 or > 299)
                    {
                        Interlocked.Increment(ref errors);
                    }
                    else
                    {
                        answered?.Invoke(index, status);
                    }
                }
            }));
        }

        await Task.WhenAll(tasks);
        var elapsed = (Stopwatch.GetTimestamp() - start) * 1.0 / Stopwatch.Frequency;
        return new LoadResult(name, total - errors, errors, elapsed, [.. latencies.Order()], latencies);
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return HttpStatusCode.BadGateway;
        }
        catch (TaskCanceledException)
        {
            return HttpStatusCode.GatewayTimeout;
        }
    }
}
