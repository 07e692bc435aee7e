using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatOps.Bot.Hosting;

/// <summary>
/// /healthz: 200 when the database can be reached and written, 503 when it cannot. Outside Development it answers the
/// status only (<c>{"status":"Healthy"}</c>), never the database file, provider or schema; those are on
/// /healthz/details, which answers only a direct loopback caller (no proxy's forwarding header) or a request carrying
/// <c>Health:DetailsKey</c> in <c>X-ChatOps-Health-Key</c>: 403 for a wrong key, 404 for anyone else.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>The header with the details key.</summary>
    public const string KeyHeader = "X-ChatOps-Health-Key";

    /// <summary>The configuration key of the details key.</summary>
    public const string KeySetting = "Health:DetailsKey";

    /// <summary>Maps /healthz and /healthz/details.</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        var details = app.Environment.IsDevelopment();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = details ? WriteDetailsAsync : WriteStatusAsync });
        app.MapGet("/healthz/details", async (HttpContext context, HealthCheckService health) =>
        {
            if (Refusal(context) is { } refused)
            {
                context.Response.StatusCode = refused;
                return;
            }

            var report = await health.CheckHealthAsync(context.RequestAborted);
            context.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            context.Response.Headers.CacheControl = "no-store, no-cache";
            await WriteDetailsAsync(context, report);
        }).ExcludeFromDescription();
        return app;
    }

    /// <summary>Null when the caller may see the details; otherwise the status code to refuse with.</summary>
    internal static int? Refusal(HttpContext context)
    {
        var configured = context.RequestServices.GetRequiredService<IConfiguration>()[KeySetting];
        var given = context.Request.Headers[KeyHeader].ToString();
        if (!string.IsNullOrEmpty(configured) && given.Length > 0)
        {
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(configured), Encoding.UTF8.GetBytes(given))
                ? null
                : StatusCodes.Status403Forbidden;
        }

        return IsDirectLoopback(context) ? null : StatusCodes.Status404NotFound;
    }

    private static bool IsDirectLoopback(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } ip
        && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip)
        && !context.Request.Headers.ContainsKey("X-Forwarded-For")
        && !context.Request.Headers.ContainsKey("Forwarded");

    private static Task WriteStatusAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString() }, JsonOptions));
    }

    private static Task WriteDetailsAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonOptions));
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
