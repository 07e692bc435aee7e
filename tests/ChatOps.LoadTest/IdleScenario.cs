using System.Globalization;
using System.Runtime.InteropServices;

namespace ChatOps.LoadTest;

/// <summary>
/// <c>idle</c> (issue 17: an idle host should use at most 0.5 % of a core): the bot's Release build as its own process,
/// WeCom configured against the loopback stub, the sample directory, on SQLite or with <c>--postgres</c> on a fresh
/// PostgreSQL database; nobody writes. After <see cref="Settle"/> of start-up it samples the process's CPU time
/// (<c>/proc/PID/stat</c> utime + stime) over <c>--seconds</c> (default 120) and prints it as % of one core, with each
/// thread's CPU and wake-ups (voluntary context switches, from <c>/proc/PID/task/TID</c>) — the threads are named by
/// .NET and Quartz, so the table says what woke the process. On PostgreSQL the database server's backends serving the
/// bot are measured too. <c>--set Key=Value</c> passes settings to the bot (e.g. <c>--set Engine:IdlePollInterval=00:00:01</c>).
/// </summary>
internal static class IdleScenario
{
    /// <summary>
    /// Start-up left out of the sample (<c>--settle</c>, default 300 s): migrations, the directory seed, and most of the
    /// JIT's tier-up — the runtime recompiles, optimised, each method called 30 times, so code that runs once a minute
    /// keeps the "Tiered Compilation" threads busy for many minutes after start (they are shown apart below).
    /// </summary>
    public static TimeSpan Settle { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>How long the sample lasts (<c>--seconds</c>; default 120 s: two minute-job firings).</summary>
    public static TimeSpan? Duration { get; set; }

    /// <summary>Extra settings for the bot (<c>--set</c>), ':' separated as in appsettings.</summary>
    public static Dictionary<string, string> Settings { get; } = [];

    private static TimeSpan Sampled => Duration ?? TimeSpan.FromSeconds(120);

    public static async Task<int> RunAsync()
    {
        Harness.Print($"idle on {LoadDatabase.Kind}: " + Harness.Conditions());
        await LoadDatabase.PrintServerAsync();
        await using var stubs = await Stubs.StartAsync();
        await using var database = await LoadDatabase.CreateAsync();
        var settings = database.PointBotAt(WeComCallbacks.BotSettings(stubs.Url));
        foreach (var (key, value) in Settings)
        {
            settings[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var folder = Harness.TempFolder("idle");
        await using var bot = await Harness.StartBotAsync(folder, "Production", settings);
        Harness.Print(string.Create(CultureInfo.InvariantCulture,
            $"bot pid {bot.Id} answered /healthz; settling {Settle.TotalSeconds:0} s, then sampling {Sampled.TotalSeconds:0} s{(Settings.Count == 0 ? "" : " with " + string.Join(", ", Settings.Select(kv => kv.Key + "=" + kv.Value)))}"));
        await Task.Delay(Settle);

        var backends = await database.BackendPidsAsync();
        var before = Sample.Take(bot.Id);
        var backendsBefore = backends.ToDictionary(p => p, p => Sample.ProcessTicks(p));
        var sentBefore = stubs.WeComSends;

        // Read every quarter second (from this process: the bot is not woken by it), so threads that end during the
        // sample (thread-pool workers retire after 20 s idle) keep their last reading, and CPU is seen per 10 s.
        var seen = new Dictionary<int, (string Name, long Ticks, long Wakeups)>(before.Threads);
        var timeline = new List<long>();
        var bucketStart = before;
        var after = before;
        while (after.At - before.At < Sampled)
        {
            await Task.Delay(250);
            after = Sample.Take(bot.Id);
            foreach (var (tid, thread) in after.Threads)
            {
                seen[tid] = thread;
            }

            if (after.At - bucketStart.At >= TimeSpan.FromSeconds(10))
            {
                timeline.Add(after.Ticks - bucketStart.Ticks);
                bucketStart = after;
            }
        }

        var backendsAfter = backends.ToDictionary(p => p, p => Sample.ProcessTicks(p));
        var seconds = (after.At - before.At).TotalSeconds;
        var wakeups = seen.Sum(t => t.Value.Wakeups - (before.Threads.TryGetValue(t.Key, out var b) ? b.Wakeups : 0));
        var cpu = (after.Ticks - before.Ticks) / Sample.TicksPerSecond;
        Harness.Print(string.Create(CultureInfo.InvariantCulture,
            $"idle CPU of the bot: {cpu:0.00} s over {seconds:0.0} s = {cpu / seconds * 100:0.00} % of one core (target <= 0.5 %); "
            + $"{wakeups:N0} wake-ups ({wakeups / seconds:0.0}/s); threads {after.Threads.Count}; sends to the stub during the sample {stubs.WeComSends - sentBefore}"));
        if (backends.Count > 0)
        {
            var backendCpu = backends.Sum(p => Math.Max(0, (backendsAfter[p] ?? 0) - (backendsBefore[p] ?? 0))) / Sample.TicksPerSecond;
            Harness.Print(string.Create(CultureInfo.InvariantCulture,
                $"PostgreSQL backends serving the bot ({backends.Count}): {backendCpu:0.00} s = {backendCpu / seconds * 100:0.00} % of one core"));
        }

        Harness.Print("per thread (CPU during the sample, wake-ups = voluntary context switches; ×N threads of that name seen), busiest first:");
        var rows = seen
            .Select(t => (t.Value.Name, Ticks: t.Value.Ticks - (before.Threads.TryGetValue(t.Key, out var b) ? b.Ticks : 0),
                Wakeups: t.Value.Wakeups - (before.Threads.TryGetValue(t.Key, out var w) ? w.Wakeups : 0)))
            .GroupBy(r => r.Name)
            .Select(g => (Name: g.Key, Count: g.Count(), Ticks: g.Sum(r => r.Ticks), Wakeups: g.Sum(r => r.Wakeups)))
            .Where(r => r.Ticks > 0 || r.Wakeups > 0)
            .OrderByDescending(r => r.Ticks).ThenByDescending(r => r.Wakeups);
        foreach (var row in rows)
        {
            Harness.Print(string.Create(CultureInfo.InvariantCulture,
                $"  {row.Name,-18} ×{row.Count,-3} {row.Ticks / Sample.TicksPerSecond * 1000,7:0} ms  {row.Wakeups,6:N0} wake-ups ({row.Wakeups / seconds:0.00}/s)"));
        }

        var gone = (after.Ticks - before.Ticks) - seen.Sum(t => t.Value.Ticks - (before.Threads.TryGetValue(t.Key, out var b) ? b.Ticks : 0));
        if (gone > 0)
        {
            Harness.Print(string.Create(CultureInfo.InvariantCulture, $"  (threads that lived less than a quarter second: {gone / Sample.TicksPerSecond * 1000:0} ms)"));
        }

        var jit = seen.Where(t => t.Value.Name.StartsWith(".NET Tiered", StringComparison.Ordinal))
            .Sum(t => t.Value.Ticks - (before.Threads.TryGetValue(t.Key, out var b) ? b.Ticks : 0)) / Sample.TicksPerSecond;
        Harness.Print(string.Create(CultureInfo.InvariantCulture,
            $"of which the JIT's tier-up (.NET Tiered Compilation threads, fades as the host runs): {jit:0.00} s; the rest: {(cpu - jit) / seconds * 100:0.00} % of one core"));
        Harness.Print("CPU per 10 s (ms): " + string.Join(" ", timeline.Select(t => (t / Sample.TicksPerSecond * 1000).ToString("0", CultureInfo.InvariantCulture))));

        Harness.Print("conditions at the end: " + Harness.Conditions());
        await bot.KillAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return 0;
    }

    /// <summary>One reading of a process's and its threads' CPU ticks and voluntary context switches.</summary>
    private sealed record Sample(DateTime At, long Ticks, long Wakeups, Dictionary<int, (string Name, long Ticks, long Wakeups)> Threads)
    {
        private const int ClockTicks = 2; // _SC_CLK_TCK

        public static readonly double TicksPerSecond = OperatingSystem.IsLinux() ? sysconf(ClockTicks) : 100;

        public static Sample Take(int pid)
        {
            var threads = new Dictionary<int, (string, long, long)>();
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    var (name, ticks) = Stat(File.ReadAllText(Path.Combine(task, "stat")));
                    threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = (name, ticks, Switches(Path.Combine(task, "status")));
                }
                catch (IOException)
                {
                    // the thread ended while being read
                }
            }

            // The process's own status line counts its main thread only: the wake-ups are the threads' sum.
            return new Sample(DateTime.UtcNow, ProcessTicks(pid) ?? 0, threads.Values.Sum(t => t.Item3), threads);
        }

        /// <summary>utime + stime of a process (its live and ended threads), null when it is gone.</summary>
        public static long? ProcessTicks(int pid)
        {
            try
            {
                return Stat(File.ReadAllText($"/proc/{pid}/stat")).Ticks;
            }
            catch (IOException)
            {
                return null;
            }
        }

        private static (string Name, long Ticks) Stat(string stat)
        {
            // pid (comm) state ppid … : comm may hold spaces and parentheses, so split after the last ')'.
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            // fields[0] is field 3 (state): utime is field 14, stime field 15.
            return (stat[(open + 1)..close], long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
        }

        private static long Switches(string status)
        {
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(':')[1].Trim(), CultureInfo.InvariantCulture);
        }

        [DllImport("libc", SetLastError = true)]
        private static extern long sysconf(int name);
    }
}
