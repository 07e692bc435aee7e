using System.Text;

namespace ChatOps.Bot.Tests.Cli;

/// <summary>The supervision verbs run as the README shows them, on the sample directory and the sample problem list.</summary>
public sealed class SupervisionVerbTests
{
    private static readonly string Samples = Path.Combine(AppContext.BaseDirectory, "samples");

    [Fact]
    public async Task ImportProblems_BadFileWritesNothing_SampleImports_RatesAgainstMilestone()
    {
        var folder = Directory.CreateTempSubdirectory("chatops-cli-").FullName;
        Assert.Equal(0, (await BotProcess.RunAsync(folder, "import-directory", Path.Combine(Samples, "directory.yaml"))).ExitCode);
        var sample = await File.ReadAllTextAsync(Path.Combine(Samples, "problems.csv"), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "bad.csv"), sample.Replace("2026-12-10", "十二月", StringComparison.Ordinal), Encoding.UTF8, TestContext.Current.CancellationToken);

        var bad = await BotProcess.RunAsync(folder, "import-problems", "bad.csv");
        var good = await BotProcess.RunAsync(folder, "import-problems", Path.Combine(Samples, "problems.csv"));
        var assign = await BotProcess.RunAsync(folder, "assign-supervisor", "532600", "dzz.wenshan");
        var milestone = await BotProcess.RunAsync(folder, "problem-milestone", "2026-05-31", "90");
        var rates = await BotProcess.RunAsync(folder, "problem-rates");

        Assert.Equal(1, bad.ExitCode);
        Assert.Equal(["bad.csv: 第 3 行：整改时限“十二月”不是有效日期（应写成 2026-06-30）。", "共 1 处错误，未导入任何内容。"],
            bad.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal((0, ""), (good.ExitCode, good.Error));
        Assert.Contains("已导入 4 个问题", good.Output, StringComparison.Ordinal);
        Assert.Equal((0, "已将李卫东列入文山州督战组。"), (assign.ExitCode, assign.Output.Trim()));
        Assert.Equal(0, milestone.ExitCode);
        Assert.Contains("文山州：0/3，0%，目标90%（5月31日），滞后", rates.Output, StringComparison.Ordinal);
        Assert.Contains("红河州：0/1", rates.Output, StringComparison.Ordinal);
    }
}
