using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ChatOps.Bot.OfficeConsole;

/// <summary>
/// Sign-in with Microsoft Entra ID (OpenID Connect, authorization code with PKCE). The ID token's person is found in
/// the directory by their Bot Framework account: first the Entra object id (<c>oid</c>, what Teams sends as
/// <c>aadObjectId</c>, the recommended value to file as BotFramework账号), then the UPN (<c>preferred_username</c>).
/// Nobody is admitted by e-mail alone, nor created on the fly. The cookie is the console's own; Entra's tokens are not kept.
/// </summary>
internal static class EntraLogin
{
    public const string CallbackPath = "/console/signin/entra/callback";

    public static void Configure(OpenIdConnectOptions o, ConsoleEntraOptions entra, bool development)
    {
        o.Authority = entra.Authority;
        o.ClientId = entra.ClientId;
        o.ClientSecret = entra.ClientSecret;
        o.RequireHttpsMetadata = entra.RequireHttpsMetadata;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.ResponseMode = OpenIdConnectResponseMode.Query; // a top-level GET back: the SameSite=Lax correlation cookies are sent
        o.UsePkce = true;
        o.CallbackPath = CallbackPath;
        o.SignInScheme = ConsoleAuth.Scheme;
        o.SaveTokens = false;
        o.GetClaimsFromUserInfoEndpoint = false;
        o.MapInboundClaims = false;
        o.Scope.Clear();
        o.Scope.Add("openid");
        o.Scope.Add("profile");
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        if (development)
        {
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }

        o.Events.OnTokenValidated = TokenValidatedAsync;
        o.Events.OnRemoteFailure = context =>
        {
            context.Response.Redirect("/console/signin?error=entra");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    private static async Task TokenValidatedAsync(TokenValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var directory = services.GetRequiredService<IDirectoryRepository>();
        var principal = context.Principal!;
        var oid = principal.FindFirstValue("oid");
        var upn = principal.FindFirstValue("preferred_username") ?? principal.FindFirstValue("upn");
        var person = oid is null ? null : await directory.FindByIdentityAsync(ChannelNames.BotFramework, oid, context.HttpContext.RequestAborted);
        if (person is null && upn is not null)
        {
            person = await directory.FindByIdentityAsync(ChannelNames.BotFramework, upn, context.HttpContext.RequestAborted);
        }

        if (person is null)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EntraLogin)).LogWarning("Entra sign-in refused: oid {Oid} / {Upn} not in the directory", oid, upn);
            context.Response.Redirect("/console/signin?error=unknown");
            context.HandleResponse();
            return;
        }

        if (ConsoleAccess.AreasOf(person.Roles) == ConsoleAreas.None)
        {
            await ConsoleAuth.AuditAsync(context.HttpContext, person.Id, "console.refused", $"person:{person.Id}", "entra");
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(ConsoleForbidden.Html(ConsoleAccess.RefusalText(person)));
            context.HandleResponse();
            return;
        }

        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, person.Id), new Claim(ClaimTypes.Name, person.Name), new Claim(ConsoleAuth.MethodClaim, "entra")],
            ConsoleAuth.Scheme));
        await ConsoleAuth.AuditAsync(context.HttpContext, person.Id, "console.signin", $"person:{person.Id}", "entra");
    }
}
