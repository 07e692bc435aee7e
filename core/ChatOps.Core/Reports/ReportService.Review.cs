using ChatOps.Core.Audit;

namespace ChatOps.Core.Reports;

/// <summary>Review (上报审核, seed 003 八(三)) and the helpers the use cases share.</summary>
public sealed partial class ReportService
{
    /// <summary>The cycle a report belongs to.</summary>
    public ReportCycle CycleOf(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return cycles.Get(report.CycleKey);
    }

    /// <summary>Longest return comment.</summary>
    public const int MaxCommentLength = 500;

    /// <summary>
    /// Whether <paramref name="actor"/> may review the report now: a reviewing leader of its unit who did not submit
    /// or edit it, or office staff when the unit has no such leader (on the unit's behalf); and it must be waiting.
    /// </summary>
    public async Task<ReportOutcome> CheckReviewAsync(Actor actor, IUnitOfWork work, long reportId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(work);
        var report = await work.Reports.FindByIdAsync(reportId, cancellationToken);
        if (report is null)
        {
            return ReportOutcome.Refuse(ReportText.NotFound);
        }

        var unit = await directory.FindUnitAsync(report.UnitCode, cancellationToken);
        var (leaders, onBehalf) = unit is null ? ([], false) : await ReviewersAsync(unit, report, cancellationToken);
        var isLeader = actor.Has(Roles.ReviewingLeader) && actor.UnitCode == report.UnitCode;
        var mayOnBehalf = onBehalf && actor.Has(Roles.OfficeStaff);
        if (!isLeader && !mayOnBehalf && !leaders.Any(l => l.Id == actor.Id))
        {
            return ReportOutcome.Refuse(ReportText.NotYourReview, report);
        }

        if (report.IsEditedBy(actor.Id))
        {
            return ReportOutcome.Refuse(ReportText.OwnReport, report);
        }

        return report.Status == ReportStatus.PendingReview
            ? new ReportOutcome(ReportOutcomeKind.ReviewAllowed, "", report) { OnBehalf = !isLeader }
            : ReportOutcome.Refuse(ReportText.AlreadyReviewed, report);
    }

    /// <summary>Approves a report waiting for review; it counts with the liaison's submission time and keeps its 迟报 mark.</summary>
    public async Task<ReportOutcome> ApproveAsync(Actor actor, IUnitOfWork work, long reportId, CancellationToken cancellationToken = default)
    {
        var check = await CheckReviewAsync(actor, work, reportId, cancellationToken);
        if (!check.Succeeded)
        {
            return check;
        }

        var now = time.GetUtcNow();
        var report = check.Report!;
        var onBehalf = check.OnBehalf;
        var revision = report.Revision + 1;
        var approved = report with
        {
            Status = ReportStatus.Submitted,
            Revision = revision,
            ReviewerId = actor.Id,
            ReviewComment = null,
            ReviewedAt = now,
            UpdatedAt = now,
            UpdatedBy = actor.Id,
        };
        if (!await work.Reports.UpdateAsync(approved, cancellationToken))
        {
            return ReportOutcome.Refuse(ReportText.ChangedMeanwhile, report);
        }

        await work.Reports.AddRevisionAsync(new ReportRevision(report.Id, revision, report.AuthorId, report.Answers, report.SubmittedAt!.Value, report.IsLate), cancellationToken);
        var (title, author, unit) = await DescribeAsync(report, cancellationToken);
        await AuditAsync(work, actor, "report.approve", approved, ReportText.Audit.Approved(title, onBehalf, unit), now, cancellationToken);
        var reviewer = ReportText.Reviewer(onBehalf, actor.Name);
        if (author is not null)
        {
            await NotifyAsync(work, author, OutboundMessage.Plain(
                ReportText.ApprovedNotice(author.Name, title, reviewer, PeriodText.When(report.SubmittedAt!.Value, office), report.IsLate)), now, cancellationToken);
        }

        return new ReportOutcome(ReportOutcomeKind.Approved, ReportText.Approved(title, report.IsLate),
            approved with { Version = report.Version + 1 })
        { Title = title };
    }

    /// <summary>Returns a report waiting for review to its author with a comment (1–500 characters).</summary>
    public async Task<ReportOutcome> ReturnAsync(Actor actor, IUnitOfWork work, long reportId, string comment, CancellationToken cancellationToken = default)
    {
        var text = comment?.Trim() ?? "";
        if (text.Length == 0 || text.Length > MaxCommentLength)
        {
            return ReportOutcome.Refuse(text.Length == 0 ? ReportText.CommentEmpty : ReportText.CommentTooLong(MaxCommentLength, text.Length));
        }

        var check = await CheckReviewAsync(actor, work, reportId, cancellationToken);
        if (!check.Succeeded)
        {
            return check;
        }

        var now = time.GetUtcNow();
        var report = check.Report!;
        var returned = report with { Status = ReportStatus.Draft, ReviewerId = actor.Id, ReviewComment = text, ReviewedAt = now, UpdatedAt = now, UpdatedBy = actor.Id };
        if (!await work.Reports.UpdateAsync(returned, cancellationToken))
        {
            return ReportOutcome.Refuse(ReportText.ChangedMeanwhile, report);
        }

        await work.Reports.AddReturnAsync(new ReportReturn(report.Id, report.Version, report.Revision, actor.Id, text, report.Answers, now), cancellationToken);
        var (title, author, unit) = await DescribeAsync(report, cancellationToken);
        var onBehalf = check.OnBehalf;
        await AuditAsync(work, actor, "report.return", returned, ReportText.Audit.Returned(text, onBehalf, unit), now, cancellationToken);
        if (author is not null)
        {
            var reviewer = ReportText.Reviewer(onBehalf, actor.Name);
            await NotifyAsync(work, author, OutboundMessage.Card(ReportText.ReturnedTitle,
                ReportText.ReturnedNotice(author.Name, title, reviewer, text), new Choice(ReportText.ReviseReport, Scheduling.ReportMessages.StartValue)), now, cancellationToken);
        }

        return new ReportOutcome(ReportOutcomeKind.Returned, ReportText.Returned(author?.Name), returned with { Version = report.Version + 1 }) { Title = title };
    }

    /// <summary>
    /// The unit's reviewing leaders who did not write <paramref name="report"/>; <c>OnBehalf</c> when the unit needs
    /// review, has leaders, and every one of them wrote it (the office then reviews on its behalf).
    /// </summary>
    private async Task<(IReadOnlyList<Person> Reviewers, bool OnBehalf)> ReviewersAsync(Unit unit, Report report, CancellationToken cancellationToken)
    {
        if (!unit.RequiresReview)
        {
            return ([], false);
        }

        var leaders = (await directory.ListByRoleAsync(Roles.ReviewingLeader, cancellationToken)).Where(p => p.UnitCode == unit.Code).ToList();
        var eligible = leaders.Where(l => !report.IsEditedBy(l.Id)).ToList();
        return (eligible, leaders.Count > 0 && eligible.Count == 0);
    }

    private async Task RequestReviewAsync(
        IUnitOfWork work, Actor actor, Report report, ReportCycle cycle, string title, IReadOnlyList<Person> reviewers, bool onBehalf, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var to = onBehalf ? await directory.ListByRoleAsync(Roles.OfficeStaff, cancellationToken) : reviewers;
        var summary = ReportText.ReviewSummary(cycle.Template, report, title, actor.Name, await SinceReturnAsync(work, report, cycle, cancellationToken))
            + await AttachmentSectionAsync(work, report.Id, cancellationToken);
        foreach (var person in to)
        {
            await NotifyAsync(work, person, OutboundMessage.Markdown(summary, ReportText.ReviewTitle(cycle)), now, cancellationToken);
            await NotifyAsync(work, person, ReportText.ReviewCard(cycle, report.Id, ReportText.ReviewRequest(person.Name, title, actor.Name, onBehalf)), now, cancellationToken);
        }
    }

    /// <summary>
    /// 待审: the reports <paramref name="actor"/> may review now, the longest waiting first, each as a
    /// <see cref="ReportOutcomeKind.ReviewAllowed"/> outcome with its title.
    /// </summary>
    public async Task<IReadOnlyList<ReportOutcome>> AwaitingReviewAsync(Actor actor, IUnitOfWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(work);
        if (!actor.Has(Roles.ReviewingLeader) && !actor.Has(Roles.OfficeStaff))
        {
            return [];
        }

        var waiting = new List<ReportOutcome>();
        foreach (var report in await work.Reports.ListPendingReviewAsync(cancellationToken))
        {
            var check = await CheckReviewAsync(actor, work, report.Id, cancellationToken);
            if (check.Succeeded)
            {
                waiting.Add(check with { Title = (await DescribeAsync(report, cancellationToken)).Title });
            }
        }

        return waiting;
    }

    /// <summary>
    /// Opens a report waiting for <paramref name="actor"/>'s review (待审's button): the outcome's message is the
    /// summary the reviewer reads — with what changed since it was sent back, when it was.
    /// </summary>
    public async Task<ReportOutcome> OpenForReviewAsync(Actor actor, IUnitOfWork work, long reportId, CancellationToken cancellationToken = default)
    {
        var check = await CheckReviewAsync(actor, work, reportId, cancellationToken);
        if (!check.Succeeded)
        {
            return check;
        }

        var report = check.Report!;
        var cycle = cycles.Get(report.CycleKey);
        var (title, author, _) = await DescribeAsync(report, cancellationToken);
        var since = await SinceReturnAsync(work, report, cycle, cancellationToken);
        return check with
        {
            Message = ReportText.ReviewSummary(cycle.Template, report, title, author?.Name ?? report.AuthorId, since)
                + await AttachmentSectionAsync(work, report.Id, cancellationToken),
            Title = title,
            SinceReturn = since,
        };
    }

    /// <summary>The reviewer's list of the report's attachments (empty when it has none).</summary>
    private async Task<string> AttachmentSectionAsync(IUnitOfWork work, long reportId, CancellationToken cancellationToken) =>
        Attachments.AttachmentText.Section(
            await attachments.For(work).ListAsync(Attachments.AttachmentOwners.Report, reportId, cancellationToken));

    /// <summary>What changed since the reviewer last sent the report back (null when it was not sent back since its last approval).</summary>
    private static async Task<ReturnChanges?> SinceReturnAsync(IUnitOfWork work, Report report, ReportCycle cycle, CancellationToken cancellationToken)
    {
        var last = await work.Reports.LastReturnAsync(report.Id, cancellationToken);
        return last is null || last.Revision != report.Revision ? null : new ReturnChanges(last, Diff(cycle.Template, last.Answers, report.Answers));
    }

    /// <summary>Tells the unit's liaison when someone else (a delegate) submitted or changed the unit's report.</summary>
    private async Task TellLiaisonAsync(
        IUnitOfWork work, Actor actor, Unit unit, string title, string what, DateTimeOffset now, bool beforeDeadline, CancellationToken cancellationToken)
    {
        foreach (var liaison in (await directory.ListByRoleAsync(Roles.Liaison, cancellationToken)).Where(p => p.UnitCode == unit.Code && p.Id != actor.Id))
        {
            await NotifyAsync(work, liaison, OutboundMessage.Plain(
                ReportText.LiaisonTold(liaison.Name, title, actor.Name, PeriodText.When(now, office), what, beforeDeadline)), now, cancellationToken);
        }
    }

    private async Task<ReportOutcome> ConflictAsync(
        Report current, ReportCycle cycle, IReadOnlyDictionary<string, IReadOnlyList<string>> baseAnswers, string title, CancellationToken cancellationToken)
    {
        var changes = Diff(cycle.Template, baseAnswers, current.Answers);
        var by = await NameAsync(current.UpdatedBy ?? current.AuthorId, cancellationToken);
        return new ReportOutcome(ReportOutcomeKind.Conflict, ReportText.Conflict(title, by, PeriodText.When(current.UpdatedAt, office), current, changes), current)
        {
            Changes = changes,
            Title = title,
        };
    }

    /// <summary>The fields whose answers differ between <paramref name="before"/> and <paramref name="after"/>, in template order.</summary>
    public static IReadOnlyList<FieldChange> Diff(
        ReportTemplate template, IReadOnlyDictionary<string, IReadOnlyList<string>> before, IReadOnlyDictionary<string, IReadOnlyList<string>> after)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.Fields
            .Select(f => new FieldChange(f.Key, f.Label, before.GetValueOrDefault(f.Key) ?? [], after.GetValueOrDefault(f.Key) ?? []))
            .Where(c => !c.Before.SequenceEqual(c.After, StringComparer.Ordinal))
            .ToList();
    }

    private async Task<bool> ReportsForAsync(Actor actor, string unitCode, CancellationToken cancellationToken) =>
        (await directory.ListReportingUnitsAsync(actor.Id, cancellationToken)).Any(u => u.Code == unitCode);

    private async Task<string> NameAsync(string personId, CancellationToken cancellationToken) =>
        (await directory.FindPersonAsync(personId, cancellationToken))?.Name ?? personId;

    private async Task<(string Title, Person? Author, string UnitName)> DescribeAsync(Report report, CancellationToken cancellationToken)
    {
        var cycle = cycles.Get(report.CycleKey);
        var period = periods.Find(cycle.Definition, report.PeriodKey)!;
        var unit = await directory.FindUnitAsync(report.UnitCode, cancellationToken);
        var author = await directory.FindPersonAsync(report.AuthorId, cancellationToken);
        return ($"{unit?.Name}{PeriodText.Label(cycle, period)}{cycle.Name}", author, unit?.Name ?? report.UnitCode);
    }

    private async Task NotifyAsync(IUnitOfWork work, Person to, OutboundMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (router.To(to, message, now) is { } item)
        {
            await work.Outbox.EnqueueAsync(item, cancellationToken);
        }
    }

    private static Task AuditAsync(IUnitOfWork work, Actor actor, string action, Report report, string detail, DateTimeOffset now, CancellationToken cancellationToken) =>
        work.Audit.AppendAsync(AuditEntry.Of(now, actor.Id, action, $"report:{report.Id}", detail, actor.Source), cancellationToken);

    private static Dictionary<string, IReadOnlyList<string>> Copy(IReadOnlyDictionary<string, IReadOnlyList<string>> answers) =>
        answers.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value.ToList(), StringComparer.Ordinal);
}
