using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using ChatOps.Channels.WeCom;
using ChatOps.Channels.WeCom.Hosting;
using Microsoft.Data.Sqlite;

namespace ChatOps.LoadTest;

/// <summary>
/// Really signed and AES-encrypted WeCom text callbacks, each a new MsgId; from a new sender each (unknown to the
/// directory) unless <paramref name="sender"/> names the WeCom userid of a sequence number.
/// </summary>
internal sealed class WeComCallbacks(Func<long, string>? sender = null)
{
    private const long MsgIdBase = 7_400_000_000_000_000_000;
    private readonly Func<long, string> _sender = sender ?? (sequence => $"load-user-{sequence}");
    private readonly WeComCrypto _crypto = new(Harness.Token, Harness.AesKey, Harness.CorpId);
    private readonly string _timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public static string MsgId(long sequence) => (MsgIdBase + sequence).ToString(CultureInfo.InvariantCulture);

    public (string Query, byte[] Body) Create(long sequence)
    {
        var xml = new XElement("xml",
            new XElement("ToUserName", new XCData(Harness.CorpId)),
            new XElement("FromUserName", new XCData(_sender(sequence))),
            new XElement("CreateTime", _timestamp),
            new XElement("MsgType", new XCData("text")),
            new XElement("Content", new XCData("本周完成问题整改12项，下周继续推进农贸市场环境卫生整治。")),
            new XElement("MsgId", MsgId(sequence)),
            new XElement("AgentID", Harness.AgentId)).ToString(SaveOptions.DisableFormatting);
        var nonce = RandomNumberGenerator.GetHexString(10, lowercase: true);
        var encrypted = _crypto.CreateEncryptedMessage(xml, _timestamp, nonce);
        return ($"?msg_signature={encrypted.MsgSignature}&timestamp={_timestamp}&nonce={nonce}",
            Encoding.UTF8.GetBytes(encrypted.ToCallbackBody(Harness.CorpId, Harness.AgentId)));
    }

    /// <summary>
    /// Requests for sequence numbers <paramref name="first"/>…, prepared ahead (<paramref name="prepared"/> of them, so
    /// the encryption does not compete with the sending) and made on the fly beyond.
    /// </summary>
    public RequestFactory Requests(Uri url, long first, int prepared)
    {
        var ready = new (string Query, byte[] Body)[prepared];
        Parallel.For(0, prepared, i => ready[i] = Create(first + i));
        return index =>
        {
            var (query, body) = index < ready.Length ? ready[index] : Create(first + index);
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/xml");
            return new HttpRequestMessage(HttpMethod.Post, new Uri(url + query)) { Content = content };
        };
    }

    public static Dictionary<string, string> BotSettings(Uri api) => new()
    {
        ["WeCom__CorpId"] = Harness.CorpId,
        ["WeCom__AgentId"] = Harness.AgentId,
        ["WeCom__Secret"] = "load-secret",
        ["WeCom__Token"] = Harness.Token,
        ["WeCom__EncodingAESKey"] = Harness.AesKey,
        ["WeCom__ApiBaseUrl"] = api.ToString().TrimEnd('/'),
    };
}

/// <summary>
/// <c>wecom</c>: the bot's WeCom callback endpoint against a bare Kestrel endpoint answering 200, same client, same
/// bodies, same run: closed loop at <see cref="Harness.Connections"/>, then open loop at <see cref="Harness.Rate"/>.
/// Then kill -9 of the bot and a look into its database: every acknowledged MsgId must be in the inbox. On SQLite, or
/// with <c>--postgres</c> on a fresh PostgreSQL database (<see cref="LoadDatabase"/>).
/// </summary>
internal static class WeComScenario
{
    public static async Task<int> RunAsync()
    {
        Harness.Print($"WeCom callbacks on {LoadDatabase.Kind}: " + Harness.Conditions());
        await LoadDatabase.PrintServerAsync();
        await using var stubs = await Stubs.StartAsync();
        await using var bare = await Harness.StartBareAsync("bare Kestrel", stubs);
        await using var floor = await Harness.StartBareAsync("floor", stubs);
        var folder = Harness.TempFolder("wecom");
        await using var database = await LoadDatabase.CreateAsync();
        await using var bot = await Harness.StartBotAsync(folder, "Production", database.PointBotAt(WeComCallbacks.BotSettings(stubs.Url)));
        var callbacks = new WeComCallbacks();
        var bareUrl = new Uri(bare.Url, "/bare");
        var floorUrl = new Uri(floor.Url, "/floor/wecom");
        var botUrl = new Uri(bot.Url, WeComChannelOptions.DefaultCallbackPath);
        using var client = Load.Client(512);
        var acked = new ConcurrentBag<long>();
        var seconds = Harness.Duration.TotalSeconds;

        // Warm-up (JIT, connection pools, SQLite pages), not counted; the bot's replies to it are awaited.
        await Load.ClosedAsync("warm-up bare", client, callbacks.Requests(bareUrl, 90_000_000, 2_000), Harness.Connections, TimeSpan.FromSeconds(2));
        await Load.ClosedAsync("warm-up floor", client, callbacks.Requests(floorUrl, 90_000_000, 2_000), Harness.Connections, Harness.WarmUp);
        stubs.Reset();
        // The bot's warm-up is longer (Harness.WarmUp) and ends with a pause: the runtime recompiles hot methods (tier 1)
        // only once new code stops appearing for a moment, and production runs for days in that state, not in its first seconds.
        var warm = await Load.ClosedAsync("warm-up bot", client, callbacks.Requests(botUrl, 90_000_000, 4_000), Harness.Connections, Harness.WarmUp);
        await stubs.WaitForAsync(() => stubs.WeComSends, warm.Completed, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(2));

        // CPU per request (/proc/PID/stat) is printed beside each rate: on a shared machine it is the figure that holds.
        var cpu = CpuMeter.Start(bare);
        var alloc = AllocationMeter.Start(bare, Harness.Duration);
        var closedBare = await Load.ClosedAsync(
            $"bare Kestrel, {Harness.Connections} connections", client, callbacks.Requests(bareUrl, 0, 20_000), Harness.Connections, Harness.Duration);
        Harness.Print(closedBare.ToString());
        Harness.Print($"{"",-34} bare Kestrel {cpu.PerRequest(closedBare.Completed)}; {await alloc.PerRequestAsync(closedBare.Rate)}");
        // The floor: acknowledging and sending one reply per callback, nothing else (Floor). No host that replies to
        // every message it acknowledges can do so faster on the same core.
        stubs.Reset();
        cpu = CpuMeter.Start(floor);
        var closedFloor = await Load.ClosedAsync(
            $"floor (ack + reply), {Harness.Connections} conn.", client, callbacks.Requests(floorUrl, 0, 20_000), Harness.Connections, Harness.Duration);
        Harness.Print(closedFloor.ToString());
        Harness.Print($"{"",-34} floor {cpu.PerRequest(closedFloor.Completed, "callback (acknowledged, reply sent)")}; {stubs.WeComSends:N0} replies sent");
        stubs.Reset();
        cpu = CpuMeter.Start(bot);
        alloc = AllocationMeter.Start(bot, Harness.Duration);
        var closedBot = await Load.ClosedAsync(
            $"WeCom callback, {Harness.Connections} connections", client, callbacks.Requests(botUrl, 10_000_000, (int)(seconds * 3_000)), Harness.Connections,
            Harness.Duration, (i, _) => acked.Add(10_000_000 + i));
        Harness.Print(closedBot.ToString());
        Harness.Print($"{"",-34} bot during the loop {cpu.PerRequest(closedBot.Completed, "acknowledgement")}; {await alloc.PerRequestAsync(closedBot.Rate, "acknowledgement")}");
        // Let the bot's engine and dispatcher answer every acknowledged message: the whole cost of one message.
        await stubs.WaitForAsync(() => stubs.WeComSends, closedBot.Completed, TimeSpan.FromSeconds(10));
        Harness.Print($"{"",-34} bot until all {stubs.WeComSends:N0} replies were sent: {cpu.PerRequest(closedBot.Completed, "message (acknowledged, engine turn, reply sent)")}");

        cpu = CpuMeter.Start(bare);
        var openBare = await Load.OpenAsync(
            $"bare Kestrel, {Harness.Rate:0}/s open loop", client, callbacks.Requests(bareUrl, 0, (int)(seconds * Harness.Rate)), Harness.Rate, Harness.Duration);
        Harness.Print(openBare.ToString());
        Harness.Print($"{"",-34} bare Kestrel {cpu.PerRequest(openBare.Completed)}");
        stubs.Reset();
        cpu = CpuMeter.Start(bot);
        alloc = AllocationMeter.Start(bot, Harness.Duration + TimeSpan.FromSeconds(8));
        var openBot = await Load.OpenAsync(
            $"WeCom callback, {Harness.Rate:0}/s open loop", client, callbacks.Requests(botUrl, 20_000_000, (int)(seconds * Harness.Rate)), Harness.Rate,
            Harness.Duration, (i, _) => acked.Add(20_000_000 + i));
        Harness.Print(openBot.ToString());
        Harness.Print(openBot.SlowBySecond(20, Harness.Rate)!);
        await stubs.WaitForAsync(() => stubs.WeComSends, openBot.Completed, TimeSpan.FromSeconds(10));
        Harness.Print($"{"",-34} bot until all {stubs.WeComSends:N0} replies were sent: {cpu.PerRequest(openBot.Completed, "message")}; "
            + await alloc.TotalPerRequestAsync(openBot.Completed, "message (the loop and 8 s after)"));

        Harness.Print();
        Harness.Print($"closed loop: WeCom callback / bare = {Harness.Percent(closedBot.Rate, closedBare.Rate)} of the rate (goal >= 50 %); "
            + $"p99 {closedBot.Percentile(99):0.0} ms vs {closedBare.Percentile(99):0.0} ms");
        Harness.Print($"closed loop: floor (ack + reply, nothing else) / bare = {Harness.Percent(closedFloor.Rate, closedBare.Rate)}; "
            + $"WeCom callback / floor = {Harness.Percent(closedBot.Rate, closedFloor.Rate)}");
        Harness.Print($"open loop at {Harness.Rate:0}/s: WeCom callback p99 {openBot.Percentile(99):0.0} ms (goal <= 20 ms), bare p99 {openBare.Percentile(99):0.0} ms; "
            + $"{openBot.Errors} errors");

        // Crash the bot the hard way and count what survived.
        await bot.KillAsync();
        var missing = await MissingFromInboxAsync(database, folder, acked);
        Harness.Print($"kill -9 after {acked.Count:N0} acknowledged callbacks: {acked.Count - missing:N0} in the inbox, {missing} missing");
        Harness.Print("conditions at the end: " + Harness.Conditions());
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return missing == 0 ? 0 : 1;
    }

    /// <summary>Acknowledged MsgIds not found in the inbox of the (killed) bot's database.</summary>
    public static async Task<int> MissingFromInboxAsync(LoadDatabase database, string folder, IEnumerable<long> acked)
    {
        if (database.IsPostgreSql)
        {
            var keys = (await database.QueryStringsAsync("SELECT dedupe_key FROM inbox WHERE channel = 'wecom'")).ToHashSet(StringComparer.Ordinal);
            return acked.Count(s => !keys.Contains("msg:" + WeComCallbacks.MsgId(s)));
        }

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "chatops.db")}");
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            // The bot sets no synchronous pragma: this build's default is what its connections use too (2 = FULL).
            pragma.CommandText = "PRAGMA journal_mode; ";
            var journal = await pragma.ExecuteScalarAsync();
            pragma.CommandText = "PRAGMA synchronous;";
            Harness.Print($"SQLite: journal_mode {journal}, synchronous {await pragma.ExecuteScalarAsync()} (2 = FULL: every commit fsyncs the WAL)");
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT dedupe_key FROM inbox WHERE channel = 'wecom'";
        var stored = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored.Add(reader.GetString(0));
            }
        }

        return acked.Count(s => !stored.Contains("msg:" + WeComCallbacks.MsgId(s))); // WeComInbound.DedupeKey of a message
    }
}
