using ChatOps.Core.Reports;

namespace ChatOps.Bot.OfficeConsole;

/// <summary>How the console writes times: office time, to the minute.</summary>
public static class ConsoleFormat
{
    /// <summary><c>2026-12-03 14:05</c> in the office's time zone.</summary>
    public static string Time(DateTimeOffset at, HttpContext context) =>
        TimeZoneInfo.ConvertTime(at, context.RequestServices.GetRequiredService<OfficeProfile>().Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Same, or empty.</summary>
    public static string Time(DateTimeOffset? at, HttpContext context) => at is { } t ? Time(t, context) : "";
}
