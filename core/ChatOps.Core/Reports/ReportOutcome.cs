namespace ChatOps.Core.Reports;

/// <summary>What a <see cref="ReportService"/> call did.</summary>
public enum ReportOutcomeKind
{
    /// <summary>A new draft was created for the period.</summary>
    Created,

    /// <summary>The person's own draft, to continue.</summary>
    Resumed,

    /// <summary>A report the reviewer returned, to revise and submit again.</summary>
    ReturnedDraft,

    /// <summary>A submitted report that may still be revised (before the deadline).</summary>
    Revisable,

    /// <summary>A draft's answers were saved.</summary>
    Saved,

    /// <summary>Submitted and counted (no review): 报送成功.</summary>
    Submitted,

    /// <summary>A submitted report was revised (a new version, the old one kept).</summary>
    Revised,

    /// <summary>Submitted and waiting for review.</summary>
    PendingReview,

    /// <summary>The actor may review the report (approve or return it).</summary>
    ReviewAllowed,

    /// <summary>Approved: counted with the liaison's submission time.</summary>
    Approved,

    /// <summary>Returned to the liaison with a comment.</summary>
    Returned,

    /// <summary>A never-submitted draft was discarded.</summary>
    Discarded,

    /// <summary>A liaison was exempted from chasing for a period.</summary>
    Exempted,

    /// <summary>Refused: not allowed, not possible now, or bad input; nothing changed.</summary>
    Refused,

    /// <summary>Refused because someone changed the report since the actor read it; <see cref="ReportOutcome.Changes"/> says what and who.</summary>
    Conflict,
}

/// <summary>A resubmitted report: the return it answers and the fields changed since.</summary>
public sealed record ReturnChanges(ReportReturn Return, IReadOnlyList<FieldChange> Changes);

/// <summary>A field whose answers differ between two versions.</summary>
public sealed record FieldChange(string Key, string Label, IReadOnlyList<string> Before, IReadOnlyList<string> After);

/// <summary>
/// The outcome of a report use case: success or refusal, with the Chinese message to show (a confirmation or the
/// reason), the report as it now stands and, for a conflict, what changed field by field.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Message">The text to show the actor (Chinese).</param>
/// <param name="Report">The report after the call (for a conflict: the current version), if any.</param>
public sealed record ReportOutcome(ReportOutcomeKind Kind, string Message, Report? Report = null)
{
    /// <summary>False for <see cref="ReportOutcomeKind.Refused"/> and <see cref="ReportOutcomeKind.Conflict"/>: nothing was changed.</summary>
    public bool Succeeded => Kind is not (ReportOutcomeKind.Refused or ReportOutcomeKind.Conflict);

    /// <summary>For a conflict: the fields someone else changed since the actor's version.</summary>
    public IReadOnlyList<FieldChange> Changes { get; init; } = [];

    /// <summary>The report's title (省发展改革委2026年第48周（…）周报), when known.</summary>
    public string Title { get; init; } = "";

    /// <summary>For a review: the office acts on the unit's behalf (its only reviewer wrote the report).</summary>
    public bool OnBehalf { get; init; }

    /// <summary>For a report opened for review: what changed since the reviewer sent it back (null when it was not).</summary>
    public ReturnChanges? SinceReturn { get; init; }

    /// <summary>A refusal with <paramref name="message"/>.</summary>
    public static ReportOutcome Refuse(string message, Report? report = null) => new(ReportOutcomeKind.Refused, message, report);
}

/// <summary>A submission: the answers and the version they were based on (and that version's answers, to show a conflict).</summary>
/// <param name="ReportId">The report.</param>
/// <param name="BaseVersion">The <see cref="Report.Version"/> the person started from.</param>
/// <param name="Answers">The answers to submit.</param>
/// <param name="BaseAnswers">The answers at <paramref name="BaseVersion"/>.</param>
public sealed record ReportSubmission(
    long ReportId, int BaseVersion, IReadOnlyDictionary<string, IReadOnlyList<string>> Answers, IReadOnlyDictionary<string, IReadOnlyList<string>> BaseAnswers);
