namespace ChatOps.Bot.OfficeConsole.Pages;

/// <summary>本期报送 (home): a shell until the reports branch's ReportService and period status query are merged.</summary>
public sealed class IndexModel : ConsolePageModel
{
    public void OnGet()
    {
    }
}
