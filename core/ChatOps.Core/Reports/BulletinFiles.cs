using ChatOps.Core.Bulletins;
using ChatOps.Core.Reports.Overview;

namespace ChatOps.Core.Reports;

/// <summary>
/// The bulletin's Word file as it is handed out — 专报 in chat, the console's 专报编辑 download, the CLI's
/// <c>bulletin --out</c> — decided in one place: once the office head has signed a period's issue off (签发), the archived,
/// signed file; until then the file rendered now. One name everywhere: title, 期号 and period
/// (工作专报2026年第12期 2026年第48周（11月20日至11月26日）.docx). Reads the archive on its own connection.
/// </summary>
public sealed class BulletinFiles(IBulletinEditionStore editions)
{
    /// <summary>The file name of a bulletin: title, 期号 (when numbered) and period label, without characters a file name cannot hold.</summary>
    public static string Name(string? title, string? issueNumber, string? periodLabel)
    {
        var name = $"{title?.Trim()}{issueNumber?.Trim()} {periodLabel?.Trim()}".Trim() + ".docx";
        foreach (var bad in Path.GetInvalidFileNameChars().Concat(['/', '\\', ':', '*', '?', '"', '<', '>', '|']))
        {
            name = name.Replace(bad, '-');
        }

        return name;
    }

    /// <summary>The Word file of a bulletin rendered now (not signed off), with its name.</summary>
    public static (string Name, byte[] Content) Rendered(Bulletin bulletin)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        return (Name(bulletin.Title, bulletin.IssueNumber, bulletin.PeriodLabel), BulletinDocxRenderer.RenderToArray(bulletin));
    }

    /// <summary>The signed file of a period (cycle and period keys as resolved), or null while it has no issued issue.</summary>
    public async Task<(string Name, byte[] Content)?> IssuedAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default) =>
        await editions.FindAsync(cycleKey, periodKey, cancellationToken) is { } edition ? await IssuedAsync(edition, cancellationToken) : null;

    /// <summary>The signed file of <paramref name="edition"/> as archived when it was signed off, or null when it is not issued.</summary>
    public async Task<(string Name, byte[] Content)?> IssuedAsync(BulletinEdition edition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edition);
        return edition is { Status: BulletinEditionStatus.Issued, Id: > 0 } && await editions.DocumentAsync(edition.Id, cancellationToken) is { } archived
            ? (Name(edition.Content.Title, edition.Content.IssueNumber, edition.Content.PeriodLabel), archived)
            : null;
    }
}
