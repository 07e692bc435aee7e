using ChatOps.Core.Bulletins;

namespace ChatOps.Core.Reports.Overview;

/// <summary>Where an issue of the bulletin stands.</summary>
public enum BulletinEditionStatus
{
    /// <summary>Being edited by the office; holds its 期号.</summary>
    Draft,

    /// <summary>Signed off (签发) by the office head and issued: its Word file is kept as issued and it can no longer change.</summary>
    Issued,
}

/// <summary>One numbered item as the office edits it: the unit and its sentences (one paragraph a line).</summary>
public sealed record BulletinDraftItem(string UnitName, string Text);

/// <summary>
/// A period's bulletin as the office writes it (seed 001): the 期号 of the year, the date, 行动要情, each unit's report
/// turned into edited sentences under 二 and 三 (with their headings), the 主要内容 lines, the 分送 list and whether the
/// submission table is printed. The statistics are those compiled from the reports.
/// </summary>
public sealed record BulletinDraft
{
    /// <summary>Longest text of one field (a paragraph list, an item).</summary>
    public const int MaxTextLength = 20_000;

    /// <summary>The year the issue is numbered in.</summary>
    public required int Year { get; init; }

    /// <summary>The issue's number in its year (1, 2, …).</summary>
    public required int Number { get; init; }

    /// <summary>Date of issue.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>The masthead title.</summary>
    public string Title { get; init; } = Bulletin.DefaultTitle;

    /// <summary>一、行动要情, one paragraph each.</summary>
    public IReadOnlyList<string> KeyEvents { get; init; } = [];

    /// <summary>Heading of 二 (without 二、).</summary>
    public string ProvincialHeading { get; init; } = "";

    /// <summary>Items of 二.</summary>
    public IReadOnlyList<BulletinDraftItem> ProvincialItems { get; init; } = [];

    /// <summary>Heading of 三 (without 三、).</summary>
    public string LocalHeading { get; init; } = "";

    /// <summary>Items of 三.</summary>
    public IReadOnlyList<BulletinDraftItem> LocalItems { get; init; } = [];

    /// <summary>The ▲ lines of 主要内容 (generated from the sections when empty).</summary>
    public IReadOnlyList<string> Headlines { get; init; } = [];

    /// <summary>The 分送 lines.</summary>
    public IReadOnlyList<string> Distribution { get; init; } = [];

    /// <summary>Whether 四、报送情况 is printed.</summary>
    public bool IncludeStatistics { get; init; }

    /// <summary>The period as printed under the masthead.</summary>
    public string? PeriodLabel { get; init; }

    /// <summary>Who reported on time, late or not at all (from the reports when the draft was compiled).</summary>
    public BulletinStatistics Statistics { get; init; } = BulletinStatistics.Empty;

    /// <summary>期号 as printed: 2026年第12期.</summary>
    public string IssueNumber => ReportText.IssueNumber(Year, Number);
}

/// <summary>A stored issue (draft or issued) of a period's bulletin.</summary>
public sealed record BulletinEdition(
    long Id,
    string CycleKey,
    string PeriodKey,
    BulletinEditionStatus Status,
    BulletinDraft Content,
    int Version,
    string UpdatedBy,
    DateTimeOffset UpdatedAt,
    string? SignerId = null,
    string? SignerName = null,
    DateTimeOffset? SignedAt = null);

/// <summary>The archive of the bulletin's issues (drafts and issued), each call its own connection.</summary>
public interface IBulletinEditionStore
{
    /// <summary>The issue of a period, if any.</summary>
    Task<BulletinEdition?> FindAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default);

    /// <summary>An issue by id.</summary>
    Task<BulletinEdition?> FindByIdAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>The id of the issue holding 期号 <paramref name="number"/> of <paramref name="year"/>, if any.</summary>
    Task<long?> HolderOfNumberAsync(int year, int number, CancellationToken cancellationToken = default);

    /// <summary>The highest 期号 used in a year (0 when none).</summary>
    Task<int> MaxNumberAsync(int year, CancellationToken cancellationToken = default);

    /// <summary>Stores a new draft; returns its id.</summary>
    Task<long> InsertAsync(BulletinEdition issue, CancellationToken cancellationToken = default);

    /// <summary>Saves a draft if still at <see cref="BulletinEdition.Version"/> (becomes Version + 1); false otherwise.</summary>
    Task<bool> UpdateAsync(BulletinEdition issue, CancellationToken cancellationToken = default);

    /// <summary>Marks a draft at <see cref="BulletinEdition.Version"/> issued, with its Word file; false when it changed meanwhile.</summary>
    Task<bool> IssueAsync(BulletinEdition issue, byte[] document, CancellationToken cancellationToken = default);

    /// <summary>The Word file of an issued issue.</summary>
    Task<byte[]?> DocumentAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Issues newest first (the archive), without their files.</summary>
    Task<IReadOnlyList<BulletinEdition>> ListAsync(int limit, CancellationToken cancellationToken = default);
}
