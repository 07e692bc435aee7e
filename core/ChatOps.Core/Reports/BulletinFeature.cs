using ChatOps.Core.Bulletins;
using ChatOps.Core.Calendar;

namespace ChatOps.Core.Reports;

/// <summary>
/// 专报 [期次]: office staff ask the bot for the bulletin of the period that closed last (or a named one). The answer is
/// the submission statistics, the Word file itself (the issued one when the office head signed the period's issue off,
/// else compiled now) as an outbound file — WeCom sends the file, Bot Framework and the local web chat a signed,
/// expiring download link — and the bulletin's text, split into messages small enough for every channel (WeCom
/// markdown takes 4 KB). Who may have it is <see cref="BulletinService.MayRead"/>.
/// </summary>
public sealed class BulletinFeature(
    BulletinService bulletins, ReportCycles cycles, PeriodCalculator periods, OutboundFiles files, BulletinFiles wordFiles) : IConversationFeature
{
    /// <summary>The words office staff type.</summary>
    public static readonly string[] Words = ["专报", "工作专报", "bulletin"];

    /// <summary>Largest message part, in UTF-8 bytes, below WeCom's 4096-byte markdown limit.</summary>
    internal const int MaxPartBytes = 3800;

    /// <inheritdoc/>
    public IReadOnlyCollection<string> Dialogs { get; } = [];

    /// <inheritdoc/>
    public async Task<bool> TryHandleAsync(Turn turn, DialogState? state, CancellationToken cancellationToken = default)
    {
        var parts = Commands.Normalize(turn.Said).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length is 0 or > 3 || !Commands.Is(parts[0], Words))
        {
            return false;
        }

        if (!BulletinService.MayRead(turn.Actor))
        {
            await turn.ReplyAsync(OutboundMessage.Plain(ReportText.BulletinOfficeOnly), cancellationToken);
            return true;
        }

        var cycle = parts.Length > 1 && cycles.Find(parts[1]) is { } named ? named
            : cycles.All.FirstOrDefault(c => parts.Length > 1 && c.Name == parts[1]) ?? cycles.All[0];
        var periodKey = parts.Length > 1 && cycles.Find(parts[^1]) is null && cycles.All.All(c => c.Name != parts[^1])
            ? parts[^1]
            : LastClosed(cycle, turn.Now).Key;
        Bulletin bulletin;
        try
        {
            bulletin = await bulletins.CompileAsync(cycle.Key, periodKey, turn.Work, cancellationToken: cancellationToken);
        }
        catch (ArgumentException ex)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(ex.Message), cancellationToken);
            return true;
        }

        var (resolvedCycle, period) = bulletins.Resolve(cycle.Key, periodKey);
        var issued = await wordFiles.IssuedAsync(resolvedCycle.Key, period.Key, cancellationToken);
        var (name, content) = issued ?? BulletinFiles.Rendered(bulletin);
        var file = await files.StoreAsync(turn.Work, BulletinService.FileKind, turn.Person.Id, name, OutboundFiles.DocxContentType, content, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(ReportText.BulletinSummary(bulletin, cycle)), cancellationToken);
        await turn.ReplyAsync(OutboundMessage.FileMessage(ReportText.BulletinFileCaption(name, issued is not null), file), cancellationToken);
        var markdown = bulletins.RenderMarkdown(bulletin);
        var all = Split(markdown, MaxPartBytes);
        for (var i = 0; i < all.Count; i++)
        {
            await turn.ReplyAsync(OutboundMessage.Markdown(all[i], ReportText.BulletinPart(i + 1, all.Count)), cancellationToken);
        }

        return true;
    }

    /// <inheritdoc/>
    public Task ContinueAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task CancelAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc/>
    public IEnumerable<string> HelpLines(Person person) =>
        person.Roles.HasFlag(Roles.OfficeStaff) ? [ReportText.BulletinHelp] : [];

    private ReportPeriod LastClosed(ReportCycle cycle, DateTimeOffset now)
    {
        var current = periods.PeriodContaining(cycle.Definition, now);
        return periods.Periods(cycle.Definition, current.Covers.Start.AddDays(-200), current.Covers.Start.AddDays(-1)).LastOrDefault() ?? current;
    }

    /// <summary>Splits Markdown at line ends into parts of at most <paramref name="maxBytes"/> UTF-8 bytes (a longer line is cut).</summary>
    internal static List<string> Split(string markdown, int maxBytes)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        var bytes = 0;
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw;
            while (Encoding.UTF8.GetByteCount(line) + 1 > maxBytes)
            {
                var cut = line.Length / 2;
                while (Encoding.UTF8.GetByteCount(line[..cut]) + 1 < maxBytes / 2 && cut < line.Length)
                {
                    cut++;
                }

                Flush();
                parts.Add(line[..cut]);
                line = line[cut..];
            }

            var size = Encoding.UTF8.GetByteCount(line) + 1;
            if (bytes + size > maxBytes)
            {
                Flush();
            }

            current.Append(line).Append('\n');
            bytes += size;
        }

        Flush();
        return parts;

        void Flush()
        {
            if (current.ToString().Trim().Length > 0)
            {
                parts.Add(current.ToString().TrimEnd());
            }

            current.Clear();
            bytes = 0;
        }
    }
}

/// <summary>Who may download a bulletin's Word file from its link: <see cref="BulletinService.MayRead"/>, asked again at download time.</summary>
public sealed class BulletinFileAccess : IOutboundFileAccess
{
    /// <inheritdoc/>
    public string Kind => BulletinService.FileKind;

    /// <inheritdoc/>
    public bool MayDownload(Actor actor) => BulletinService.MayRead(actor);
}
