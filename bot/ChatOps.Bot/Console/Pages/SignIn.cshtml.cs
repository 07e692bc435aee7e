using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatOps.Bot.OfficeConsole.Pages;

/// <summary>
/// 登录: WeCom (OAuth inside the client, QR code on the desktop), Entra ID, and in Development a person picker as in
/// the local chat. No password is ever asked for or stored. Refusals come back here as a fixed error code.
/// </summary>
public sealed class SignInModel(IOptions<ConsoleOptions> options, IDirectoryRepository directory) : PageModel
{
    public bool PickerEnabled => options.Value.DevelopmentSignIn;

    public bool WeComEnabled => WeComLogin.App(HttpContext.RequestServices) is not null;

    public bool EntraEnabled => options.Value.Entra.Enabled;

    public string? Error { get; private set; }

    public string ReturnUrl { get; private set; } = "/console";

    public IReadOnlyList<(Person Person, string Unit)> People { get; private set; } = [];

    public async Task OnGetAsync(string? error, string? returnUrl)
    {
        Error = error is null ? null : ConsoleText.SignInError(error);
        ReturnUrl = WeComLogin.SafeReturn(returnUrl);
        if (PickerEnabled)
        {
            var snapshot = await directory.LoadAsync(HttpContext.RequestAborted);
            var units = snapshot.Units.ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal);
            People = [.. snapshot.People
                .OrderByDescending(p => ConsoleAccess.AreasOf(p.Roles))
                .ThenBy(p => p.Id, StringComparer.Ordinal)
                .Select(p => (p, p.UnitCode is null ? ConsoleText.OfficeUnit : units.GetValueOrDefault(p.UnitCode, p.UnitCode)))];
        }
    }

    /// <summary>The Development picker (antiforgery-checked like every form).</summary>
    public async Task<IActionResult> OnPostAsync(string? person, string? returnUrl)
    {
        if (!PickerEnabled)
        {
            return NotFound();
        }

        var chosen = string.IsNullOrWhiteSpace(person) ? null : await directory.FindPersonAsync(person, HttpContext.RequestAborted);
        if (chosen is null)
        {
            return Redirect("/console/signin?error=unknown");
        }

        if (ConsoleAccess.AreasOf(chosen.Roles) == ConsoleAreas.None)
        {
            await ConsoleAuth.AuditAsync(HttpContext, chosen.Id, "console.refused", $"person:{chosen.Id}", "picker");
            return new ContentResult { StatusCode = StatusCodes.Status403Forbidden, ContentType = "text/html; charset=utf-8", Content = ConsoleForbidden.Html(ConsoleAccess.RefusalText(chosen)) };
        }

        await ConsoleAuth.SignInAsync(HttpContext, chosen, "picker");
        return LocalRedirect(WeComLogin.SafeReturn(returnUrl));
    }
}
