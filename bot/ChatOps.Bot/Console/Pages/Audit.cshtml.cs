using ChatOps.Core.Audit;
using ChatOps.Core.Reports;
using Microsoft.AspNetCore.Mvc;

namespace ChatOps.Bot.OfficeConsole.Pages;

/// <summary>审计: the audit log, filtered by time, person, action and subject; exported as .xlsx (up to 10,000 lines).</summary>
public sealed class AuditModel(IAuditQuery audit, OfficeProfile office) : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary>The acting person's id to filter by (query <c>actor</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "actor")]
    public string? ActorFilter { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Subject { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync() => Entries = await ListAsync(200);

    public async Task<IActionResult> OnGetExportAsync()
    {
        var entries = await ListAsync(10_000);
        return Xlsx(ConsoleText.AuditExportName, ConsoleText.AuditExportHeader,
            entries.Select(e => (IReadOnlyList<object?>)[ConsoleFormat.Time(e.At, HttpContext), e.ActorId, e.Action, e.Subject, e.Detail, e.Source]));
    }

    private Task<IReadOnlyList<AuditEntry>> ListAsync(int limit) =>
        audit.ListAsync(new AuditFilter(Day(From), Day(To)?.AddDays(1), Blank(ActorFilter), Blank(Action), Blank(Subject), limit), HttpContext.RequestAborted);

    private DateTimeOffset? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), office.Zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue)))
            : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
