using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatOps.Bot.OfficeConsole;

/// <summary>What every console page has: the signed-in person, a notice after a change, the audit and export helpers.</summary>
public abstract class ConsolePageModel : PageModel
{
    /// <summary>The signed-in person (the authorization policy guarantees one).</summary>
    public Person Me => ConsoleAuth.Person(HttpContext) ?? throw new InvalidOperationException("No console person on this request.");

    /// <summary>The signed-in person as the use cases take them: roles from the directory, the client's address as the source.</summary>
    protected Actor Actor => Actor.Of(Me, ConsoleAuth.Source(HttpContext));

    /// <summary>A one-line result of the last change (shown once).</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>Errors of the last change, one per line.</summary>
    public IReadOnlyList<string> Errors { get; protected set; } = [];

    /// <summary>Writes who did what from where to the audit log.</summary>
    protected Task AuditAsync(string action, string subject, string detail) => ConsoleAuth.AuditAsync(HttpContext, Me.Id, action, subject, detail);

    /// <summary>An .xlsx download of <paramref name="rows"/> (cells neutralised against formula injection).</summary>
    protected FileContentResult Xlsx(string fileName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows) =>
        File(ConsoleExport.Xlsx(header, rows), ConsoleExport.XlsxContentType, fileName);
}
