using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Xml.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ChatOps.Bot.Engine;
using ChatOps.Bot.Hosting;
using ChatOps.Channels.WeCom;
using ChatOps.Channels.WeCom.Hosting;
using ChatOps.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ChatOps.Benchmarks;

/// <summary>
/// WeCom callback acknowledgements over loopback: the bot's real callback endpoint (the host's own registrations —
/// AddStorage, AddChatOps, AddEngine, AddWeCom, MapWeCom — on Kestrel with a SQLite file) against a bare Kestrel endpoint
/// that answers 200, measured in the same run with the same client and the same request bodies. One operation is
/// <see cref="Clients"/> callbacks sent at once (each a new, really signed and encrypted text message); it ends when
/// every one is acknowledged. The bot answers only after the message is stored in the inbox, and meanwhile its inbox
/// worker and dispatcher handle the earlier messages in the background (each sender is unknown to the directory, so
/// the engine answers each with one message sent to a stub WeCom API on loopback), as in production.
/// Every operation is its own iteration (InvocationCount 1), so the P99 column is the 99th percentile of single
/// operations; outliers are kept. Acks/s = <see cref="Clients"/> / mean.
/// </summary>
[Config(typeof(Config))]
public class WeComCallbackBenchmarks
{
    private const string CorpId = "wwbenchcorp000001";
    private const string AgentId = "1000002";
    private const string Token = "benchToken123";
    private const string AesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    private readonly WeComCrypto _crypto = new(Token, AesKey, CorpId);
    private HttpClient _client = null!;
    private WebApplication _bare = null!;
    private WebApplication _bot = null!;
    private WebApplication _api = null!;
    private string _folder = "";
    private Uri _bareUrl = null!;
    private Uri _botUrl = null!;
    private (string Query, byte[] Body)[] _requests = [];
    private long _next;

    /// <summary>Callbacks in flight at once.</summary>
    [Params(1, 16)]
    public int Clients { get; set; }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    /// <summary>Fresh callbacks for the next operation (new MsgIds, so none is a duplicate); not measured.</summary>
    [IterationSetup]
    public void PrepareCallbacks()
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        _requests = [.. Enumerable.Range(0, Clients).Select(_ =>
        {
            var n = Interlocked.Increment(ref _next);
            var xml = new XElement("xml",
                new XElement("ToUserName", new XCData(CorpId)),
                new XElement("FromUserName", new XCData($"bench-user-{n}")),
                new XElement("CreateTime", timestamp),
                new XElement("MsgType", new XCData("text")),
                new XElement("Content", new XCData("本周完成问题整改12项，下周继续推进农贸市场环境卫生整治。")),
                new XElement("MsgId", (7_400_000_000_000_000_000 + n).ToString(CultureInfo.InvariantCulture)),
                new XElement("AgentID", AgentId)).ToString(SaveOptions.DisableFormatting);
            var nonce = RandomNumberGenerator.GetHexString(10, lowercase: true);
            var encrypted = _crypto.CreateEncryptedMessage(xml, timestamp, nonce);
            return ($"?msg_signature={encrypted.MsgSignature}&timestamp={timestamp}&nonce={nonce}",
                System.Text.Encoding.UTF8.GetBytes(encrypted.ToCallbackBody(CorpId, AgentId)));
        })];
    }

    [Benchmark(Baseline = true, Description = "bare Kestrel endpoint (200)")]
    public Task BareKestrelAsync() => SendAllAsync(_bareUrl);

    [Benchmark(Description = "WeCom callback (verify, decrypt, store, ack)")]
    public Task WeComCallbackAsync() => SendAllAsync(_botUrl);

    private async Task SendAllAsync(Uri url)
    {
        var responses = await Task.WhenAll(_requests.Select(async r =>
        {
            using var content = new ByteArrayContent(r.Body);
            using var response = await _client.PostAsync(new Uri(url + r.Query), content);
            return (response.StatusCode, Length: response.Content.Headers.ContentLength);
        }));
        foreach (var (status, length) in responses)
        {
            if (status != HttpStatusCode.OK || length is > 0)
            {
                throw new InvalidOperationException($"Expected an empty 200, got {(int)status} with {length} bytes.");
            }
        }
    }

    private async Task SetupAsync()
    {
        _client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) });

        // A stub WeCom API for the replies the engine queues (gettoken and message/send, always ok).
        _api = Slim();
        _api.Run(context =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(context.Request.Path == "/cgi-bin/gettoken"
                ? """{"errcode":0,"errmsg":"ok","access_token":"bench-token","expires_in":7200}"""
                : """{"errcode":0,"errmsg":"ok","msgid":"bench","invaliduser":""}""");
        });
        await _api.StartAsync();

        _bare = Slim();
        _bare.MapPost("/bare", () => Task.CompletedTask);
        await _bare.StartAsync();
        _bareUrl = new Uri(_bare.Urls.First() + "/bare");

        _folder = Directory.CreateTempSubdirectory("chatops-bench-wecom-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataFolder"] = _folder,
            ["Directory:SeedFile"] = Path.Combine(AppContext.BaseDirectory, "samples", "directory.yaml"),
            ["WeCom:CorpId"] = CorpId,
            ["WeCom:AgentId"] = AgentId,
            ["WeCom:Secret"] = "bench-secret",
            ["WeCom:Token"] = Token,
            ["WeCom:EncodingAESKey"] = AesKey,
            ["WeCom:ApiBaseUrl"] = _api.Urls.First(),
        });
        builder.AddStorage();
        builder.AddChatOps();
        builder.AddEngine();
        builder.AddWeCom();
        _bot = builder.Build();
        _bot.MapHealth();
        _bot.MapWeCom();
        await _bot.StartAsync();
        _botUrl = new Uri(_bot.Urls.First() + WeComChannelOptions.DefaultCallbackPath);
    }

    private async Task CleanupAsync()
    {
        foreach (var app in new[] { _bot, _bare, _api })
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        _client.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static WebApplication Slim()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        return builder.Build();
    }

    /// <summary>
    /// In process (the hosts live in the benchmark's process; a case may run for minutes on a loaded machine), one
    /// operation per iteration, outliers kept.
    /// </summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithWarmupCount(30)
                .WithIterationCount(500)
                .WithOutlierMode(Perfolizer.Mathematics.OutlierDetection.OutlierMode.DontRemove));
            AddColumn(new PercentileColumn(99), new AcksPerSecondColumn());
            SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend);
        }
    }

    /// <summary>The <c>N</c>th percentile (nearest rank) of single operations.</summary>
    private sealed class PercentileColumn(int percentile) : IColumn
    {
        public string Id => $"P{percentile}-all";

        public string ColumnName => string.Create(CultureInfo.InvariantCulture, $"P{percentile}");

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Statistics;

        public int PriorityInCategory => 10;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Time;

        public string Legend => $"{percentile}th percentile of one operation (all iterations, outliers kept)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var values = summary[benchmarkCase]?.ResultStatistics?.OriginalValues;
            if (values is null || values.Count == 0)
            {
                return "NA";
            }

            var sorted = values.Order().ToList();
            var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
            return (sorted[Math.Clamp(rank, 0, sorted.Count - 1)] / 1_000_000).ToString("0.000 'ms'", CultureInfo.InvariantCulture);
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }

    /// <summary>Callbacks acknowledged per second: <see cref="Clients"/> / mean time of an operation.</summary>
    private sealed class AcksPerSecondColumn : IColumn
    {
        public string Id => "AcksPerSecond";

        public string ColumnName => "Acks/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Acknowledged callbacks per second (Clients / Mean)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            var clients = Convert.ToInt32(benchmarkCase.Parameters["Clients"], CultureInfo.InvariantCulture);
            return mean is > 0 ? (clients * 1e9 / mean.Value).ToString("N0", CultureInfo.InvariantCulture) : "NA";
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
