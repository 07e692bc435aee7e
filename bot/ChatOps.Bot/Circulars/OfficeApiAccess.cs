using System.Net;
using System.Security.Cryptography;
using System.Text;
using ChatOps.Bot.Hosting;
using ChatOps.Core.Circulars;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;

namespace ChatOps.Bot.Circulars;

/// <summary>
/// Who may call the office API (the web console): the request carries the shared key <c>X-ChatOps-Office-Key</c>
/// (configuration <c>OfficeApi:Key</c>, compared in constant time) and acts as the office staff member named by
/// <c>X-ChatOps-Person</c>. Without a configured key the API answers only in Development and only from loopback, for
/// trying it out on one's own machine. A person outside the office is refused with 403 and the attempt is audited.
/// </summary>
internal static class OfficeApiAccess
{
    /// <summary>The header with the shared key.</summary>
    public const string KeyHeader = OfficeApiKey.Header;

    /// <summary>The header naming the acting person (directory id).</summary>
    public const string PersonHeader = "X-ChatOps-Person";

    /// <summary>The configuration key of the shared key.</summary>
    public const string KeySetting = OfficeApiKey.Setting;

    private const string PersonItem = "chatops.office-person";

    /// <summary>The office person the filter let through.</summary>
    public static Person Person(HttpContext context) => (Person)context.Items[PersonItem]!;

    /// <summary>The endpoint filter: 401 without a valid key or person header, 403 for a person outside the office.</summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var services = context.RequestServices;
        if (OfficeApiKey.Check(context) is { } refused)
        {
            return refused;
        }

        var personId = context.Request.Headers[PersonHeader].ToString().Trim();
        if (personId.Length == 0)
        {
            return Problem(StatusCodes.Status401Unauthorized, $"请在请求头 {PersonHeader} 中提供操作人的人员编号。");
        }

        var person = await services.GetRequiredService<IDirectoryRepository>().FindPersonAsync(personId, context.RequestAborted);
        if (person is null)
        {
            return Problem(StatusCodes.Status403Forbidden, $"人员“{personId}”不在名录中。");
        }

        if (!CircularService.IsOffice(person))
        {
            await using (var work = await services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(context.RequestAborted))
            {
                await services.GetRequiredService<CircularService>().RecordRefusalAsync(work, null, person,
                    services.GetRequiredService<TimeProvider>().GetUtcNow(), $"api {context.Request.Method} {context.Request.Path}", context.RequestAborted);
                await work.CommitAsync(context.RequestAborted);
            }

            return Problem(StatusCodes.Status403Forbidden, $"{person.Name}不是领导小组办公室人员，无权使用办公室接口。");
        }

        context.Items[PersonItem] = person;
        return await next(invocation);
    }

    /// <summary>A problem+json answer with the message in Chinese.</summary>
    public static IResult Problem(int status, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: status switch
        {
            StatusCodes.Status401Unauthorized => "未授权",
            StatusCodes.Status403Forbidden => "无权操作",
            StatusCodes.Status404NotFound => "未找到",
            StatusCodes.Status409Conflict => "状态不允许",
            _ => "请求有误",
        });

}
