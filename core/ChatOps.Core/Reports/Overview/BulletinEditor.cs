using System.Text.RegularExpressions;
using ChatOps.Core.Audit;
using ChatOps.Core.Bulletins;
using ChatOps.Core.Circulars;
using Microsoft.Extensions.Options;

namespace ChatOps.Core.Reports.Overview;

/// <summary>What a change to an issue did: the issue as it now stands, or the reason it was refused.</summary>
public sealed record EditionOutcome(BulletinEdition? Edition, string Text)
{
    /// <summary>True when the change was made.</summary>
    public bool Succeeded => Edition is not null;
}

/// <summary>
/// 专报编辑: the office builds a period's bulletin as it really writes it (seed 001), keeps it as a draft, has the office
/// head sign it off (签发, seed 000 第十四条(四); who that is comes from <see cref="SignOffRules"/>, kind 工作专报) and
/// archives the issued Word file. The draft starts compiled from the reports (<see cref="BulletinService"/>): each
/// unit's progress items turned into one edited paragraph, the next 期号 of the year, the 分送 list of the last issue
/// (kept as the default) or the configured one. Office staff edit; only the signer signs.
/// </summary>
public sealed partial class BulletinEditor(
    BulletinService bulletins,
    IBulletinEditionStore store,
    IUnitOfWorkFactory units,
    IDirectoryRepository directory,
    SignOffRules signOff,
    CircularKinds kinds,
    OfficeProfile office,
    IOptions<BulletinOptions> options,
    BulletinFiles files,
    TimeProvider time)
{
    /// <summary>The circular kind whose sign-off rule the bulletin follows.</summary>
    public const string KindKey = "bulletin";

    /// <summary>The period's stored issue, or a new draft compiled from its reports (not stored until saved).</summary>
    /// <exception cref="ArgumentException">When the cycle or period is unknown.</exception>
    public async Task<BulletinEdition> OpenAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default)
    {
        var (cycle, period) = bulletins.Resolve(cycleKey, periodKey);
        return await store.FindAsync(cycle.Key, period.Key, cancellationToken) ?? await CompileAsync(cycle.Key, period.Key, null, cancellationToken);
    }

    /// <summary>A draft compiled afresh from the period's reports and 行动要情 (keeping the 期号 and 分送 of <paramref name="current"/>).</summary>
    public async Task<BulletinEdition> CompileAsync(string cycleKey, string periodKey, BulletinEdition? current, CancellationToken cancellationToken = default)
    {
        var (cycle, period) = bulletins.Resolve(cycleKey, periodKey);
        var today = DateOnly.FromDateTime(office.Local(time.GetUtcNow()));
        var compiled = await bulletins.CompileAsync(cycle.Key, period.Key, new BulletinIssue(Date: today), cancellationToken);
        var year = current?.Content.Year ?? today.Year;
        var number = current?.Content.Number ?? await store.MaxNumberAsync(year, cancellationToken) + 1;
        var distribution = current?.Content.Distribution ?? await DefaultDistributionAsync(cancellationToken);
        var topic = Topic(office.Name);
        var draft = new BulletinDraft
        {
            Year = year,
            Number = number,
            Date = current?.Content.Date ?? today,
            Title = current?.Content.Title ?? Bulletin.DefaultTitle,
            KeyEvents = compiled.KeyEvents,
            ProvincialHeading = current?.Content.ProvincialHeading ?? ReportText.ProvincialHeading(topic),
            ProvincialItems = [.. compiled.ProvincialItems.Select(Edit)],
            LocalHeading = current?.Content.LocalHeading ?? ReportText.LocalHeading(topic),
            LocalItems = [.. compiled.LocalItems.Select(Edit)],
            Headlines = current?.Content.Headlines ?? [],
            Distribution = distribution,
            IncludeStatistics = current?.Content.IncludeStatistics ?? false,
            PeriodLabel = compiled.PeriodLabel,
            Statistics = compiled.Statistics,
        };
        return current is null
            ? new BulletinEdition(0, cycle.Key, period.Key, BulletinEditionStatus.Draft, draft, 0, "", time.GetUtcNow())
            : current with { Content = draft };
    }

    /// <summary>Saves the office's edits of a period's draft (creating it on first save). Office staff only.</summary>
    public async Task<EditionOutcome> SaveAsync(Actor actor, string cycleKey, string periodKey, BulletinDraft draft, int baseVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(draft);
        if (!actor.Has(Roles.OfficeStaff))
        {
            return new EditionOutcome(null, ReportText.BulletinEditOfficeOnly);
        }

        var (cycle, period) = bulletins.Resolve(cycleKey, periodKey);
        if (Check(draft) is { } problem)
        {
            return new EditionOutcome(null, problem);
        }

        var current = await store.FindAsync(cycle.Key, period.Key, cancellationToken);
        if (current is { Status: BulletinEditionStatus.Issued })
        {
            return new EditionOutcome(null, ReportText.BulletinIssued(current.Content.IssueNumber));
        }

        if ((current?.Version ?? 0) != baseVersion)
        {
            return new EditionOutcome(null, ReportText.BulletinChangedMeanwhile);
        }

        if (await store.HolderOfNumberAsync(draft.Year, draft.Number, cancellationToken) is { } holder && holder != current?.Id)
        {
            return new EditionOutcome(null, ReportText.IssueNumberTaken(draft.IssueNumber, await store.MaxNumberAsync(draft.Year, cancellationToken) + 1));
        }

        var now = time.GetUtcNow();
        var edition = new BulletinEdition(current?.Id ?? 0, cycle.Key, period.Key, BulletinEditionStatus.Draft, draft, current?.Version ?? 0, actor.Id, now);
        if (current is null)
        {
            edition = edition with { Id = await store.InsertAsync(edition, cancellationToken), Version = 1 };
        }
        else if (await store.UpdateAsync(edition, cancellationToken))
        {
            edition = edition with { Version = current.Version + 1 };
        }
        else
        {
            return new EditionOutcome(null, ReportText.BulletinChangedMeanwhile);
        }

        await AuditAsync(actor, "bulletin.save", edition, ReportText.Audit.Saved(draft.IssueNumber, cycle.Name, period.Key), now, cancellationToken);
        return new EditionOutcome(edition, ReportText.BulletinSaved(draft.IssueNumber));
    }

    /// <summary>The people who may sign the bulletin off (the office head).</summary>
    public async Task<IReadOnlyList<Person>> SignersAsync(CancellationToken cancellationToken = default) =>
        kinds.Find(KindKey) is { } kind ? signOff.Candidates(kind, false, await directory.LoadAsync(cancellationToken)) : [];

    /// <summary>签发: the office head signs the saved draft off; it is rendered, archived as issued and can no longer change.</summary>
    public async Task<EditionOutcome> SignAsync(Actor actor, long id, int baseVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var edition = await store.FindByIdAsync(id, cancellationToken);
        if (edition is null)
        {
            return new EditionOutcome(null, ReportText.BulletinNotSaved);
        }

        var signers = await SignersAsync(cancellationToken);
        if (!signers.Any(p => p.Id == actor.Id))
        {
            return new EditionOutcome(null, signers.Count == 0
                ? ReportText.BulletinNoSigner
                : ReportText.BulletinSignerOnly(signers.Select(p => p.Name)));
        }

        if (edition.Status == BulletinEditionStatus.Issued)
        {
            return new EditionOutcome(null, ReportText.BulletinAlreadySigned(edition.Content.IssueNumber));
        }

        if (edition.Version != baseVersion)
        {
            return new EditionOutcome(null, ReportText.BulletinChangedBeforeSign);
        }

        var now = time.GetUtcNow();
        var signed = edition with { Status = BulletinEditionStatus.Issued, SignerId = actor.Id, SignerName = actor.Name, SignedAt = now, UpdatedBy = actor.Id, UpdatedAt = now };
        var document = BulletinDocxRenderer.RenderToArray(ToBulletin(signed));
        if (!await store.IssueAsync(signed, document, cancellationToken))
        {
            return new EditionOutcome(null, ReportText.BulletinChangedBeforeSign);
        }

        await AuditAsync(actor, "bulletin.sign", signed, ReportText.Audit.Signed(signed.Content.IssueNumber), now, cancellationToken);
        return new EditionOutcome(signed with { Version = edition.Version + 1 }, ReportText.BulletinSigned(signed.Content.IssueNumber));
    }

    /// <summary>
    /// The Word file and its name (<see cref="BulletinFiles"/>, as chat sends it): as signed off (archived) for an issued
    /// edition, else rendered from the draft now.
    /// </summary>
    public async Task<(string Name, byte[] Content)> WordFileAsync(BulletinEdition edition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edition);
        return await files.IssuedAsync(edition, cancellationToken) ?? BulletinFiles.Rendered(ToBulletin(edition));
    }

    /// <summary>The Word file's bytes (<see cref="WordFileAsync"/>).</summary>
    public async Task<byte[]> DocumentAsync(BulletinEdition edition, CancellationToken cancellationToken = default) =>
        (await WordFileAsync(edition, cancellationToken)).Content;

    /// <summary>Past issues, newest first.</summary>
    public Task<IReadOnlyList<BulletinEdition>> ArchiveAsync(int limit = 200, CancellationToken cancellationToken = default) => store.ListAsync(limit, cancellationToken);

    /// <summary>An issue by id.</summary>
    public Task<BulletinEdition?> FindAsync(long id, CancellationToken cancellationToken = default) => store.FindByIdAsync(id, cancellationToken);

    /// <summary>The bulletin to render (preview, .docx) from an edition.</summary>
    public Bulletin ToBulletin(BulletinEdition edition)
    {
        ArgumentNullException.ThrowIfNull(edition);
        var d = edition.Content;
        return new Bulletin
        {
            OfficeName = office.Name,
            Title = d.Title,
            IssueNumber = d.IssueNumber,
            Date = d.Date,
            PeriodLabel = d.PeriodLabel,
            Headlines = d.Headlines,
            KeyEvents = d.KeyEvents,
            ProvincialHeading = d.ProvincialHeading,
            ProvincialItems = [.. d.ProvincialItems.Select(Item)],
            LocalHeading = d.LocalHeading,
            LocalItems = [.. d.LocalItems.Select(Item)],
            Statistics = d.Statistics,
            IncludeStatistics = d.IncludeStatistics,
            DistributionList = d.Distribution,
            Signer = edition.SignerName,
        };
    }

    /// <summary>
    /// A unit's progress items as one edited paragraph: item markers (1. （一） ①) dropped, each item's closing
    /// punctuation replaced by a semicolon between items and a full stop at the end.
    /// </summary>
    public static BulletinDraftItem Edit(BulletinItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var sentences = new[] { item.Text }.Concat(item.ExtraParagraphs)
            .Select(s => ItemMarker().Replace(s.Trim(), "").Trim().TrimEnd('。', '；', ';', '，', ',', '.', ' '))
            .Where(s => s.Length > 0)
            .ToList();
        return new BulletinDraftItem(item.UnitName, sentences.Count == 0 ? "" : string.Join("；", sentences) + "。");
    }

    private static BulletinItem Item(BulletinDraftItem item)
    {
        var lines = item.Text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new BulletinItem(item.UnitName, lines.FirstOrDefault() ?? "") { ExtraParagraphs = lines.Skip(1).ToList() };
    }

    private static string? Check(BulletinDraft d)
    {
        if (d.Number is < 1 or > 9999)
        {
            return ReportText.BulletinBadNumber;
        }

        if (d.Year is < 2000 or > 2100 || d.Date.Year is < 2000 or > 2100)
        {
            return ReportText.BulletinBadDate;
        }

        var texts = d.KeyEvents.Concat(d.Headlines).Concat(d.Distribution).Concat(d.ProvincialItems.Select(i => i.Text)).Concat(d.LocalItems.Select(i => i.Text));
        return texts.Any(t => t.Length > BulletinDraft.MaxTextLength) ? ReportText.BulletinItemTooLong(BulletinDraft.MaxTextLength) : null;
    }

    private async Task<IReadOnlyList<string>> DefaultDistributionAsync(CancellationToken cancellationToken) =>
        (await store.ListAsync(1, cancellationToken)).FirstOrDefault()?.Content.Distribution is { Count: > 0 } last
            ? last
            : [.. options.Value.DistributionList];

    private async Task AuditAsync(Actor actor, string action, BulletinEdition edition, string detail, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var work = await units.BeginAsync(cancellationToken);
        await work.Audit.AppendAsync(AuditEntry.Of(now, actor.Id, action, $"bulletin:{edition.Id}", detail, actor.Source), cancellationToken);
        await work.CommitAsync(cancellationToken);
    }

    private static string? Topic(string officeName) =>
        TopicInOfficeName().Match(officeName) is { Success: true } m ? m.Groups["topic"].Value.Replace("爱国卫生", "", StringComparison.Ordinal) : null;

    [GeneratedRegex(@"^\s*(\d{1,2}[\.、．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[①②③④⑤⑥⑦⑧⑨⑩])\s*")]
    private static partial Regex ItemMarker();

    [GeneratedRegex("推进(?<topic>.+?)(工作)?领导小组办公室$")]
    private static partial Regex TopicInOfficeName();
}
