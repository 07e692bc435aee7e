using System.Text.Json;

namespace ChatOps.Bot.Tests.Operations;

/// <summary>
/// The runtime settings the bot ships in its <c>ChatOps.Bot.runtimeconfig.json</c> (set in ChatOps.Bot.csproj), which
/// the load harness showed to matter (docs/benchmarks.md): enough thread-pool workers from the start that database
/// calls blocking their workers do not stall everything else, and workers that do not spin when idle.
/// </summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void TheBotsRuntimeConfig_StartsTheThreadPoolWithSixteenWorkers_AndNoSpinning()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "ChatOps.Bot.runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.GetProperty("System.Threading.ThreadPool.MinThreads").GetInt32() >= 16);
        Assert.Equal(0, properties.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
    }
}
