using System.Globalization;
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
internal sealed class PeriodsVerb : ICliVerb
{
    public string Name => "periods";

    public string Usage => "periods [--cycle weekly|quarterly] --from YYYY-MM-DD --to YYYY-MM-DD";

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        if (!ReportVerbArgs.TryParse(args, ["cycle", "from", "to"], Usage, out var options, out var problem)
            || !ReportVerbArgs.TryDate(options, "from", out var from, ref problem)
            || !ReportVerbArgs.TryDate(options, "to", out var to, ref problem))
        {
            await error.WriteLineAsync(problem);
            return CliVerbs.Usage;
        }

        if (to < from)
        {
            await error.WriteLineAsync($"结束日期 {ReportVerbArgs.Iso(to)} 早于开始日期 {ReportVerbArgs.Iso(from)}。");
            return CliVerbs.Usage;
        }

        if (!ReportVerbArgs.TryResolve<ReportCycles>(services, out var cycles, out problem)
            || !ReportVerbArgs.TryResolve<PeriodCalculator>(services, out var calculator, out problem))
        {
            await error.WriteLineAsync(problem);
            return ChatOpsHost.StartupFailed;
        }

        ReportCycle cycle;
        try
        {
            cycle = cycles.Get(ReportVerbArgs.Cycle(options));
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
            await error.WriteLineAsync($"警告：{year} 年没有官方节假日数据（国务院办公厅的放假通知尚未收录），该年按周一至周五计算，节假日顺延可能不准。");
        }

        await output.WriteLineAsync(
            $"{cycle.Name}（{cycle.Key}）：截止日在 {ReportVerbArgs.Iso(from)} 至 {ReportVerbArgs.Iso(to)} 之间的共 {periods.Count} 期，" +
            $"其中顺延 {periods.Count(p => p.Postponed)} 期、合并报送 {periods.Count(p => p.IsMerged)} 期；时间为 {cycle.Definition.TimeZoneId} 时间。");
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
internal sealed class BulletinVerb : ICliVerb
{
    public string Name => "bulletin";

    public string Usage => "bulletin [--cycle weekly|quarterly] --period KEY --out FILE.docx|FILE.md [--date YYYY-MM-DD] [--issue 第N期]";

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        if (!ReportVerbArgs.TryParse(args, ["cycle", "period", "out", "date", "issue"], Usage, out var options, out var problem)
            || !ReportVerbArgs.TryRequired(options, "period", Usage, out var periodKey, ref problem)
            || !ReportVerbArgs.TryRequired(options, "out", Usage, out var outArgument, ref problem))
        {
            await error.WriteLineAsync(problem);
            return CliVerbs.Usage;
        }

        DateOnly? date = null;
        if (options.ContainsKey("date"))
        {
            if (!ReportVerbArgs.TryDate(options, "date", out var given, ref problem))
            {
                await error.WriteLineAsync(problem);
                return CliVerbs.Usage;
            }

            date = given;
        }

        var path = Path.GetFullPath(outArgument);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".docx" or ".md"))
        {
            await error.WriteLineAsync($"--out 的文件名应以 .docx（Word）或 .md（Markdown）结尾：{outArgument}");
            return CliVerbs.Usage;
        }

        if (!ReportVerbArgs.TryResolve<BulletinService>(services, out var bulletins, out problem))
        {
            await error.WriteLineAsync(problem);
            return ChatOpsHost.StartupFailed;
        }

        try
        {
            var issue = new BulletinIssue(Date: date, IssueNumber: options.GetValueOrDefault("issue"));
            var cycleKey = ReportVerbArgs.Cycle(options);
            var (cycle, period) = bulletins.Resolve(cycleKey, periodKey);
            var bulletin = await bulletins.CompileAsync(cycleKey, periodKey, issue);

            byte[] content;
            var signed = extension == ".docx" && !options.ContainsKey("issue") && !options.ContainsKey("date")
                ? await services.GetRequiredService<BulletinFiles>().IssuedAsync(cycle.Key, period.Key)
                : null;
            if (signed is { } issued)
            {
                // The period's issue was signed off: the signed file, as chat and the console hand it out.
                content = issued.Content;
                await output.WriteLineAsync($"本期专报已签发，输出已签发的文件：{issued.Name}");
            }
            else if (extension == ".docx")
            {
                content = BulletinFiles.Rendered(bulletin).Content;
            }
            else
            {
                content = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(bulletins.RenderMarkdown(bulletin));
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, content);

            var s = bulletin.Statistics;
            await output.WriteLineAsync($"已生成工作专报：{cycle.Name} {period.Key}，{bulletin.PeriodLabel} → {path}");
            await output.WriteLineAsync(
                $"省直部门 {bulletin.ProvincialItems.Count} 条，州市县区 {bulletin.LocalItems.Count} 条，行动要情 {bulletin.KeyEvents.Count} 条；" +
                $"应报送 {s.Total} 个单位，按时 {s.OnTime.Count} 个，迟报 {s.Late.Count} 个，未报送 {s.Missing.Count} 个。" +
                $"另有待审核 {s.PendingReview.Count} 个，已退回 {s.Returned.Count} 个，免报 {s.Exempt.Count} 个（均不计入未报送）。");
            return 0;
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return CliVerbs.Usage;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"无法写入文件：{ex.Message}");
            return 1;
        }
    }
}

/// <summary>
/// <c>headline [--cycle weekly] --period KEY --text "…" [--by 姓名]</c>: adds an item to 一、行动要情 of the period's
/// bulletin; <c>--clear</c> removes them all; with neither, lists them.
/// </summary>
internal sealed class HeadlineVerb : ICliVerb
{
    public string Name => "headline";

    public string Usage => "headline [--cycle weekly|quarterly] --period KEY (--text \"行动要情\" [--by 姓名] | --clear | --list)";

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        if (!ReportVerbArgs.TryParse(args, ["cycle", "period", "text", "by", "clear", "list"], Usage, out var options, out var problem)
            || !ReportVerbArgs.TryRequired(options, "period", Usage, out var periodKey, ref problem))
        {
            await error.WriteLineAsync(problem);
            return CliVerbs.Usage;
        }

        var actions = new[] { "text", "clear", "list" }.Count(options.ContainsKey);
        if (actions > 1)
        {
            await error.WriteLineAsync($"--text、--clear、--list 只能选一个。usage: {Usage}");
            return CliVerbs.Usage;
        }

        if (!ReportVerbArgs.TryResolve<BulletinService>(services, out var bulletins, out problem))
        {
            await error.WriteLineAsync(problem);
            return ChatOpsHost.StartupFailed;
        }

        var cycleKey = ReportVerbArgs.Cycle(options);
        try
        {
            if (options.TryGetValue("text", out var text))
            {
                var by = options.GetValueOrDefault("by") is { Length: > 0 } named ? named : $"cli:{Environment.UserName}";
                var (period, items) = await bulletins.AddHeadlineAsync(cycleKey, periodKey, text, by);
                await output.WriteLineAsync($"已添加到 {period.Key} 的行动要情（共 {items.Count} 条）。");
                return 0;
            }

            if (options.ContainsKey("clear"))
            {
                var period = await bulletins.ClearHeadlinesAsync(cycleKey, periodKey);
                await output.WriteLineAsync($"已清空 {period.Key} 的行动要情。");
                return 0;
            }

            var (listed, list) = await bulletins.ListHeadlinesAsync(cycleKey, periodKey);
            await output.WriteLineAsync(list.Count == 0 ? $"{listed.Key} 还没有行动要情。" : $"{listed.Key} 的行动要情（{list.Count} 条）：");
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

/// <summary>Argument handling shared by the report verbs.</summary>
internal static class ReportVerbArgs
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d"];

    /// <summary>
    /// Splits the options, refusing positional arguments and unknown options (a typo such as <c>--form</c> must not be
    /// ignored). Options with a ':' are configuration overrides (<c>--Storage:DataFolder=…</c>) and are left alone.
    /// </summary>
    public static bool TryParse(string[] args, string[] known, string usage, out Dictionary<string, string> options, out string problem)
    {
        var (positional, parsed) = CliVerbs.Parse(args);
        options = parsed;
        var unknown = parsed.Keys.Where(k => !k.Contains(':', StringComparison.Ordinal) && !known.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        problem = positional.Count > 0
            ? $"多余的参数：{string.Join(" ", positional)}。usage: {usage}"
            : unknown.Count > 0
                ? $"未知的选项：{string.Join("、", unknown.Select(k => "--" + k))}。usage: {usage}"
                : string.Empty;
        return problem.Length == 0;
    }

    public static bool TryRequired(Dictionary<string, string> options, string name, string usage, out string value, ref string problem)
    {
        value = options.GetValueOrDefault(name)?.Trim() ?? string.Empty;
        if (value.Length > 0)
        {
            return true;
        }

        problem = $"缺少 --{name}。usage: {usage}";
        return false;
    }

    public static bool TryDate(Dictionary<string, string> options, string name, out DateOnly date, ref string problem)
    {
        date = default;
        if (!options.TryGetValue(name, out var text) || string.IsNullOrWhiteSpace(text))
        {
            problem = $"缺少 --{name}，应写成 2026-01-01 这样的日期。";
            return false;
        }

        if (DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            && date.Year is >= 1900 and <= 9000)
        {
            return true;
        }

        problem = $"--{name} 的值“{text}”不是有效日期，应写成 2026-01-01 这样的格式。";
        return false;
    }

    public static string Cycle(Dictionary<string, string> options) =>
        options.GetValueOrDefault("cycle") is { } cycle && !string.IsNullOrWhiteSpace(cycle) ? cycle.Trim() : ReportCatalog.Weekly.Key;

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A service, or a one-line configuration error when the host did not register it (or its ports).</summary>
    public static bool TryResolve<T>(IServiceProvider services, out T service, out string problem)
        where T : notnull
    {
        try
        {
            service = services.GetRequiredService<T>();
            problem = string.Empty;
            return true;
        }
        catch (InvalidOperationException ex)
        {
            service = default!;
            problem = $"chatops: configuration error: {typeof(T).Name} is not available: {ex.Message}";
            return false;
        }
    }
}
