using ChatOps.Bot.Cli;
using ChatOps.Bot.Operations;
using ChatOps.Core.Supervision;

namespace ChatOps.Bot.Supervision;

/// <summary>Shared plumbing of the supervision verbs: the CLI acts as a system actor holding the office's role (never 督战组: it cannot close anything).</summary>
internal static class SupervisionCli
{
    /// <summary>Runs a use case in a unit of work, committing only when it succeeded.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter error, Func<SupervisionService, IUnitOfWork, DateTimeOffset, Task<SupervisionOutcome>> use)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var work = await services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync();
        var outcome = await use(services.GetRequiredService<SupervisionService>(), work, now);
        if (!outcome.Succeeded)
        {
            await error.WriteLineAsync(outcome.Message);
            return 1;
        }

        await work.CommitAsync();
        await output.WriteLineAsync(outcome.Message);
        return 0;
    }
}

/// <summary><c>import-problems FILE [--kind problem|complaint]</c>: imports a problem list or complaints; every error with its line, nothing written on any.</summary>
internal sealed class ImportProblemsVerb() : CliVerb("import-problems", "import-problems FILE.xlsx|FILE.csv [--kind problem|complaint] [--by 导入人]", words: 1)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error)
    {
        var kindText = args.Option("kind") ?? "problem";
        if (kindText is not ("problem" or "complaint" or "问题" or "投诉"))
        {
            return await UsageAsync(error);
        }

        var path = Path.GetFullPath(args.Words[0]);
        if (!File.Exists(path))
        {
            await error.WriteLineAsync(HostText.FileNotFound(path));
            return 1;
        }

        var kind = kindText is "complaint" or "投诉" ? SupervisionKind.Complaint : SupervisionKind.Problem;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var result = await services.GetRequiredService<SupervisionService>().ImportFileAsync(args.Actor, path, kind, now);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                await error.WriteLineAsync($"{Path.GetFileName(path)}: {e}");
            }

            await error.WriteLineAsync(SupervisionText.CliImportFailed(result.Errors.Count));
            return 1;
        }

        await output.WriteLineAsync(SupervisionText.CliImported(result.Imported, kind));
        return 0;
    }
}

/// <summary><c>task-create --unit U --text 内容 --due 2026-06-30 [--done 完成标准] [--source 来源] [--from-item 议定事项编号]</c>.</summary>
internal sealed class TaskCreateVerb() : CliVerb("task-create",
    "task-create --unit 单位 --text 督办内容 --due 2026-06-30 [--done 完成标准] [--source 领导批示|会议议定…] [--from-item 议定事项编号] [--by 交办人]",
    words: 0, maxWords: int.MaxValue)
{
    protected override Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error)
    {
        var options = args.Options;
        long? fromItem = options.GetValueOrDefault("from-item") is { } f && long.TryParse(f, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        var draft = new TaskDraft(options.GetValueOrDefault("unit"), options.GetValueOrDefault("text"), options.GetValueOrDefault("due"),
            options.GetValueOrDefault("done"), options.GetValueOrDefault("source") ?? "", fromItem);
        return SupervisionCli.RunAsync(services, output, error, (s, w, now) => s.CreateTaskAsync(w, args.Actor, draft, now));
    }
}

/// <summary><c>problem-milestone DATE PERCENT</c>: a dated rectification-rate target (seed 002: 2026-05-31 90).</summary>
internal sealed class ProblemMilestoneVerb() : CliVerb("problem-milestone", "problem-milestone 2026-05-31 90", words: 2)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error)
    {
        if (SupervisionDates.Parse(args.Words[0], DateTime.Now.Year) is not { } date
            || !int.TryParse(args.Words[1].TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
        {
            return await UsageAsync(error);
        }

        return await SupervisionCli.RunAsync(services, output, error, (s, w, now) => s.SetMilestoneAsync(w, args.Actor, date, percent, now));
    }
}

/// <summary><c>assign-supervisor UNIT PERSON</c>: makes a person (督战组 in the directory) one of a county's supervising group.</summary>
internal sealed class AssignSupervisorVerb() : CliVerb("assign-supervisor", "assign-supervisor 单位代码 人员编号", words: 2)
{
    protected override Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error) =>
        SupervisionCli.RunAsync(services, output, error, (s, w, now) => s.AssignSupervisorAsync(w, args.Actor, args.Words[0], args.Words[1], now));
}

/// <summary><c>problem-rates</c>: each county's rectification rate against the milestone in force.</summary>
internal sealed class ProblemRatesVerb() : CliVerb("problem-rates", "problem-rates", words: 0, maxWords: int.MaxValue)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var work = await services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync();
        var service = services.GetRequiredService<SupervisionService>();
        var rates = await service.RatesAsync(work, args.Actor, now);
        await output.WriteLineAsync(SupervisionText.Rates(rates, service.Today(now).Year).Replace("**", "", StringComparison.Ordinal));
        return 0;
    }
}
