namespace ChatOps.Bot.OfficeConsole.Pages;

/// <summary>报告: a shell until the reports branch's ReportService is merged (no report rule is written here).</summary>
public sealed class ReportsModel : ConsolePageModel
{
    public void OnGet()
    {
    }
}
