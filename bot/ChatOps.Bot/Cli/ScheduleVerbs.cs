using ChatOps.Core.Calendar;
using ChatOps.Core.Reports.Scheduling;

namespace ChatOps.Bot.Cli;

/// <summary>
/// <c>send-prompts [--cycle weekly] [--by NAME]</c>: queues the current period's prompt for every liaison who still
/// owes the report and is not exempt, now — for trying the bot out, or to prompt again by hand. It only writes the
/// outbox; the running host sends. Repeatable, and the scheduled prompts and reminders are left as they are.
/// </summary>
internal sealed class SendPromptsVerb : ICliVerb
{
    public string Name => "send-prompts";

    public string Usage => "send-prompts [--cycle weekly|quarterly] [--by 发送人]";

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        if (!ReportVerbArgs.TryParse(args, ["cycle", "by"], Usage, out var options, out var problem))
        {
            await error.WriteLineAsync(problem);
            return CliVerbs.Usage;
        }

        if (!ReportVerbArgs.TryResolve<ReportScheduler>(services, out var scheduler, out problem))
        {
            await error.WriteLineAsync(problem);
            return Hosting.ChatOpsHost.StartupFailed;
        }

        PromptRun run;
        try
        {
            run = await scheduler.SendPromptsNowAsync(
                ReportVerbArgs.Cycle(options), services.GetRequiredService<TimeProvider>().GetUtcNow(), options.GetValueOrDefault("by") ?? $"cli:{Environment.UserName}");
        }
        catch (SchedulingException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }

        await output.WriteLineAsync(PeriodFormatter.FormatLine(run.Period, run.Cycle.Definition));
        await output.WriteLineAsync(
            $"已将 {run.Queued} 条{run.Cycle.Name}填报提示排入发送队列（由运行中的机器人发出）；已报送或待审核 {run.Submitted} 个单位，请假免催 {run.Exempt} 个。");
        if (run.Unreachable.Count > 0)
        {
            await output.WriteLineAsync($"无法送达 {run.Unreachable.Count} 个单位（未设联络员或联络员没有可用的账号）：{string.Join("、", run.Unreachable)}");
        }

        return 0;
    }
}

/// <summary>
/// <c>exempt --person ID --reason 原因 [--cycle weekly] [--period KEY] [--by NAME]</c>: exempts a liaison from
/// chasing for one period (on leave; the period open now unless named), like WeCom 汇报's white list.
/// </summary>
internal sealed class ExemptVerb : ICliVerb
{
    public string Name => "exempt";

    public string Usage => "exempt --person 人员编号 --reason 原因 [--cycle weekly|quarterly] [--period 2026-W48] [--by 登记人]";

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        if (!ReportVerbArgs.TryParse(args, ["cycle", "period", "person", "reason", "by"], Usage, out var options, out var problem)
            || !ReportVerbArgs.TryRequired(options, "person", Usage, out var person, ref problem)
            || !ReportVerbArgs.TryRequired(options, "reason", Usage, out var reason, ref problem))
        {
            await error.WriteLineAsync(problem);
            return CliVerbs.Usage;
        }

        if (!ReportVerbArgs.TryResolve<ReportExemptions>(services, out var exemptions, out problem))
        {
            await error.WriteLineAsync(problem);
            return Hosting.ChatOpsHost.StartupFailed;
        }

        try
        {
            var e = await exemptions.ExemptAsync(
                ReportVerbArgs.Cycle(options), options.GetValueOrDefault("period"), person, reason, options.GetValueOrDefault("by") ?? $"cli:{Environment.UserName}");
            await output.WriteLineAsync(
                $"{(e.AlreadyExempt ? "已更新" : "已登记")}：{e.Person.Name}（{e.Person.Id}）{e.Period.Key} 期{e.Cycle.Name}免催，原因：{e.Reason}。");
            return 0;
        }
        catch (SchedulingException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
    }
}
