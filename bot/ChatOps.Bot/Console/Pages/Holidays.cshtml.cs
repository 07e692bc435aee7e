using ChatOps.Core.Calendar;

namespace ChatOps.Bot.OfficeConsole.Pages;

/// <summary>节假日: each year's official days off and make-up working days, as the calendar that moves deadlines (顺延) holds them.</summary>
public sealed class HolidaysModel(WorkCalendar calendar) : ConsolePageModel
{
    public IReadOnlyList<HolidayYear> Years => calendar.Years;

    public void OnGet()
    {
    }
}
