using Microsoft.Playwright;

namespace ChatOps.Console.Tests;

/// <summary>Shared steps of the work-page tests: sign in with the Development picker, post a form with the page's antiforgery token.</summary>
internal static class ConsolePages
{
    public static async Task<IPage> SignInAsync(Browser browser, ConsoleHost host, string personId)
    {
        var page = await browser.NewPageAsync(host.BaseUrl);
        await page.GotoAsync("/console/signin");
        await page.ClickAsync($"button[data-person='{personId}']");
        return page;
    }

    /// <summary>Posts a form as the signed-in person would, with the antiforgery token of a form on the current page (for a button the page does not offer this person).</summary>
    public static async Task<IAPIResponse> PostWithTokenAsync(IPage page, string url, IDictionary<string, string> fields)
    {
        var token = await page.GetAttributeAsync("input[name=__RequestVerificationToken]", "value") ?? throw new InvalidOperationException("No antiforgery token on the page.");
        var form = page.Context.APIRequest.CreateFormData().Set("__RequestVerificationToken", token);
        foreach (var (key, value) in fields)
        {
            form = form.Set(key, value);
        }

        return await page.Context.APIRequest.PostAsync(url, new APIRequestContextOptions { Form = form, MaxRedirects = 0 });
    }
}
