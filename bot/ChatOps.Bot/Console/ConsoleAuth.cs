using System.Security.Claims;
using ChatOps.Core.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace ChatOps.Bot.OfficeConsole;

/// <summary>
/// The console's session: a cookie naming the directory person (nothing else is trusted from it). Every request looks
/// the person up again, so a role taken away in the directory takes effect at once, and a person no longer entitled to
/// the console is signed out. Sign-in (picker, WeCom, Entra) always ends in <see cref="SignInAsync"/>.
/// </summary>
public static class ConsoleAuth
{
    /// <summary>The cookie scheme.</summary>
    public const string Scheme = "console";

    /// <summary>The Entra ID (OpenID Connect) scheme.</summary>
    public const string EntraScheme = "entra";

    /// <summary>The cookie's name.</summary>
    public const string CookieName = "chatops.console";

    /// <summary>Authorization policies by area.</summary>
    public const string OfficePolicy = "console.office";

    /// <summary>Anyone the console admits (office, reviewing leaders, hosts).</summary>
    public const string AnyPolicy = "console.any";

    /// <summary>How the person signed in, kept as a claim.</summary>
    public const string MethodClaim = "chatops.signin";

    private const string PersonItem = "chatops.console.person";

    /// <summary>The signed-in person, once <see cref="ValidateAsync"/> has let the request through.</summary>
    public static Person? Person(HttpContext context) => context.Items[PersonItem] as Person;

    /// <summary>Issues the session cookie for <paramref name="person"/> and writes the sign-in to the audit log.</summary>
    public static async Task SignInAsync(HttpContext context, Person person, string method)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, person.Id), new Claim(ClaimTypes.Name, person.Name), new Claim(MethodClaim, method)],
            Scheme);
        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
        await AuditAsync(context, person.Id, "console.signin", $"person:{person.Id}", method);
    }

    /// <summary>Cookie event: re-reads the person; no longer in the directory or no longer entitled → signed out.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var person = id is null ? null : await context.HttpContext.RequestServices.GetRequiredService<IDirectoryRepository>().FindPersonAsync(id, context.HttpContext.RequestAborted);
        if (person is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
            return;
        }

        context.HttpContext.Items[PersonItem] = person;
        var identity = (ClaimsIdentity)context.Principal!.Identity!;
        foreach (var area in Enum.GetValues<ConsoleAreas>().Where(a => a != ConsoleAreas.None && ConsoleAccess.May(person.Roles, a)))
        {
            identity.AddClaim(new Claim("chatops.area", area.ToString()));
        }
    }

    /// <summary>Where a request comes from, as the audit log records it.</summary>
    public static string Source(HttpContext context, string channel = "console")
    {
        var ip = context.Connection.RemoteIpAddress;
        var text = ip is null ? "?" : (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString();
        return $"{channel} {text}";
    }

    /// <summary>
    /// Appends one line to the audit log in its own unit of work (for changes a service commits itself, and refusals);
    /// <paramref name="channel"/> names where from (<see cref="Source"/>).
    /// </summary>
    public static async Task AuditAsync(HttpContext context, string actorId, string action, string subject, string detail, string channel = "console")
    {
        var services = context.RequestServices;
        await using var work = await services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(context.RequestAborted);
        await work.Audit.AppendAsync(AuditEntry.Of(services.GetRequiredService<TimeProvider>().GetUtcNow(), actorId, action, subject, detail, Source(context, channel)), context.RequestAborted);
        await work.CommitAsync(context.RequestAborted);
    }
}
