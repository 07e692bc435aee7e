using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Testing;

/// <summary>
/// The real host (Program.cs) for the console's browser tests: <see cref="BotHost"/> — Kestrel on loopback, a fresh
/// data folder (SQLite file), the sample directory — in the Development environment unless the settings say otherwise.
/// </summary>
public sealed class ConsoleHost(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : BotHost(Development(settings), services)
{
    private static Dictionary<string, string?> Development(IDictionary<string, string?>? settings)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        all.TryAdd("environment", "Development");
        return all;
    }
}
