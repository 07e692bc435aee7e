using ChatOps.Bot.OfficeConsole;
using ChatOps.Core.Circulars;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace ChatOps.Bot.Circulars;

/// <summary>
/// Who calls the office API (<c>/api/meetings</c>, <c>/api/circulars</c>): the person signed in to the console (its
/// cookie; a change through the cookie must also carry the console's antiforgery token, as a form does), or the person
/// whose personal token the request carries (<c>Authorization: Bearer chatops_…</c>, issued on the console's 接口令牌
/// page; only its hash is stored). Nobody is taken at their word: there is no header naming a person. Without either
/// the answer is 401; a person outside the office is refused with 403 and the attempt is audited.
/// </summary>
internal static class OfficeApiAccess
{
    private const string PersonItem = "chatops.office-person";

    /// <summary>The office person the filter let through.</summary>
    public static Person Person(HttpContext context) => (Person)context.Items[PersonItem]!;

    /// <summary>The office person the filter let through, acting through the API from the caller's address.</summary>
    public static Actor Actor(HttpContext context) => Core.Organization.Actor.Of(Person(context), ConsoleAuth.Source(context, "api"));

    /// <summary>The endpoint filter: 401 without an identity, 403 for a person outside the office.</summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var services = context.RequestServices;
        Person? person;
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            person = await services.GetRequiredService<ApiTokenService>().AuthenticateAsync(authorization["Bearer ".Length..].Trim(), context.RequestAborted);
            if (person is null)
            {
                return Problem(StatusCodes.Status401Unauthorized, DirectoryText.TokenInvalid);
            }
        }
        else
        {
            var session = await context.AuthenticateAsync(ConsoleAuth.Scheme);
            person = session.Succeeded ? ConsoleAuth.Person(context) : null;
            if (person is null)
            {
                return Problem(StatusCodes.Status401Unauthorized, DirectoryText.SignInOrToken);
            }

            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) &&
                !await services.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
            {
                return Problem(StatusCodes.Status400BadRequest, DirectoryText.AntiforgeryMissing);
            }
        }

        if (!ConsoleAccess.May(person.Roles, ConsoleAreas.Office))
        {
            await using (var work = await services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(context.RequestAborted))
            {
                await services.GetRequiredService<CircularService>().RecordRefusalAsync(Core.Organization.Actor.Of(person, ConsoleAuth.Source(context, "api")), work, null,
                    services.GetRequiredService<TimeProvider>().GetUtcNow(), $"api {context.Request.Method} {context.Request.Path}", context.RequestAborted);
                await work.CommitAsync(context.RequestAborted);
            }

            return Problem(StatusCodes.Status403Forbidden, DirectoryText.ApiForOfficeOnly(person));
        }

        context.Items[PersonItem] = person;
        return await next(invocation);
    }

    /// <summary>A problem+json answer with the message in Chinese.</summary>
    public static IResult Problem(int status, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: status switch
        {
            StatusCodes.Status401Unauthorized => CircularText.UnauthorizedTitle,
            StatusCodes.Status403Forbidden => CircularText.ForbiddenTitle,
            StatusCodes.Status404NotFound => CircularText.NotFoundTitle,
            StatusCodes.Status409Conflict => CircularText.ConflictTitle,
            _ => CircularText.BadRequestTitle,
        });
}
