namespace ChatOps.Bot.OfficeConsole.Pages;

/// <summary>会议: navigation slot; the page itself is not built yet (MeetingService is ready for it).</summary>
public sealed class MeetingsModel : ConsolePageModel
{
    public void OnGet()
    {
    }
}
