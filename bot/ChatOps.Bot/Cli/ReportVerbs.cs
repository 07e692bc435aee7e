using System.Text;
using ChatOps.Bot.Hosting;
using ChatOps.Core.Calendar;
using ChatOps.Core.Reports;

namespace ChatOps.Bot.Cli;

/// <summary>
/// <c>periods [--cycle weekly] --from 2026-01-01 --to 2026-12-31</c>: every period whose deadline falls in the range,
/// with its key, the days it covers and its deadline after 顺延, so the office can check the year against the State
/// Council's holiday notice. Years without official holiday data are warned about on the error stream.
/// </summary>
internal sealed class PeriodsVerb() : CliVerb(
    "periods", "periods [--cycle weekly|quarterly] --from YYYY-MM-DD --to YYYY-MM-DD", options: ["cycle", "from", "to"])
{
    protected override async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error)
    {
        var from = Date(args, "from");
        var to = Date(args, "to");
        if (to < from)
        {
            await error.WriteLineAsync(ReportText.PeriodsBadRange(ReportVerbArgs.Iso(to), ReportVerbArgs.Iso(from)));
            return CliVerbs.Usage;
        }

        var cycles = Service<ReportCycles>(services);
        var calculator = Service<PeriodCalculator>(services);
        ReportCycle cycle;
        try
        {
            cycle = cycles.Get(ReportVerbArgs.Cycle(args));
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return CliVerbs.Usage;
        }

        var periods = calculator.Periods(cycle.Definition, from, to);
        // The range's own years, and any year a listed period reaches into (a deadline early in January covers December).
        var zone = cycle.Definition.GetTimeZone();
        var missingYears = calculator.Calendar.YearsWithoutData(from, to)
            .Union(periods.SelectMany(p => calculator.Calendar.YearsWithoutData(
                p.Covers.Start, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(p.Due, zone).DateTime))))
            .Order()
            .ToList();
        foreach (var year in missingYears)
        {
            await error.WriteLineAsync(ReportText.NoHolidayData(year));
        }

        await output.WriteLineAsync(ReportText.PeriodsListed(cycle, ReportVerbArgs.Iso(from), ReportVerbArgs.Iso(to), periods));
        foreach (var line in PeriodFormatter.FormatLines(periods, cycle.Definition))
        {
            await output.WriteLineAsync(line);
        }

        return 0;
    }
}

/// <summary>
/// <c>bulletin [--cycle weekly] --period KEY --out FILE.docx|FILE.md [--date YYYY-MM-DD] [--issue 第12期]</c>: compiles
/// the period's bulletin (工作专报) from the stored reports and writes it as Word or Markdown (by extension).
/// </summary>
internal sealed class BulletinVerb() : CliVerb(
    "bulletin", "bulletin [--cycle weekly|quarterly] --period KEY --out FILE.docx|FILE.md [--date YYYY-MM-DD] [--issue 第N期]",
    options: ["cycle", "period", "out", "date", "issue"])
{
    protected override async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error)
    {
        var periodKey = Required(args, "period");
        var outArgument = Required(args, "out");
        DateOnly? date = args.Options.ContainsKey("date") ? Date(args, "date") : null;
        var path = Path.GetFullPath(outArgument);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".docx" or ".md"))
        {
            await error.WriteLineAsync(ReportText.BulletinBadOut(outArgument));
            return CliVerbs.Usage;
        }

        var bulletins = Service<BulletinService>(services);
        try
        {
            var issue = new BulletinIssue(Date: date, IssueNumber: args.Option("issue"));
            var cycleKey = ReportVerbArgs.Cycle(args);
            var (cycle, period) = bulletins.Resolve(cycleKey, periodKey);
            var bulletin = await bulletins.CompileAsync(cycleKey, periodKey, issue);

            byte[] content;
            var signed = extension == ".docx" && !args.Options.ContainsKey("issue") && !args.Options.ContainsKey("date")
                ? await Service<BulletinFiles>(services).IssuedAsync(cycle.Key, period.Key)
                : null;
            if (signed is { } issued)
            {
                // The period's issue was signed off: the signed file, as chat and the console hand it out.
                content = issued.Content;
                await output.WriteLineAsync(ReportText.BulletinIssuedFile(issued.Name));
            }
            else if (extension == ".docx")
            {
                content = BulletinFiles.Rendered(bulletin).Content;
            }
            else
            {
                content = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(bulletins.RenderMarkdown(bulletin));
            }

            await WritingAsync(() =>
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                return File.WriteAllBytesAsync(path, content);
            });

            await output.WriteLineAsync(ReportText.BulletinWritten(cycle.Name, period.Key, bulletin.PeriodLabel, path));
            await output.WriteLineAsync(ReportText.BulletinCounts(bulletin));
            return 0;
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return CliVerbs.Usage;
        }
    }
}

/// <summary>
/// <c>headline [--cycle weekly] --period KEY --text "…" [--by 姓名]</c>: adds an item to 一、行动要情 of the period's
/// bulletin; <c>--clear</c> removes them all; with neither, lists them.
/// </summary>
internal sealed class HeadlineVerb() : CliVerb(
    "headline", "headline [--cycle weekly|quarterly] --period KEY (--text \"行动要情\" [--by 姓名] | --clear | --list)",
    options: ["cycle", "period", "text", "by", "clear", "list"])
{
    protected override async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error)
    {
        var periodKey = Required(args, "period");
        var actions = new[] { "text", "clear", "list" }.Count(args.Options.ContainsKey);
        if (actions > 1)
        {
            await error.WriteLineAsync(ReportText.HeadlineOneAction(Usage));
            return CliVerbs.Usage;
        }

        var bulletins = Service<BulletinService>(services);
        var cycleKey = ReportVerbArgs.Cycle(args);
        try
        {
            if (args.Option("text") is { } text)
            {
                var (period, items) = await bulletins.AddHeadlineAsync(cycleKey, periodKey, text, args.By);
                await output.WriteLineAsync(ReportText.HeadlineAdded(period.Key, items.Count));
                return 0;
            }

            if (args.Options.ContainsKey("clear"))
            {
                var period = await bulletins.ClearHeadlinesAsync(cycleKey, periodKey);
                await output.WriteLineAsync(ReportText.HeadlinesCleared(period.Key));
                return 0;
            }

            var (listed, list) = await bulletins.ListHeadlinesAsync(cycleKey, periodKey);
            await output.WriteLineAsync(ReportText.HeadlinesListed(listed.Key, list.Count));
            for (var i = 0; i < list.Count; i++)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {list[i]}"));
            }

            return 0;
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return CliVerbs.Usage;
        }
    }
}

/// <summary>Argument handling shared by the report and schedule verbs.</summary>
internal static class ReportVerbArgs
{
    /// <summary>The <c>--cycle</c> given, else the weekly report.</summary>
    public static string Cycle(CliArguments args) =>
        args.Option("cycle") is { } cycle && !string.IsNullOrWhiteSpace(cycle) ? cycle.Trim() : ReportCatalog.Weekly.Key;

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
