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
    private readonly Sample _start;

    private CpuMeter(int pid)
    {
        _pid = pid;
        _start = Sample.Of(pid);
    }

    public static CpuMeter Start(ServerProcess server) => new(server.Id);

    /// <summary>The process's CPU seconds (user + system) since the start.</summary>
    public double Seconds => Sample.Of(_pid).CpuSeconds - _start.CpuSeconds;

    /// <summary>"CPU 1.23 s: 0.456 ms per request, 2.0 file reads (8.0 KiB), 0.1 page faults" for <paramref name="count"/> requests.</summary>
    public string PerRequest(long count, string what = "request")
    {
        var n = count == 0 ? double.NaN : count;
        var now = Sample.Of(_pid);
        var cpu = now.CpuSeconds - _start.CpuSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"CPU {cpu:0.00} s: {cpu * 1000 / n:0.000} ms per {what}, {(now.Reads - _start.Reads) / n:0.0} file reads "
            + $"({(now.Bytes - _start.Bytes) / 1024.0 / n:0.0} KiB), {(now.Faults - _start.Faults) / n:0.0} page faults");
    }

    /// <summary>
    /// A process's totals so far: utime + stime in seconds and minor page faults (/proc/PID/stat), read calls and bytes
    /// read (/proc/PID/io: files and pipes, not sockets). NaN and zeros where /proc is missing.
    /// </summary>
    private readonly record struct Sample(double CpuSeconds, long Reads, long Bytes, long Faults)
    {
        public static Sample Of(int pid)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
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

                return new Sample(
                    (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond,
                    reads,
                    bytes,
                    long.Parse(fields[7], CultureInfo.InvariantCulture));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return new Sample(double.NaN, 0, 0, 0);
            }
        }
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
