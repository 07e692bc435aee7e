using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatOps.Bot.OfficeConsole.Pages;

/// <summary>
/// 登录: WeCom (OAuth inside the client, QR code on the desktop), Entra ID, and in Development a person picker as in
/// the local chat. No password is ever asked for or stored. Refusals come back here as a fixed error code.
/// </summary>
public sealed class SignInModel(IOptions<ConsoleOptions> options, IDirectoryRepository directory) : PageModel
{
    private static readonly Dictionary<string, string> Errors = new(StringComparer.Ordinal)
    {
        ["state"] = "登录请求已失效或无法核验（可能已使用过或被篡改），请重新登录。",
        ["code"] = "企业微信登录码无效或已过期，请重新扫码或从企业微信重新进入。",
        ["unknown"] = "您的账号不在名录中，请联系领导小组办公室登记后再登录。",
        ["unreachable"] = "暂时无法连接企业微信，请稍后再试。",
        ["entra"] = "Microsoft 登录未完成，请重新登录。",
        ["wecom-off"] = "未启用企业微信登录。",
        ["entra-off"] = "未启用 Microsoft Entra ID 登录。",
    };

    public bool PickerEnabled => options.Value.DevelopmentSignIn;

    public bool WeComEnabled => WeComLogin.App(HttpContext.RequestServices) is not null;

    public bool EntraEnabled => options.Value.Entra.Enabled;

    public string? Error { get; private set; }

    public string ReturnUrl { get; private set; } = "/console";

    public IReadOnlyList<(Person Person, string Unit)> People { get; private set; } = [];

    public async Task OnGetAsync(string? error, string? returnUrl)
    {
        Error = error is null ? null : Errors.GetValueOrDefault(error, "登录未完成，请重新登录。");
        ReturnUrl = WeComLogin.SafeReturn(returnUrl);
        if (PickerEnabled)
        {
            var snapshot = await directory.LoadAsync(HttpContext.RequestAborted);
            var units = snapshot.Units.ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal);
            People = [.. snapshot.People
                .OrderByDescending(p => ConsoleAccess.AreasOf(p.Roles))
                .ThenBy(p => p.Id, StringComparer.Ordinal)
                .Select(p => (p, p.UnitCode is null ? "领导小组办公室" : units.GetValueOrDefault(p.UnitCode, p.UnitCode)))];
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
