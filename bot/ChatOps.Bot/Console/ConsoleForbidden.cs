using System.Text.Encodings.Web;

namespace ChatOps.Bot.OfficeConsole;

/// <summary>The friendly 403 page (liaisons, or a page outside the person's areas): plain HTML, no session needed.</summary>
internal static class ConsoleForbidden
{
    /// <summary>The page for a person the console does not admit at all.</summary>
    public static IResult Result(Person person) => Results.Content(Html(ConsoleAccess.RefusalText(person)), "text/html; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);

    public static string Html(string message) => $"""
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{ConsoleText.ForbiddenTitle}</title><link rel="stylesheet" href="/console/assets/console.css"></head>
        <body class="bare"><main class="card narrow"><h1>{ConsoleText.ForbiddenHeading}</h1><p id="refusal">{HtmlEncoder.Default.Encode(message)}</p>
        <p><a href="/console/signin">{ConsoleText.SignInAnother}</a></p></main></body></html>
        """;

    /// <summary>Writes the page for a signed-in person outside the page's area.</summary>
    public static Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(Html(ConsoleText.OutsideArea));
    }
}
