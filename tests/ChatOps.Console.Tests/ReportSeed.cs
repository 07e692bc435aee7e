using ChatOps.Core.Calendar;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports;
using ChatOps.Core.Reports.Overview;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Console.Tests;

/// <summary>Reports put in the console host's database through the storage ports and the report use cases.</summary>
internal static class ReportSeed
{
    public static readonly string Weekly = ReportCatalog.Weekly.Key;

    /// <summary>The default periods of the weekly cycle: the open one and the one just closed.</summary>
    public static (ReportPeriod Open, ReportPeriod Closed) Periods(IServiceProvider services)
    {
        var periods = services.GetRequiredService<ReportOverview>().DefaultPeriods(services.GetRequiredService<ReportCycles>().Get(Weekly));
        return (periods[0], periods[^1]);
    }

    /// <summary>Stores a report as it stands after submission (or waiting for review).</summary>
    public static async Task AddAsync(IServiceProvider services, ReportPeriod period, string unit, ReportStatus status, bool late, params string[] progress)
    {
        var ct = TestContext.Current.CancellationToken;
        var at = late ? period.Due.AddHours(5) : period.Due.AddDays(-1);
        var answers = new Dictionary<string, IReadOnlyList<string>>
        {
            ["progress"] = progress.Length == 0 ? ["按计划推进各项工作"] : progress,
            ["problems"] = ["无"],
            ["plan"] = ["继续推进"],
        };
        await using var work = await services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(ct);
        await work.Reports.InsertAsync(new Report(0, Weekly, period.Key, unit, status, $"{unit}.lly", answers, at, at, at, late,
            status == ReportStatus.Submitted ? 1 : 0), ct);
        await work.CommitAsync(ct);
    }

    /// <summary>A liaison submits through <see cref="ReportService"/> in the first period open to them, then revises it.</summary>
    public static async Task<ReportPeriod> SubmitAndReviseAsync(IServiceProvider services, string liaisonId)
    {
        var ct = TestContext.Current.CancellationToken;
        var reportService = services.GetRequiredService<ReportService>();
        var person = (await services.GetRequiredService<IDirectoryRepository>().FindPersonAsync(liaisonId, ct))!;
        var actor = Actor.Of(person, "test");
        var factory = services.GetRequiredService<IUnitOfWorkFactory>();
        ReportPeriod period;
        long id;
        IReadOnlyDictionary<string, IReadOnlyList<string>> first = new Dictionary<string, IReadOnlyList<string>>
        {
            ["progress"] = ["召开专题会议研究部署爱国卫生工作"],
            ["problems"] = ["无"],
            ["plan"] = ["开展督导检查"],
        };
        await using (var work = await factory.BeginAsync(ct))
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var slot = (await reportService.OpenPeriodsAsync(actor, work, ct)).First(s => s.Cycle.Key == Weekly && s.Period.Due > now.AddMinutes(5));
            period = slot.Period;
            var opened = await reportService.OpenAsync(actor, work, person.UnitCode!, Weekly, period.Key, ct);
            id = opened.Report!.Id;
            var submitted = await reportService.SubmitAsync(actor, work, new ReportSubmission(id, opened.Report.Version, first, opened.Report.Answers), ct);
            Assert.True(submitted.Succeeded, submitted.Message);
            await work.CommitAsync(ct);
        }

        await using (var work = await factory.BeginAsync(ct))
        {
            var again = await reportService.OpenAsync(actor, work, person.UnitCode!, Weekly, period.Key, ct);
            var second = new Dictionary<string, IReadOnlyList<string>>(first) { ["plan"] = ["开展督导检查，并组织暗访"] };
            var revised = await reportService.SubmitAsync(actor, work, new ReportSubmission(id, again.Report!.Version, second, first), ct);
            Assert.True(revised.Succeeded, revised.Message);
            await work.CommitAsync(ct);
        }

        return period;
    }
}
