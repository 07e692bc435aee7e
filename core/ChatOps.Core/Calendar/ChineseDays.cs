namespace ChatOps.Core.Calendar;

/// <summary>Chinese weekday names for messages and the period listing; one table so every text says 周四 the same way.</summary>
internal static class ChineseDays
{
    private static readonly string[] Names = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

    public static string Weekday(DateOnly date) => Names[(int)date.DayOfWeek];
}
