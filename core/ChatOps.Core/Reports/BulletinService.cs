using ChatOps.Core.Bulletins;
using ChatOps.Core.Calendar;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using Microsoft.Extensions.Options;

namespace ChatOps.Core.Reports;

/// <summary>The bulletin's settings that do not change from issue to issue.</summary>
public sealed class BulletinOptions
{
    /// <summary>The issuing office as it heads the bulletin; the host sets it from <c>Office:Name</c>.</summary>
    public string? OfficeName { get; set; }

    /// <summary>Lines of the 分送 block printed at the end of every issue; none by default.</summary>
    public IList<string> DistributionList { get; } = [];
}

/// <summary>What changes from issue to issue; every value is optional.</summary>
/// <param name="OfficeName">Overrides <see cref="BulletinOptions.OfficeName"/>.</param>
/// <param name="Date">Date of issue; today in the cycle's time zone when null.</param>
/// <param name="IssueNumber">Issue number as printed (第12期).</param>
public sealed record BulletinIssue(string? OfficeName = null, DateOnly? Date = null, string? IssueNumber = null);

/// <summary>
/// The bulletin use cases: compile a period's bulletin from the stored directory, reports and the office's 行动要情
/// items, render it for print (.docx) or chat (Markdown), and keep the 行动要情 items. Periods are named by key; a
/// component of a merged period (<c>2026-W41</c>) stands for the whole (<c>2026-W40+W41</c>).
/// </summary>
public sealed class BulletinService(
    IDirectoryRepository directory,
    IUnitOfWorkFactory unitsOfWork,
    IBulletinHeadlineStore headlines,
    ReportCycles cycles,
    PeriodCalculator periods,
    TimeProvider time,
    IOptions<BulletinOptions> options)
{
    /// <summary>Longest 行动要情 item accepted (the storage column's size).</summary>
    public const int MaxHeadlineLength = 2000;

    /// <summary>Longest name of who added an item.</summary>
    public const int MaxByLength = 128;

    /// <summary>
    /// The cycle and the period a key names. A component of a merged period resolves to the merged period.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// With a message for the office (Chinese) when the cycle is unknown, the key is malformed or names no period.
    /// </exception>
    public (ReportCycle Cycle, ReportPeriod Period) Resolve(string cycleKey, string periodKey)
    {
        ArgumentNullException.ThrowIfNull(cycleKey);
        ArgumentNullException.ThrowIfNull(periodKey);
        var cycle = cycles.Get(cycleKey.Trim());
        var key = periodKey.Trim();
        ReportPeriod? period;
        try
        {
            period = periods.Find(cycle.Definition, key);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException(ex.Message, nameof(periodKey), ex);
        }

        if (period is not null)
        {
            return (cycle, period);
        }

        // A joined key that does not match the merge as the calendar has it: say which periods its parts are in.
        var parts = key.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var year = parts.Length > 0 && parts[0].Length > 5 && parts[0][4] == '-' ? parts[0][..5] : string.Empty;
        var actual = parts.Length < 2
            ? []
            : parts.Select(part => part.Contains('-', StringComparison.Ordinal) ? part : year + part)
                .Select(part => TryFind(cycle, part)?.Key)
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .ToList();
        throw new ArgumentException(
            actual.Count == 0
                ? $"{cycle.Name}没有“{key}”这一期。"
                : $"{cycle.Name}没有“{key}”这一期；按节假日安排，这几期是：{string.Join("、", actual)}。",
            nameof(periodKey));
    }

    /// <summary>Compiles the bulletin of a period (see <see cref="BulletinCompiler"/> for what goes where).</summary>
    /// <exception cref="ArgumentException">When the cycle or period is unknown (see <see cref="Resolve"/>).</exception>
    /// <exception cref="InvalidOperationException">When no office name is configured or given.</exception>
    public async Task<Bulletin> CompileAsync(string cycleKey, string periodKey, BulletinIssue? issue = null, CancellationToken cancellationToken = default)
    {
        var (cycle, period) = Resolve(cycleKey, periodKey);
        var officeName = FirstNonBlank(issue?.OfficeName, options.Value.OfficeName)
            ?? throw new InvalidOperationException("未配置办公室名称（Office:Name），无法生成工作专报。");

        var snapshot = await directory.LoadAsync(cancellationToken);
        var items = await headlines.ListAsync(cycle.Key, period.Key, cancellationToken);
        var reports = await LoadReportsAsync(cycle, period, cancellationToken);

        var date = issue?.Date ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), cycle.Definition.GetTimeZone()).DateTime);
        var bulletin = BulletinCompiler.Compile(cycle, period, officeName, date, snapshot, reports, items, issue?.IssueNumber);
        return options.Value.DistributionList.Count == 0 ? bulletin : bulletin with { DistributionList = [.. options.Value.DistributionList] };
    }

    /// <summary>Writes <paramref name="bulletin"/> as a Word document (.docx) to <paramref name="output"/>.</summary>
    public Task RenderDocxAsync(Bulletin bulletin, Stream output, CancellationToken cancellationToken = default) =>
        BulletinDocxRenderer.RenderAsync(bulletin, output, cancellationToken);

    /// <summary><paramref name="bulletin"/> as Markdown, for chat and for .md files.</summary>
    public string RenderMarkdown(Bulletin bulletin) => BulletinMarkdownRenderer.Render(bulletin);

    /// <summary>The 行动要情 items of a period, in order.</summary>
    /// <returns>The period they belong to (merged when the key named a component) and its items.</returns>
    public async Task<(ReportPeriod Period, IReadOnlyList<string> Items)> ListHeadlinesAsync(
        string cycleKey, string periodKey, CancellationToken cancellationToken = default)
    {
        var (cycle, period) = Resolve(cycleKey, periodKey);
        return (period, await headlines.ListAsync(cycle.Key, period.Key, cancellationToken));
    }

    /// <summary>Adds an item to 一、行动要情 of a period's bulletin.</summary>
    /// <returns>The period it was added to and the period's items now.</returns>
    /// <exception cref="ArgumentException">When the period is unknown, or the text is blank or too long.</exception>
    public async Task<(ReportPeriod Period, IReadOnlyList<string> Items)> AddHeadlineAsync(
        string cycleKey, string periodKey, string text, string by, CancellationToken cancellationToken = default)
    {
        var (cycle, period) = Resolve(cycleKey, periodKey);
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new ArgumentException("行动要情的内容不能为空。", nameof(text));
        }

        if (trimmed.Length > MaxHeadlineLength)
        {
            throw new ArgumentException($"行动要情每条不超过 {MaxHeadlineLength} 字（现有 {trimmed.Length} 字），请分成几条。", nameof(text));
        }

        var author = string.IsNullOrWhiteSpace(by) ? "unknown" : by.Trim();
        author = author.Length <= MaxByLength ? author : author[..MaxByLength];
        await headlines.AddAsync(cycle.Key, period.Key, trimmed, author, time.GetUtcNow(), cancellationToken);
        return (period, await headlines.ListAsync(cycle.Key, period.Key, cancellationToken));
    }

    /// <summary>Removes every 行动要情 item of a period.</summary>
    /// <returns>The period they were removed from.</returns>
    public async Task<ReportPeriod> ClearHeadlinesAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default)
    {
        var (cycle, period) = Resolve(cycleKey, periodKey);
        await headlines.ClearAsync(cycle.Key, period.Key, cancellationToken);
        return period;
    }

    /// <summary>
    /// The period's reports, read in a unit of work that is never committed (nothing is written). A merged period's
    /// reports are keyed on its full key; reports filed under a component key are read too.
    /// </summary>
    private async Task<List<Report>> LoadReportsAsync(ReportCycle cycle, ReportPeriod period, CancellationToken cancellationToken)
    {
        var reports = new List<Report>();
        await using var uow = await unitsOfWork.BeginAsync(cancellationToken);
        reports.AddRange(await uow.Reports.ListForPeriodAsync(cycle.Key, period.Key, cancellationToken));
        if (period.IsMerged)
        {
            foreach (var component in period.ComponentKeys)
            {
                reports.AddRange(await uow.Reports.ListForPeriodAsync(cycle.Key, component, cancellationToken));
            }
        }

        return reports;
    }

    private ReportPeriod? TryFind(ReportCycle cycle, string key)
    {
        try
        {
            return periods.Find(cycle.Definition, key);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? FirstNonBlank(params string?[] values) =>
        values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
