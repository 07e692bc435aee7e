namespace ChatOps.Core.Reports.Scheduling;

/// <summary>Settings of prompting and chasing (section <c>Scheduling</c>).</summary>
public sealed class ReportSchedulerOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Scheduling";

    /// <summary>
    /// How long after a deadline the overdue step is still run when the host was down at the deadline (default 3 days,
    /// a long weekend). A period whose deadline is older is left alone: notices about a long-past week help no one.
    /// </summary>
    public TimeSpan CatchUpLimit { get; set; } = TimeSpan.FromDays(3);
}
