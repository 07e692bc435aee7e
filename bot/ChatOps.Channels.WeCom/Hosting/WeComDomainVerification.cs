using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace ChatOps.Channels.WeCom.Hosting;

/// <summary>
/// WeCom's domain verification (可信域名): when an administrator sets the bot's domain as the app's trusted domain, the
/// admin console asks for a file <c>WW_verify_XXXX.txt</c> with given content to be served at the domain's root. The host
/// serves it from configuration (<c>WeCom:DomainVerification:FileName</c> and <c>:Content</c>), so OAuth sign-in to the
/// console can be enabled without another web server. Off unless both are set.
/// </summary>
public static partial class WeComDomainVerification
{
    /// <summary>The configuration section.</summary>
    public const string Section = "WeCom:DomainVerification";

    /// <summary>Maps <c>GET /{FileName}</c> answering the configured content as text/plain; does nothing when not configured.</summary>
    public static WebApplication MapWeComDomainVerification(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var section = app.Configuration.GetSection(Section);
        var fileName = section["FileName"]?.Trim().TrimStart('/');
        var content = section["Content"]?.Trim();
        if (string.IsNullOrEmpty(fileName) || string.IsNullOrEmpty(content))
        {
            return app;
        }

        if (!IsValidFileName(fileName))
        {
            return app; // refused with a one-line message by the start-up validation (Validate)
        }

        app.MapGet("/" + fileName, () => Results.Text(content, "text/plain; charset=utf-8")).ExcludeFromDescription();
        return app;
    }

    /// <summary>The start-up check of the section: one line naming the key, or null when fine.</summary>
    public static string? Validate(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var fileName = configuration[$"{Section}:FileName"]?.Trim().TrimStart('/');
        var content = configuration[$"{Section}:Content"]?.Trim();
        if (string.IsNullOrEmpty(fileName) && string.IsNullOrEmpty(content))
        {
            return null;
        }

        if (string.IsNullOrEmpty(fileName) || string.IsNullOrEmpty(content))
        {
            return $"{Section}: set both FileName and Content (the file name and text WeCom's admin console shows).";
        }

        return IsValidFileName(fileName)
            ? null
            : $"{Section}:FileName must be the file name WeCom shows, e.g. WW_verify_AbC123.txt (got '{fileName}').";
    }

    /// <summary>True for a name of the form WeCom gives: WW_verify_ + letters/digits + .txt.</summary>
    public static bool IsValidFileName(string fileName) => FileNamePattern().IsMatch(fileName);

    [GeneratedRegex("^WW_verify_[A-Za-z0-9]{1,64}\\.txt$")]
    private static partial Regex FileNamePattern();
}
