namespace ChatOps.Core.Reports;

/// <summary>The report dialog's draft, kept as JSON in the dialog state.</summary>
public sealed partial class ReportDialog
{
    /// <summary>A report the person may fill in: a unit, a cycle and a period; <see cref="Late"/> for a period past its deadline.</summary>
    public sealed record Candidate(string Unit, string Cycle, string Period, bool Late);

    /// <summary>The dialog's data, stored as JSON in the dialog state.</summary>
    public sealed class Draft
    {
        public string? Unit { get; set; }

        public string? Cycle { get; set; }

        public string? Period { get; set; }

        public long? ReportId { get; set; }

        public bool Revising { get; set; }

        public string? Field { get; set; }

        public bool Editing { get; set; }

        public List<string> Pending { get; set; } = [];

        /// <summary>Items held back until the person confirms them (a very short item is queried once).</summary>
        public List<string> Unconfirmed { get; set; } = [];

        public Dictionary<string, List<string>> Answers { get; set; } = new(StringComparer.Ordinal);

        public List<Candidate>? Candidates { get; set; }

        /// <summary>The report's version the answers are based on (optimistic concurrency).</summary>
        public int BaseVersion { get; set; }

        /// <summary>The report's answers at <see cref="BaseVersion"/>, to show what others changed and re-apply one's own edits.</summary>
        public Dictionary<string, List<string>> BaseAnswers { get; set; } = new(StringComparer.Ordinal);

        /// <summary>Takes <paramref name="report"/> as the new base (and its answers as the draft's unless <paramref name="keepAnswers"/>).</summary>
        public void Rebase(Report report, bool keepAnswers = false)
        {
            BaseVersion = report.Version;
            BaseAnswers = Copy(report.Answers);
            if (!keepAnswers)
            {
                Answers = Copy(report.Answers);
            }
        }
    }
}
