using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatOps.Channels.WeCom.Api;
using ChatOps.Channels.WeCom.Hosting;
using Microsoft.AspNetCore.DataProtection;

namespace ChatOps.Bot.OfficeConsole;

/// <summary>
/// WeCom web login for the console. Inside the WeCom client: OAuth (<c>/connect/oauth2/authorize</c> on the OAuth
/// host); in a desktop browser: the QR login (<c>/wwlogin/sso/login</c> on the login host). Both come back with a
/// one-time code, exchanged with <c>GET /cgi-bin/auth/getuserinfo</c> for the member's userid, which must be a person's
/// WeCom identity in the directory. The <c>state</c> is random, kept in a short-lived protected cookie and consumed on
/// return, so a forged state or a replayed callback is refused. Hosts are configurable for 政务微信.
/// </summary>
internal static class WeComLogin
{
    public const string StartPath = "/console/signin/wecom";
    public const string CallbackPath = "/console/signin/wecom/callback";
    private const string StateCookie = "chatops.console.wecom";
    private static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);

    /// <summary>The app that signs people in; null when WeCom login is off.</summary>
    public static WeComApp? App(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ConsoleOptions>>().Value.WeCom;
        if (!options.Enabled || services.GetService<WeComApps>() is not { } apps)
        {
            return null;
        }

        return string.IsNullOrWhiteSpace(options.App) ? apps.All[0] : apps.Find(options.App) ?? apps.All[0];
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(StartPath, Start).AllowAnonymous();
        app.MapGet(CallbackPath, CallbackAsync).AllowAnonymous();
    }

    private static IResult Start(HttpContext context, string? mode, string? returnUrl)
    {
        var services = context.RequestServices;
        if (App(services) is not { } weCom)
        {
            return Results.Redirect("/console/signin?error=wecom-off");
        }

        var options = services.GetRequiredService<IOptions<ConsoleOptions>>().Value;
        var state = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var ticket = new StateTicket(state, services.GetRequiredService<TimeProvider>().GetUtcNow() + StateLifetime, SafeReturn(returnUrl));
        context.Response.Cookies.Append(StateCookie, Protector(services).Protect(JsonSerializer.Serialize(ticket)), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = CallbackPath,
            MaxAge = StateLifetime,
        });

        var redirect = Uri.EscapeDataString(ConsoleUrls.Absolute(context, options, CallbackPath));
        var app = weCom.Options;
        var url = mode == "qr"
            ? $"{options.WeCom.LoginHost.TrimEnd('/')}/wwlogin/sso/login?login_type=CorpApp&appid={Uri.EscapeDataString(app.CorpId)}&agentid={Uri.EscapeDataString(app.AgentId)}&redirect_uri={redirect}&state={state}"
            : $"{options.WeCom.OAuthHost.TrimEnd('/')}/connect/oauth2/authorize?appid={Uri.EscapeDataString(app.CorpId)}&redirect_uri={redirect}&response_type=code&scope=snsapi_base&state={state}&agentid={Uri.EscapeDataString(app.AgentId)}#wechat_redirect";
        return Results.Redirect(url);
    }

    private static async Task<IResult> CallbackAsync(HttpContext context, string? code, string? state)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WeComLogin));
        var ticket = ReadTicket(context);
        context.Response.Cookies.Delete(StateCookie, new CookieOptions { Path = CallbackPath });
        if (ticket is null || state is null || ticket.Expires < services.GetRequiredService<TimeProvider>().GetUtcNow() ||
            !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(ticket.State), Encoding.ASCII.GetBytes(state)))
        {
            logger.LogWarning("WeCom sign-in refused: missing, expired or mismatched state from {Source}", ConsoleAuth.Source(context));
            return Results.Redirect("/console/signin?error=state");
        }

        if (string.IsNullOrWhiteSpace(code) || App(services) is not { } weCom)
        {
            return Results.Redirect("/console/signin?error=code");
        }

        string? userId;
        try
        {
            userId = await weCom.Client.GetUserIdAsync(code, context.RequestAborted);
        }
        catch (WeComApiException ex)
        {
            logger.LogWarning("WeCom sign-in refused: auth/getuserinfo answered {ErrCode} {ErrMsg}", ex.ErrCode, ex.ErrMsg);
            return Results.Redirect("/console/signin?error=code");
        }
        catch (WeComException ex)
        {
            logger.LogError(ex, "WeCom sign-in failed: auth/getuserinfo unreachable");
            return Results.Redirect("/console/signin?error=unreachable");
        }

        var person = userId is null ? null : await services.GetRequiredService<IDirectoryRepository>().FindByIdentityAsync(ChannelNames.WeCom, userId, context.RequestAborted);
        if (person is null)
        {
            logger.LogWarning("WeCom sign-in refused: userid {UserId} is not in the directory", userId);
            return Results.Redirect("/console/signin?error=unknown");
        }

        if (ConsoleAccess.AreasOf(person.Roles) == ConsoleAreas.None)
        {
            await ConsoleAuth.AuditAsync(context, person.Id, "console.refused", $"person:{person.Id}", "wecom");
            return ConsoleForbidden.Result(person);
        }

        await ConsoleAuth.SignInAsync(context, person, "wecom");
        return Results.Redirect(ticket.ReturnUrl);
    }

    private static StateTicket? ReadTicket(HttpContext context)
    {
        if (context.Request.Cookies[StateCookie] is not { Length: > 0 } raw)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<StateTicket>(Protector(context.RequestServices).Unprotect(raw));
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Only a local console path: never an open redirect.</summary>
    public static string SafeReturn(string? returnUrl) =>
        returnUrl is { Length: > 0 } r && r.StartsWith("/console", StringComparison.Ordinal) && !r.StartsWith("//", StringComparison.Ordinal) && !r.Contains('\\', StringComparison.Ordinal)
            ? r
            : "/console";

    private static IDataProtector Protector(IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("ChatOps.Console.WeComState");

    private sealed record StateTicket(string State, DateTimeOffset Expires, string ReturnUrl);
}

/// <summary>Absolute URLs of the console, for redirect_uri values.</summary>
internal static class ConsoleUrls
{
    public static string Absolute(HttpContext context, ConsoleOptions options, string path) =>
        string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            ? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{path}"
            : options.PublicBaseUrl.TrimEnd('/') + path;
}
