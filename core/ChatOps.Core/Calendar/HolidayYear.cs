namespace ChatOps.Core.Calendar;

/// <summary>
/// One year of China's official holiday arrangement (国务院办公厅关于部分节假日安排的通知): the days off and the weekends
/// that are working days (调休上班). Loaded from a YAML file per year so an office can add next year's notice
/// without a release; see Calendar/README.md for the format.
/// </summary>
public sealed record HolidayYear
{
    public required int Year { get; init; }

    /// <summary>Document number of the notice, e.g. 国办发明电〔2025〕7号; null when the file does not state it.</summary>
    public string? Source { get; init; }

    /// <summary>Title of the notice, for display.</summary>
    public string? Title { get; init; }

    /// <summary>Date the notice was issued.</summary>
    public DateOnly? Published { get; init; }

    /// <summary>File path or resource name the data came from, for messages.</summary>
    public required string LoadedFrom { get; init; }

    /// <summary>Days off (放假日) and the festival each belongs to.</summary>
    public required IReadOnlyDictionary<DateOnly, string> Holidays { get; init; }

    /// <summary>Weekends that are working days (调休上班日) and what they make up for.</summary>
    public required IReadOnlyDictionary<DateOnly, string> Workdays { get; init; }

    /// <summary>Parses one year's YAML text; throws <see cref="HolidayDataException"/> naming <paramref name="fileName"/>.</summary>
    public static HolidayYear Parse(string yaml, string fileName) => HolidayYamlParser.Parse(yaml, fileName);

    /// <summary>Reads and parses one YAML file.</summary>
    public static HolidayYear LoadFile(string path) => HolidayYamlParser.Parse(File.ReadAllText(path), path);
}

/// <summary>What the calendar knows about one date: enough for the bot to say why a deadline moved.</summary>
/// <param name="Name">Festival or make-up-day name from the official data; null for an ordinary day.</param>
/// <param name="HasOfficialData">False when the year has no data and the answer is the Mon–Fri fallback.</param>
public sealed record CalendarDayInfo(DateOnly Date, bool IsWorkingDay, string? Name, bool HasOfficialData);
