using Microsoft.AspNetCore.Mvc;

namespace ChatOps.Bot.OfficeConsole.Pages;

/// <summary>接口令牌: the signed-in office person's personal tokens for the office API (the secret is shown once).</summary>
public sealed class TokensModel(ApiTokenService tokens) : ConsolePageModel
{
    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    /// <summary>The new token's secret, shown once: carried to the page the browser is redirected to (encrypted
    /// TempData, read once), so reloading that page issues nothing and shows nothing again.</summary>
    [TempData]
    public string? Secret { get; set; }

    public async Task OnGetAsync() => Tokens = await tokens.ListAsync(Me, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostIssueAsync(string? name)
    {
        try
        {
            var (token, secret) = await tokens.IssueAsync(Me, name ?? "", HttpContext.RequestAborted);
            await AuditAsync("console.token.issue", $"token:{token.Id}", token.Name);
            Secret = secret;
        }
        catch (DirectoryException ex)
        {
            Errors = [ex.Message];
            Tokens = await tokens.ListAsync(Me, HttpContext.RequestAborted);
            return Page();
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id)
    {
        if (await tokens.RevokeAsync(Me, id, HttpContext.RequestAborted))
        {
            await AuditAsync("console.token.revoke", $"token:{id}", "");
            Notice = ConsoleText.TokenRevoked;
        }

        return RedirectToPage();
    }
}
