namespace ChatOps.Bot.OfficeConsole.Pages;

/// <summary>专报编辑: a shell until the reports branch's ReportService is merged (no report rule is written here).</summary>
public sealed class BulletinModel : ConsolePageModel
{
    public void OnGet()
    {
    }
}
