using ChatOps.Core.Calendar;
using Microsoft.AspNetCore.Mvc;

namespace ChatOps.Bot.OfficeConsole.Pages;

/// <summary>
/// 节假日: each year's official days off and make-up working days, as the calendar that moves deadlines (顺延) holds
/// them; the office enters a new year from the State Council's notice, or uploads it as cn-YYYY.yaml
/// (<see cref="HolidayEntryService"/>: checked like the shipped years, stored, in force at once).
/// </summary>
public sealed class HolidaysModel(WorkCalendar calendar, HolidayEntryService entry, TimeProvider time) : ConsolePageModel
{
    private const long MaxUpload = 256 * 1024;

    public IReadOnlyList<HolidayYear> Years => calendar.Years;

    /// <summary>The year the form proposes: the first missing one from this year on.</summary>
    public int NextYear => Enumerable.Range(time.GetUtcNow().Year, 3).FirstOrDefault(y => !calendar.HasOfficialData(y), time.GetUtcNow().Year + 1);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostEnterAsync(int year, string? source, string? title, string? holidays, string? workdays)
    {
        var (saved, errors) = await entry.EnterAsync(Actor.Of(Me, ConsoleAuth.Source(HttpContext)), year, source, title, holidays, workdays, HttpContext.RequestAborted);
        return await DoneAsync(saved, errors);
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file)
    {
        if (file is null || file.Length == 0 || file.Length > MaxUpload)
        {
            Errors = [file is null || file.Length == 0 ? CalendarText.ChooseFile : CalendarText.FileTooLarge];
            return Page();
        }

        using var reader = new StreamReader(file.OpenReadStream(), System.Text.Encoding.UTF8);
        var yaml = await reader.ReadToEndAsync(HttpContext.RequestAborted);
        var (saved, errors) = await entry.UploadAsync(Actor.Of(Me, ConsoleAuth.Source(HttpContext)), yaml, Path.GetFileName(file.FileName), HttpContext.RequestAborted);
        return await DoneAsync(saved, errors);
    }

    private async Task<IActionResult> DoneAsync(HolidayYear? saved, IReadOnlyList<string> errors)
    {
        if (saved is null)
        {
            Errors = errors;
            return Page();
        }

        await AuditAsync("calendar.year", $"year:{saved.Year}", CalendarText.DaysOff(saved.Holidays.Count, saved.Workdays.Count));
        Notice = CalendarText.YearEntered(saved.Year, saved.Holidays.Count, saved.Workdays.Count);
        return RedirectToPage();
    }
}
