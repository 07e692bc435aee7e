using ChatOps.Core.Calendar;

namespace ChatOps.Core.Circulars;

/// <summary>One reminder of a circular: its key (part of every dedupe key) and its instant.</summary>
public sealed record ReminderStep(string Key, DateTimeOffset At);

/// <summary>
/// When the people who have not acknowledged a circular are reminded: <see cref="CircularOptions.FirstReminderAfter"/>
/// after issue (2 h) when that falls on a working day within office hours — otherwise it is dropped, since the next
/// morning's reminder follows anyway — then at <see cref="CircularOptions.DailyReminderAt"/> (09:00) on each following
/// working day of China's official calendar (holidays skipped, make-up workdays included), up to
/// <see cref="CircularOptions.MaxReminders"/> in all. Pure: the plan depends only on the issue instant.
/// </summary>
public sealed class ReminderPlanner(WorkCalendar calendar, TimeZoneInfo zone, CircularOptions options)
{
    /// <summary>The key of the reminder after issue.</summary>
    public const string FirstKey = "first";

    /// <summary>Every reminder of a circular issued at <paramref name="issuedAt"/>, in order.</summary>
    public IReadOnlyList<ReminderStep> Plan(DateTimeOffset issuedAt)
    {
        var steps = new List<ReminderStep>();
        if (options.MaxReminders == 0)
        {
            return steps;
        }

        if (options.FirstReminderAfter > TimeSpan.Zero)
        {
            var first = issuedAt + options.FirstReminderAfter;
            if (InOfficeHours(first))
            {
                steps.Add(new ReminderStep(FirstKey, first));
            }
        }

        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(issuedAt, zone).DateTime);
        while (steps.Count < options.MaxReminders)
        {
            day = calendar.NextWorkingDayOnOrAfter(day.AddDays(1));
            steps.Add(new ReminderStep("d" + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture), At(day, options.DailyReminderAt)));
        }

        return steps;
    }

    /// <summary>True on a working day between <see cref="CircularOptions.OfficeHoursStart"/> and <see cref="CircularOptions.OfficeHoursEnd"/> (office time).</summary>
    public bool InOfficeHours(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        return calendar.IsWorkingDay(DateOnly.FromDateTime(local))
            && local.TimeOfDay >= options.OfficeHoursStart && local.TimeOfDay < options.OfficeHoursEnd;
    }

    private DateTimeOffset At(DateOnly day, TimeSpan time)
    {
        var local = day.ToDateTime(TimeOnly.FromTimeSpan(time), DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
