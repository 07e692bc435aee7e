using ChatOps.Core.Bulletins;
using ChatOps.Core.Calendar;
using ChatOps.Core.Supervision;
using Microsoft.Extensions.Options;

namespace ChatOps.Core.Reports;

/// <summary>The bulletin's settings that do not change from issue to issue (the office's name is <see cref="OfficeProfile.Name"/>).</summary>
public sealed class BulletinOptions
{
    /// <summary>Lines of the 分送 block printed at the end of every issue; none by default.</summary>
    public IList<string> DistributionList { get; } = [];
}

/// <summary>What changes from issue to issue; every value is optional.</summary>
/// <param name="OfficeName">Overrides <see cref="OfficeProfile.Name"/>.</param>
/// <param name="Date">Date of issue; today in the office's time zone when null.</param>
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
    OfficeProfile office,
    TimeProvider time,
    IOptions<BulletinOptions> options,
    ISupervisionStoreFactory? supervision = null)
{
    /// <summary>The <see cref="StoredFile.Kind"/> of a bulletin's Word file sent in chat.</summary>
    public const string FileKind = "bulletin";

    /// <summary>Longest 行动要情 item accepted (the storage column's size).</summary>
    public const int MaxHeadlineLength = 2000;

    /// <summary>Longest name of who added an item.</summary>
    public const int MaxByLength = 128;

    /// <summary>
    /// Who may read a period's bulletin and receive its Word file (in chat, or by its download link): the leading
    /// group's office (工作专报由领导小组办公室编发). The one rule; chat, the download endpoint and the console ask it.
    /// </summary>
    public static bool MayRead(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Has(Roles.OfficeStaff);
    }

    /// <summary>
    /// The cycle and the period a key names. A component of a merged period resolves to the merged period.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// With a message for the office (Chinese, without a parameter name, so it can be shown as it is) when the cycle is
    /// unknown, the key is malformed or names no period.
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
            throw new ArgumentException(ex.Message, ex);
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
        throw new ArgumentException(ReportText.NoSuchBulletinPeriod(cycle.Name, key, actual));
    }

    /// <summary>
    /// Compiles the bulletin of a period (see <see cref="BulletinCompiler"/> for what goes where). The reports are read
    /// in a unit of work of its own that is never committed (nothing is written).
    /// </summary>
    /// <exception cref="ArgumentException">When the cycle or period is unknown (see <see cref="Resolve"/>).</exception>
    public async Task<Bulletin> CompileAsync(string cycleKey, string periodKey, BulletinIssue? issue = null, CancellationToken cancellationToken = default)
    {
        var (cycle, period) = Resolve(cycleKey, periodKey);
        var (snapshot, items) = await LoadAsync(cycle, period, cancellationToken);
        await using var uow = await unitsOfWork.BeginAsync(cancellationToken);
        return await BuildAsync(uow, cycle, period, snapshot, items, issue, cancellationToken);
    }

    /// <summary>
    /// Compiles the bulletin of a period reading the reports through <paramref name="work"/>, for a chat turn that
    /// already holds a unit of work: beginning a second one there would wait for the first (SQLite has one writer).
    /// Nothing is written through <paramref name="work"/>.
    /// </summary>
    /// <exception cref="ArgumentException">When the cycle or period is unknown (see <see cref="Resolve"/>).</exception>
    public async Task<Bulletin> CompileAsync(
        string cycleKey, string periodKey, IUnitOfWork work, BulletinIssue? issue = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var (cycle, period) = Resolve(cycleKey, periodKey);
        var (snapshot, items) = await LoadAsync(cycle, period, cancellationToken);
        return await BuildAsync(work, cycle, period, snapshot, items, issue, cancellationToken);
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
            throw new ArgumentException(ReportText.HeadlineEmpty);
        }

        if (trimmed.Length > MaxHeadlineLength)
        {
            throw new ArgumentException(ReportText.HeadlineTooLong(MaxHeadlineLength, trimmed.Length));
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

    private async Task<(DirectorySnapshot Directory, IReadOnlyList<string> Headlines)> LoadAsync(
        ReportCycle cycle, ReportPeriod period, CancellationToken cancellationToken) =>
        (await directory.LoadAsync(cancellationToken), await headlines.ListAsync(cycle.Key, period.Key, cancellationToken));

    /// <summary>
    /// The period's reports. A merged period's reports are keyed on its full key; reports filed under a component key
    /// are read too (the compiler picks one per unit).
    /// </summary>
    private static async Task<List<Report>> ReadReportsAsync(IReportStore store, ReportCycle cycle, ReportPeriod period, CancellationToken cancellationToken)
    {
        var reports = new List<Report>();
        foreach (var key in period.StoredKeys)
        {
            reports.AddRange(await store.ListForPeriodAsync(cycle.Key, key, cancellationToken));
        }

        return reports;
    }

    /// <summary>Codes of the units whose liaison is exempt for the period (免报).</summary>
    private static async Task<IReadOnlyCollection<string>> ExemptUnitsAsync(
        IUnitOfWork work, ReportCycle cycle, ReportPeriod period, DirectorySnapshot snapshot, CancellationToken cancellationToken)
    {
        var people = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in period.StoredKeys)
        {
            people.UnionWith(await work.Schedule.ListExemptAsync(cycle.Key, key, cancellationToken));
        }

        return people.Count == 0 ? [] : snapshot.LiaisonsByUnit().Where(l => people.Contains(l.Value)).Select(l => l.Key).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Reads the period's reports, exemptions and — when problem lists exist — every county's rectification rate against
    /// its milestone as of the issue date (issue 16: the bulletin includes the rates), then compiles.
    /// </summary>
    private async Task<Bulletin> BuildAsync(
        IUnitOfWork work, ReportCycle cycle, ReportPeriod period, DirectorySnapshot snapshot, IReadOnlyList<string> items, BulletinIssue? issue,
        CancellationToken cancellationToken)
    {
        var reports = await ReadReportsAsync(work.Reports, cycle, period, cancellationToken);
        var exempt = await ExemptUnitsAsync(work, cycle, period, snapshot, cancellationToken);
        var officeName = string.IsNullOrWhiteSpace(issue?.OfficeName) ? office.Name : issue.OfficeName.Trim();
        var date = issue?.Date ?? DateOnly.FromDateTime(office.Local(time.GetUtcNow()));
        RectificationSection? rates = null;
        if (supervision?.For(work) is { } problems)
        {
            var list = (await problems.ListItemsAsync(cancellationToken)).Where(i => i.Kind == SupervisionKind.Problem).ToList();
            if (list.Count > 0)
            {
                rates = new RectificationSection(SupervisionService.Rates(list, await problems.ListMilestonesAsync(cancellationToken), snapshot, date), date);
            }
        }

        var bulletin = BulletinCompiler.Compile(cycle, period, officeName, date, snapshot, reports, items, issue?.IssueNumber, exempt, rates);
        return options.Value.DistributionList.Count == 0 ? bulletin : bulletin with { DistributionList = [.. options.Value.DistributionList] };
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
}
