using System.Globalization;

namespace ChatOps.LoadTest;

/// <summary>
/// CPU time a server process has used (user + system, from <c>/proc/PID/stat</c>), so a phase can report CPU per
/// request: unlike a rate, it hardly depends on how many other processes share the cores. Beside it, counts that do not
/// depend on the machine's load at all: file reads (<c>syscr</c>/<c>rchar</c> of <c>/proc/PID/io</c>: SQLite's page
/// reads, a connection's page cache being lost shows here) and minor page faults (memory taken from the kernel afresh).
/// </summary>
internal sealed class CpuMeter
{
    private static readonly double TicksPerSecond = ClockTicks();
    private readonly int _pid;
    private readonly double _start;
    private readonly (long Reads, long Bytes, long Faults) _startCounts;

    private CpuMeter(int pid)
    {
        _pid = pid;
        _start = Seconds(pid);
        _startCounts = Counts(pid);
    }

    public static CpuMeter Start(ServerProcess server) => new(server.Id);

    /// <summary>CPU seconds used since <see cref="Start"/>.</summary>
    public double Elapsed => Seconds(_pid) - _start;

    /// <summary>"CPU 1.23 s: 0.456 ms per request, 2.0 file reads (8.0 KiB), 0.1 page faults" for <paramref name="count"/> requests.</summary>
    public string PerRequest(long count, string what = "request")
    {
        var n = count == 0 ? double.NaN : count;
        var now = Counts(_pid);
        return string.Create(CultureInfo.InvariantCulture,
            $"CPU {Elapsed:0.00} s: {Elapsed * 1000 / n:0.000} ms per {what}, {(now.Reads - _startCounts.Reads) / n:0.0} file reads "
            + $"({(now.Bytes - _startCounts.Bytes) / 1024.0 / n:0.0} KiB), {(now.Faults - _startCounts.Faults) / n:0.0} page faults");
    }

    /// <summary>Read calls and bytes read (/proc/PID/io, files and pipes; not sockets) and minor page faults so far.</summary>
    private static (long Reads, long Bytes, long Faults) Counts(int pid)
    {
        try
        {
            long reads = 0, bytes = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/io"))
            {
                if (line.StartsWith("syscr:", StringComparison.Ordinal))
                {
                    reads = long.Parse(line.AsSpan(6).Trim(), CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("rchar:", StringComparison.Ordinal))
                {
                    bytes = long.Parse(line.AsSpan(6).Trim(), CultureInfo.InvariantCulture);
                }
            }

            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var faults = long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[7], CultureInfo.InvariantCulture);
            return (reads, bytes, faults);
        }
        catch (IOException)
        {
            return (0, 0, 0);
        }
        catch (UnauthorizedAccessException)
        {
            return (0, 0, 0);
        }
    }

    /// <summary>utime + stime of a process, in seconds (NaN where /proc is missing).</summary>
    public static double Seconds(int pid)
    {
        var path = $"/proc/{pid}/stat";
        if (!File.Exists(path))
        {
            return double.NaN;
        }

        var stat = File.ReadAllText(path);
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / TicksPerSecond;
    }

    private static double ClockTicks()
    {
        try
        {
            using var getconf = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true, UseShellExecute = false });
            var text = getconf?.StandardOutput.ReadToEnd().Trim();
            getconf?.WaitForExit();
            return double.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks) && ticks > 0 ? ticks : 100;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 100;
        }
    }
}
