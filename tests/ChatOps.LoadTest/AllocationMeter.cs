using System.Diagnostics;
using System.Globalization;

namespace ChatOps.LoadTest;

/// <summary>
/// Bytes a server process allocates per request during a phase, read with <c>dotnet-counters</c> (the .NET global tool;
/// looked for on PATH and in ~/.dotnet/tools) from the runtime's <c>dotnet.gc.heap.total_allocated</c> rate, sampled
/// every second: the mean rate over the phase divided by the phase's request rate. Skipped without the tool.
/// </summary>
internal sealed class AllocationMeter
{
    private static readonly string? Tool = FindTool();
    private readonly Process? _process;
    private readonly string _file;

    private AllocationMeter(Process? process, string file)
    {
        _process = process;
        _file = file;
    }

    /// <summary>Starts sampling <paramref name="server"/> for <paramref name="duration"/>.</summary>
    public static AllocationMeter Start(ServerProcess server, TimeSpan duration)
    {
        var file = Path.Combine(Path.GetTempPath(), $"chatops-load-alloc-{Guid.NewGuid():N}.csv");
        if (Tool is null)
        {
            return new AllocationMeter(null, file);
        }

        var info = new ProcessStartInfo(Tool) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in new[]
        {
            "collect", "-p", server.Id.ToString(CultureInfo.InvariantCulture), "--counters", "System.Runtime", "--format", "csv", "-o", file,
            "--refresh-interval", "1", "--duration", duration.ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info);
        process?.StandardOutput.ReadToEndAsync();
        process?.StandardError.ReadToEndAsync();
        return new AllocationMeter(process, file);
    }

    /// <summary>"allocated 12.3 KB per request" for a phase that served <paramref name="rate"/> requests/s.</summary>
    public async Task<string> PerRequestAsync(double rate, string what = "request")
    {
        var rates = await RatesAsync();
        return rates is null || rates.Count < 2 || rate <= 0
            ? "allocations not measured"
            : string.Create(CultureInfo.InvariantCulture, $"allocated {rates.Skip(1).Average() / rate / 1024:0.0} KB per {what} ({rates.Count - 1} one-second samples)");
    }

    /// <summary>
    /// "allocated 12.3 KB per message": everything allocated while sampling (each sample a one-second rate), divided by
    /// <paramref name="count"/>; for a sampling window that covers the phase and the work it left behind.
    /// </summary>
    public async Task<string> TotalPerRequestAsync(long count, string what = "message")
    {
        var rates = await RatesAsync();
        return rates is null || rates.Count == 0 || count <= 0
            ? "allocations not measured"
            : string.Create(CultureInfo.InvariantCulture, $"allocated {rates.Sum() / count / 1024:0.0} KB per {what} ({rates.Count} s sampled)");
    }

    /// <summary>The allocation rates sampled (bytes/s, one a second), once sampling has ended; null without the tool.</summary>
    private async Task<List<double>?> RatesAsync()
    {
        if (_process is null)
        {
            return null;
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }

        _process.Dispose();
        if (!File.Exists(_file))
        {
            return null;
        }

        // Timestamp,Provider,Counter Name,Counter Type,Mean/Increment — a rate in bytes per second, once a second.
        var rates = File.ReadLines(_file)
            .Select(line => line.Split(','))
            .Where(f => f.Length >= 5 && f[2].StartsWith("dotnet.gc.heap.total_allocated", StringComparison.Ordinal))
            .Select(f => double.Parse(f[4], CultureInfo.InvariantCulture))
            .ToList();
        File.Delete(_file);
        return rates;
    }

    private static string? FindTool()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Append(Path.Combine(home, ".dotnet", "tools"))
            .Select(dir => Path.Combine(dir, "dotnet-counters"));
        return candidates.FirstOrDefault(File.Exists);
    }
}
