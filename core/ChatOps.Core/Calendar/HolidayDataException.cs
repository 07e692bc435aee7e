namespace ChatOps.Core.Calendar;

/// <summary>
/// A holiday data file is wrong. Office clerks edit these files by hand, so the message names the file, the line and
/// the problem in Chinese, and start-up stops rather than computing deadlines from a calendar that is silently wrong.
/// </summary>
public sealed class HolidayDataException : Exception
{
    public HolidayDataException(string fileName, int? line, string problem)
        : base(Describe(fileName, line, problem))
    {
        FileName = fileName;
        Line = line;
        Problem = problem;
    }

    public HolidayDataException(string fileName, int? line, string problem, Exception innerException)
        : base(Describe(fileName, line, problem), innerException)
    {
        FileName = fileName;
        Line = line;
        Problem = problem;
    }

    /// <summary>The file path or embedded resource name.</summary>
    public string FileName { get; }

    /// <summary>1-based line of the offending entry, when known.</summary>
    public int? Line { get; }

    /// <summary>What is wrong, without the file and line prefix.</summary>
    public string Problem { get; }

    private static string Describe(string fileName, int? line, string problem) => CalendarText.FileProblem(fileName, line, problem);
}
