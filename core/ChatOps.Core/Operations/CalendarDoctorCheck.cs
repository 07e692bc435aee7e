using ChatOps.Core.Calendar;

namespace ChatOps.Core.Operations;

/// <summary>
/// China's holiday calendar for this year and next (in the office's time zone): without it deadlines ignore 调休 and
/// 顺延 (the calendar falls back to Monday–Friday). This year missing blocks; next year missing is a warning until the
/// State Council's notice is out (usually November).
/// </summary>
public sealed class CalendarDoctorCheck(WorkCalendar calendar, TimeProvider time, Reports.OfficeProfile office) : IDoctorCheck
{
    private const string Check = "calendar";

    /// <inheritdoc/>
    public int Order => 40;

    /// <inheritdoc/>
    public Task<IReadOnlyList<DoctorFinding>> RunAsync(CancellationToken cancellationToken = default)
    {
        var year = TimeZoneInfo.ConvertTime(time.GetUtcNow(), office.Zone).Year;
        var findings = new List<DoctorFinding>();
        foreach (var y in new[] { year, year + 1 })
        {
            if (calendar.GetYear(y) is { } data)
            {
                findings.Add(DoctorFinding.Ok(Check,
                    OperationsText.CalendarLoaded(y, data.Source ?? data.LoadedFrom),
                    $"The {y} holiday calendar is loaded ({data.Source ?? data.LoadedFrom})."));
                continue;
            }

            var zh = OperationsText.CalendarMissing(y);
            var en = $"No {y} holiday calendar: deadlines fall back to Monday-Friday without 顺延. Add cn-{y}.yaml (core/ChatOps.Core/Calendar/README.md) once the State Council notice is out, and upgrade.";
            findings.Add(y == year ? DoctorFinding.Blocking(Check, zh, en) : DoctorFinding.Warning(Check, zh, en));
        }

        return Task.FromResult<IReadOnlyList<DoctorFinding>>(findings);
    }
}
