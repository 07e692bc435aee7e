namespace ChatOps.Bot.OfficeConsole.Pages;

/// <summary>报送统计: a shell until the reports branch's ReportService is merged (no report rule is written here).</summary>
public sealed class StatsModel : ConsolePageModel
{
    public void OnGet()
    {
    }
}
