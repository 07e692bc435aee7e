using System.Globalization;

namespace ChatOps.LoadTest;

/// <summary>
/// CPU time a server process has used (user + system, from <c>/proc/PID/stat</c>), so a phase can report CPU per
/// request: unlike a rate, it hardly depends on how many other processes share the cores.
/// </summary>
internal sealed class CpuMeter
{
    private static readonly double TicksPerSecond = ClockTicks();
    private readonly int _pid;
    private readonly double _start;

    private CpuMeter(int pid)
    {
        _pid = pid;
        _start = Seconds(pid);
    }

    public static CpuMeter Start(ServerProcess server) => new(server.Id);

    /// <summary>CPU seconds used since <see cref="Start"/>.</summary>
    public double Elapsed => Seconds(_pid) - _start;

    /// <summary>"CPU 1.23 ms per request" for <paramref name="count"/> requests.</summary>
    public string PerRequest(long count, string what = "request") =>
        string.Create(CultureInfo.InvariantCulture, $"CPU {Elapsed:0.00} s: {(count == 0 ? double.NaN : Elapsed * 1000 / count):0.000} ms per {what}");

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
