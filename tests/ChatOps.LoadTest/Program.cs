using System.Globalization;
using ChatOps.LoadTest;

// dotnet run -c Release --project tests/ChatOps.LoadTest -- wecom|botframework|engine|idle [--seconds 10] [--warmup 20] [--connections 16] [--rounds 1] [--auth] [--rate 1000] [--no-pin] [--postgres] (idle: [--settle 300] [--set Key=Value]…)
// (docs/benchmarks.md, "Load harness"). `bare PORT` is the bare Kestrel endpoint the harness starts as its own process.
if (args is ["bare", var port])
{
    return await Kestrel.RunBareAsync(int.Parse(port, CultureInfo.InvariantCulture));
}

for (var i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--seconds":
            Harness.Duration = TimeSpan.FromSeconds(double.Parse(args[++i], CultureInfo.InvariantCulture));
            IdleScenario.Duration = Harness.Duration;
            break;
        case "--warmup":
            Harness.WarmUp = TimeSpan.FromSeconds(double.Parse(args[++i], CultureInfo.InvariantCulture));
            break;
        case "--connections":
            Harness.Connections = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--rounds":
            Harness.Rounds = Math.Max(1, int.Parse(args[++i], CultureInfo.InvariantCulture));
            break;
        case "--rate":
            Harness.Rate = double.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--auth":
            Harness.Authenticated = true;
            break;
        case "--no-pin":
            Harness.Pin = false;
            break;
        case "--settle":
            IdleScenario.Settle = TimeSpan.FromSeconds(double.Parse(args[++i], CultureInfo.InvariantCulture));
            break;
        case "--set" when args[i + 1].Split('=', 2) is [var key, var value]:
            IdleScenario.Settings[key] = value;
            i++;
            break;
        case "--postgres":
            LoadDatabase.PostgreSqlServer = Environment.GetEnvironmentVariable("CHATOPS_TEST_POSTGRES")
                ?? throw new InvalidOperationException("--postgres needs CHATOPS_TEST_POSTGRES (source tests/postgres.sh)");
            break;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}.");
            return 2;
    }
}

Harness.PinSelf();
try
{
    return args.FirstOrDefault() switch
    {
        "wecom" => await WeComScenario.RunAsync(),
        "botframework" => await BotFrameworkScenario.RunAsync(),
        "engine" => await EngineScenario.RunAsync(),
        "idle" => await IdleScenario.RunAsync(),
        _ => Usage(),
    };
}
finally
{
    LoadDatabase.UnpinServer();
}

static int Usage()
{
    Console.Error.WriteLine("usage: ChatOps.LoadTest wecom|botframework|engine|idle [--seconds 10] [--warmup 20] [--connections 16] [--rounds 1] [--auth] [--rate 1000] [--no-pin] [--postgres] [--settle 300] [--set Key=Value]");
    return 2;
}
