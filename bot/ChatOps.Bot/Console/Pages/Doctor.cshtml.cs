using ChatOps.Core.Operations;

namespace ChatOps.Bot.OfficeConsole.Pages;

/// <summary>
/// 运行检查 (issue 17): the same checks as the <c>doctor</c> verb, run when the page is opened — configuration, database,
/// WeCom per app, Bot Framework, the holiday calendar, the directory — one line per finding in Chinese and English,
/// blocking findings first. Office only; nothing is changed.
/// </summary>
public sealed class DoctorModel(DoctorService doctor) : ConsolePageModel
{
    public DoctorReport Report { get; private set; } = new([]);

    public async Task OnGetAsync()
    {
        Report = await doctor.RunAsync(HttpContext.RequestAborted);
        await AuditAsync("console.doctor", "doctor", Report.Healthy ? "healthy" : "blocking");
    }

    public static string Css(DoctorLevel level) => level switch
    {
        DoctorLevel.Ok => "ok",
        DoctorLevel.Info => "",
        DoctorLevel.Warning => "warn",
        _ => "bad",
    };
}
