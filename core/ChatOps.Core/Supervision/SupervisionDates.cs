using System.Text.RegularExpressions;

namespace ChatOps.Core.Supervision;

/// <summary>Reads deadlines as offices write them: 2026-06-30, 2026/6/30, 2026年6月30日, 6月30日 (this year), an Excel date cell.</summary>
public static partial class SupervisionDates
{
    /// <summary>The date, or null when it cannot be read.</summary>
    public static DateOnly? Parse(string? text, int defaultYear)
    {
        var t = (text ?? "").Trim().Normalize(System.Text.NormalizationForm.FormKC);
        if (t.Length == 0)
        {
            return null;
        }

        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 20000 and <= 80000)
        {
            return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
        }

        var m = Full().Match(t);
        var (year, month, day) = m.Success
            ? (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture))
            : Short().Match(t) is { Success: true } s
                ? (defaultYear, int.Parse(s.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(s.Groups[2].Value, CultureInfo.InvariantCulture))
                : (0, 0, 0);
        return year is >= 2000 and <= 2100 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
    }

    [GeneratedRegex(@"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+0{1,2}:00(?::00)?)?$")]
    private static partial Regex Full();

    [GeneratedRegex(@"^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")]
    private static partial Regex Short();
}
