using ChatOps.Core.Calendar;
using ChatOps.Core.Reports;
using ChatOps.Core.Reports.Scheduling;

namespace ChatOps.Bot.Cli;

/// <summary>
/// <c>send-prompts [--cycle weekly] [--by NAME]</c>: queues the current period's prompt for every liaison who still
/// owes the report and is not exempt, now — for trying the bot out, or to prompt again by hand. It only writes the
/// outbox; the running host sends. Repeatable, and the scheduled prompts and reminders are left as they are.
/// </summary>
internal sealed class SendPromptsVerb() : CliVerb("send-prompts", "send-prompts [--cycle weekly|quarterly] [--by 发送人]", options: ["cycle", "by"])
{
    protected override async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error)
    {
        var scheduler = Service<ReportScheduler>(services);
        PromptRun run;
        try
        {
            run = await scheduler.SendPromptsNowAsync(ReportVerbArgs.Cycle(args), services.GetRequiredService<TimeProvider>().GetUtcNow(), args.By);
        }
        catch (SchedulingException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }

        await output.WriteLineAsync(PeriodFormatter.FormatLine(run.Period, run.Cycle.Definition));
        await output.WriteLineAsync(ReportText.PromptsQueued(run));
        if (run.Unreachable.Count > 0)
        {
            await output.WriteLineAsync(ReportText.PromptsUnreachable(run.Unreachable));
        }

        return 0;
    }
}

/// <summary>
/// <c>exempt --person ID --reason 原因 [--cycle weekly] [--period KEY] [--by NAME]</c>: exempts a liaison from
/// chasing for one period (on leave; the period open now unless named), like WeCom 汇报's white list.
/// </summary>
internal sealed class ExemptVerb() : CliVerb(
    "exempt", "exempt --person 人员编号 --reason 原因 [--cycle weekly|quarterly] [--period 2026-W48] [--by 登记人]",
    options: ["cycle", "period", "person", "reason", "by"])
{
    protected override async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error)
    {
        var person = Required(args, "person");
        var reason = Required(args, "reason");
        var exemptions = Service<ReportExemptions>(services);
        try
        {
            var e = await exemptions.ExemptAsync(ReportVerbArgs.Cycle(args), args.Option("period"), person, reason, args.By);
            await output.WriteLineAsync(ReportText.ExemptionRecorded(e));
            return 0;
        }
        catch (SchedulingException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
    }
}
