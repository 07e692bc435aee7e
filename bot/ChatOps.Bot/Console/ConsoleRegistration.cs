using ChatOps.Core.Reports.Overview;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace ChatOps.Bot.OfficeConsole;

/// <summary>
/// The office console (办公室工作台) under <c>/console</c>: Razor Pages rendered on the server (no WebSockets, no
/// script needed, nothing loaded from elsewhere), its cookie session, WeCom and Entra sign-in and the Development
/// person picker. Pages only call the core services; permission comes from the directory roles
/// (<see cref="ConsoleAccess"/>).
/// </summary>
public static class ConsoleRegistration
{
    /// <summary>Registers the console. Call after <c>AddStorage</c>, <c>AddChatOps</c> and <c>AddWeCom</c>.</summary>
    public static IHostApplicationBuilder AddConsole(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var development = builder.Environment.IsDevelopment();
        var options = builder.Configuration.GetSection(ConsoleOptions.Section).Get<ConsoleOptions>() ?? new ConsoleOptions();
        builder.Services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section)
            .PostConfigure(o => o.DevelopmentSignIn = development)
            .Validate(o => o.IdleTimeout >= TimeSpan.FromMinutes(1) && o.IdleTimeout <= TimeSpan.FromHours(12), "Console:IdleTimeout must be between 00:01:00 and 12:00:00.")
            .ValidateOnStart();

        builder.Services.AddReportOverviewCore();
        builder.Services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Console/Pages";
            o.Conventions.AuthorizeFolder("/", ConsoleAuth.AnyPolicy);
            o.Conventions.AllowAnonymousToPage("/SignIn");
            o.Conventions.AuthorizePage("/Directory", ConsoleAuth.OfficePolicy);
            o.Conventions.AuthorizePage("/Audit", ConsoleAuth.OfficePolicy);
            o.Conventions.AuthorizePage("/Holidays", ConsoleAuth.OfficePolicy);
            o.Conventions.AuthorizePage("/Circulars", ConsoleAuth.OfficePolicy);
            o.Conventions.AuthorizePage("/Tokens", ConsoleAuth.OfficePolicy);
            o.Conventions.AuthorizePage("/Bulletin", ConsoleAuth.OfficePolicy);
            o.Conventions.AuthorizePage("/Stats", ConsoleAuth.OfficePolicy);
            o.Conventions.AuthorizePage("/Doctor", ConsoleAuth.OfficePolicy);
        });
        // Chinese text as text, not &#x...; entities (the pages are UTF-8).
        builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "chatops.console.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });

        var authentication = builder.Services.AddAuthentication(ConsoleAuth.Scheme)
            .AddCookie(ConsoleAuth.Scheme, o =>
            {
                o.Cookie.Name = ConsoleAuth.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                o.ExpireTimeSpan = options.IdleTimeout;
                o.SlidingExpiration = true;
                o.LoginPath = "/console/signin";
                o.Events.OnValidatePrincipal = ConsoleAuth.ValidateAsync;
                o.Events.OnRedirectToAccessDenied = context => ConsoleForbidden.WriteAsync(context.HttpContext);
                o.Events.OnRedirectToLogin = context =>
                {
                    if (context.Request.Path.StartsWithSegments("/api"))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    }
                    else
                    {
                        context.Response.Redirect(context.RedirectUri);
                    }

                    return Task.CompletedTask;
                };
            });
        if (options.Entra.Enabled)
        {
            authentication.AddOpenIdConnect(ConsoleAuth.EntraScheme, "Microsoft Entra ID", o => EntraLogin.Configure(o, options.Entra, development));
        }

        builder.Services.AddAuthorization(o =>
        {
            o.AddPolicy(ConsoleAuth.AnyPolicy, p => p.AddAuthenticationSchemes(ConsoleAuth.Scheme).RequireAuthenticatedUser().RequireClaim("chatops.area"));
            o.AddPolicy(ConsoleAuth.OfficePolicy, p => p.AddAuthenticationSchemes(ConsoleAuth.Scheme).RequireAuthenticatedUser()
                .RequireClaim("chatops.area", nameof(ConsoleAreas.Office)));
        });
        builder.Services.AddSingleton(ConsoleAssets.Load());
        builder.Services.AddConsoleWork();
        return builder;
    }

    /// <summary>Maps the pages, the sign-in endpoints and the console's own style sheet.</summary>
    public static WebApplication MapConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapRazorPages();
        app.MapGet("/console/assets/{file}", (HttpContext c, string file, ConsoleAssets assets) => assets.Serve(c, file)).AllowAnonymous();
        WeComLogin.Map(app);
        app.MapGet("/console/signin/entra", (string? returnUrl, IOptions<ConsoleOptions> options) => options.Value.Entra.Enabled
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = WeComLogin.SafeReturn(returnUrl) }, [ConsoleAuth.EntraScheme])
            : Results.Redirect("/console/signin?error=entra-off")).AllowAnonymous();
        app.MapPost("/console/signout", async (HttpContext c, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(c))
            {
                return Results.BadRequest();
            }

            await c.SignOutAsync(ConsoleAuth.Scheme);
            return Results.Redirect("/console/signin");
        }).RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = ConsoleAuth.Scheme });
        return app;
    }
}
