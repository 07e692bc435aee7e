namespace ChatOps.Core.Calendar;

/// <summary>An inclusive range of calendar days.</summary>
public readonly record struct DateRange(DateOnly Start, DateOnly End)
{
    public int Days => End.DayNumber - Start.DayNumber + 1;

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Start:yyyy-MM-dd} ~ {End:yyyy-MM-dd}");
}

/// <summary>
/// One reporting obligation: what it covers and when it is due after 顺延. When a postponed deadline reaches the next
/// period's deadline the two are reported once, so one record may stand for several nominal periods
/// (<see cref="ComponentKeys"/>); storage should key submissions on <see cref="Key"/>.
/// </summary>
/// <param name="CycleKey">Key of the <see cref="ReportCycleDefinition"/> that produced it.</param>
/// <param name="Key">"2026-W48", "2026-Q3", or joined for a merged period: "2026-W40+W41".</param>
/// <param name="ComponentKeys">Keys of the nominal periods reported together, in order (one unless merged).</param>
/// <param name="Covers">Days the report covers (all components together).</param>
/// <param name="Due">Deadline as a UTC instant, after 顺延.</param>
/// <param name="NominalDue">Deadline before 顺延 of the first component, as a UTC instant.</param>
/// <param name="Postponed">The deadline moved (<see cref="Due"/> is later than <see cref="NominalDue"/>).</param>
/// <param name="UsesFallbackCalendar">Some year between the nominal and the actual deadline has no official holiday data, so Monday–Friday was assumed.</param>
public sealed record ReportPeriod(
    string CycleKey,
    string Key,
    IReadOnlyList<string> ComponentKeys,
    DateRange Covers,
    DateTimeOffset Due,
    DateTimeOffset NominalDue,
    bool Postponed,
    bool UsesFallbackCalendar)
{
    /// <summary>Two or more nominal periods are reported together.</summary>
    public bool IsMerged => ComponentKeys.Count > 1;

    /// <summary>
    /// The keys reports and exemptions of this period may be stored under: its own key, then (merged) each component's,
    /// for what was filed before the holiday calendar merged the periods.
    /// </summary>
    public IEnumerable<string> StoredKeys => IsMerged ? [Key, .. ComponentKeys] : [Key];
}
