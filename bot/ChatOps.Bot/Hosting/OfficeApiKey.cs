using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace ChatOps.Bot.Hosting;

/// <summary>
/// The office API's shared key, checked the same way for every office endpoint (meetings, circulars): the
/// <c>X-ChatOps-Office-Key</c> header must equal <c>OfficeApi:Key</c> (constant-time compare). Without a configured key
/// only Development requests from loopback are served, for trying the API on one's own machine.
/// </summary>
public static class OfficeApiKey
{
    /// <summary>The header with the shared key.</summary>
    public const string Header = "X-ChatOps-Office-Key";

    /// <summary>The configuration key of the shared key.</summary>
    public const string Setting = "OfficeApi:Key";

    /// <summary>Null when the request may proceed; otherwise the 401 problem to answer with.</summary>
    public static IResult? Check(HttpContext context)
    {
        var services = context.RequestServices;
        var configured = services.GetRequiredService<IConfiguration>()[Setting];
        if (string.IsNullOrEmpty(configured))
        {
            var loopback = context.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip);
            return services.GetRequiredService<IHostEnvironment>().IsDevelopment() && loopback
                ? null
                : Problem($"未配置办公室接口密钥（{Setting}），仅允许在开发环境从本机访问。");
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(configured), Encoding.UTF8.GetBytes(context.Request.Headers[Header].ToString()))
            ? null
            : Problem($"办公室接口密钥无效，请在请求头 {Header} 中提供正确的密钥。");
    }

    private static IResult Problem(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status401Unauthorized, title: "未授权");
}
