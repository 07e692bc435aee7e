using ChatOps.Core.Audit;
using ChatOps.Core.Calendar;
using ChatOps.Core.Operations;
using ChatOps.Core.Reports.Scheduling;

namespace ChatOps.Core.Reports;

/// <summary>
/// The report use cases — open, save, submit, revise, discard, approve, return, exempt — written once and called by
/// the chat dialogs, the CLI and (later) the office console. Each method takes the acting person (<see cref="Actor"/>),
/// checks permission itself, changes state in the caller's unit of work (chat passes its turn's, so the change, the
/// notices and the dialog state commit together; other callers begin one and commit when the outcome succeeded), writes
/// the audit line and returns a <see cref="ReportOutcome"/> with the Chinese text to show. Every change is checked
/// against the report's <see cref="Report.Version"/> (optimistic concurrency: no silent overwrite); nobody reviews a
/// report they submitted or edited — when a unit's only reviewer wrote it, the office reviews it on the unit's behalf.
/// </summary>
public sealed partial class ReportService(
    IDirectoryRepository directory,
    ReportCycles cycles,
    PeriodCalculator periods,
    ReportWindow window,
    ReportExemptions exemptions,
    OfficeProfile office,
    RecipientRouter router,
    TimeProvider time,
    Attachments.IAttachmentStoreFactory attachments)
{
    /// <summary>The periods <paramref name="actor"/> may report now (填报's list), over every unit they report for.</summary>
    public async Task<IReadOnlyList<PeriodSlot>> OpenPeriodsAsync(Actor actor, IUnitOfWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var units = await directory.ListReportingUnitsAsync(actor.Id, cancellationToken);
        return await window.OpenAsync(units, work, actor.ActedAt(time.GetUtcNow()), cancellationToken);
    }

    /// <summary>
    /// Opens a unit's report for a period: creates the draft (<see cref="ReportOutcomeKind.Created"/>) or finds the
    /// actor's draft, a returned report or a submitted one still revisable; refuses when someone else is filling it in
    /// (不得多头报送), it waits for review, its deadline has passed after submission, or the period is not open.
    /// </summary>
    public async Task<ReportOutcome> OpenAsync(
        Actor actor, IUnitOfWork work, string unitCode, string cycleKey, string periodKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(work);
        var now = actor.ActedAt(time.GetUtcNow()); // a message sent before the deadline is judged as sent (Actor.At)
        var unit = (await directory.ListReportingUnitsAsync(actor.Id, cancellationToken)).FirstOrDefault(u => u.Code == unitCode);
        if (unit is null)
        {
            return ReportOutcome.Refuse(ReportText.NotReporter);
        }

        var slot = (await window.SlotsAsync(unit, work, now, cancellationToken)).FirstOrDefault(s => s.Cycle.Key == cycleKey && s.Period.Key == periodKey);
        if (slot is null || (!slot.CanFill && slot.Report is null))
        {
            return ReportOutcome.Refuse(ReportText.NotOpen);
        }

        var (cycle, period, report) = (slot.Cycle, slot.Period, slot.Report);
        var title = ReportText.Title(unit, cycle, period);
        if (report is null)
        {
            var draft = new Report(0, cycle.Key, period.Key, unit.Code, ReportStatus.Draft, actor.Id,
                new Dictionary<string, IReadOnlyList<string>>(), now, now, UpdatedBy: actor.Id, Editors: [actor.Id]);
            draft = draft with { Id = await work.Reports.InsertAsync(draft, cancellationToken) };
            await AuditAsync(work, actor, "report.draft", draft, title, now, cancellationToken);
            return new ReportOutcome(ReportOutcomeKind.Created, ReportText.Intro(title, period, cycle, now, office), draft) { Title = title };
        }

        if (report.Status == ReportStatus.Draft && report.AuthorId != actor.Id && report.ReviewComment is null)
        {
            var author = await directory.FindPersonAsync(report.AuthorId, cancellationToken);
            return ReportOutcome.Refuse(ReportText.BeingFilled(title, author?.Name ?? report.AuthorId), report);
        }

        var by = await NameAsync(report.AuthorId, cancellationToken);
        var when = report.SubmittedAt is { } at ? PeriodText.When(at, office) : "";
        return report.Status switch
        {
            ReportStatus.PendingReview => ReportOutcome.Refuse(ReportText.AwaitingReview(title, by, when), report),
            ReportStatus.Submitted when now > period.Due => ReportOutcome.Refuse(ReportText.SubmittedLocked(title, by, when), report),
            ReportStatus.Submitted => new ReportOutcome(ReportOutcomeKind.Revisable, ReportText.SubmittedRevisable(title, by, when), report)
            { Title = title },
            _ when report.ReviewComment is not null => new ReportOutcome(ReportOutcomeKind.ReturnedDraft, ReportText.ReturnedDraft(title, report.ReviewComment), report)
            { Title = title },
            _ => new ReportOutcome(ReportOutcomeKind.Resumed, ReportText.Resume(title), report) { Title = title },
        };
    }

    /// <summary>
    /// Saves a draft's answers (every answer in the dialog, so nothing typed is lost). Only drafts; refused with
    /// <see cref="ReportOutcomeKind.Conflict"/> when the draft changed since <paramref name="baseVersion"/>.
    /// </summary>
    public async Task<ReportOutcome> SaveDraftAsync(
        Actor actor, IUnitOfWork work, long reportId, int baseVersion, IReadOnlyDictionary<string, IReadOnlyList<string>> answers,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(work);
        var report = await work.Reports.FindByIdAsync(reportId, cancellationToken);
        if (report is not { Status: ReportStatus.Draft } || !await ReportsForAsync(actor, report.UnitCode, cancellationToken))
        {
            return ReportOutcome.Refuse(ReportText.NotADraft, report);
        }

        if (report.Version != baseVersion)
        {
            return new ReportOutcome(ReportOutcomeKind.Conflict, ReportText.ChangedMeanwhile, report);
        }

        var saved = report with { Answers = Copy(answers), UpdatedAt = time.GetUtcNow(), UpdatedBy = actor.Id, Editors = report.WithEditor(actor.Id) };
        return await work.Reports.UpdateAsync(saved, cancellationToken)
            ? new ReportOutcome(ReportOutcomeKind.Saved, "", saved with { Version = report.Version + 1 })
            : new ReportOutcome(ReportOutcomeKind.Conflict, ReportText.ChangedMeanwhile, report);
    }

    /// <summary>
    /// Submits (or, before the deadline, revises) a report. A unit under review goes to its reviewing leaders who did
    /// not write it — or, when its only reviewer wrote it, to the office. Refused with the field-by-field changes when
    /// the report changed since <see cref="ReportSubmission.BaseVersion"/>. The unit's liaison is told when someone else
    /// submitted; every confirmation says who submitted and when.
    /// </summary>
    public async Task<ReportOutcome> SubmitAsync(Actor actor, IUnitOfWork work, ReportSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(submission);
        var now = actor.ActedAt(time.GetUtcNow()); // 提交 pressed at 16:59 is on time, however late it is handled (Actor.At)
        var report = await work.Reports.FindByIdAsync(submission.ReportId, cancellationToken);
        if (report is null || !await ReportsForAsync(actor, report.UnitCode, cancellationToken))
        {
            return ReportOutcome.Refuse(report is null ? ReportText.NotFound : ReportText.NotReporter);
        }

        var cycle = cycles.Get(report.CycleKey);
        var period = periods.Find(cycle.Definition, report.PeriodKey)!;
        var unit = (await directory.FindUnitAsync(report.UnitCode, cancellationToken))!;
        var title = ReportText.Title(unit, cycle, period);
        if (report.Version != submission.BaseVersion)
        {
            return await ConflictAsync(report, cycle, submission.BaseAnswers, title, cancellationToken);
        }

        if (report.Status == ReportStatus.PendingReview || (report.Status == ReportStatus.Submitted && now > period.Due))
        {
            return ReportOutcome.Refuse(report.Status == ReportStatus.PendingReview ? ReportText.AlreadyPending(title) : ReportText.Locked, report);
        }

        if (cycle.Template.Fields.FirstOrDefault(f => f.Required && (submission.Answers.GetValueOrDefault(f.Key)?.Count ?? 0) == 0) is { } missing)
        {
            return ReportOutcome.Refuse(ReportText.Missing(missing.Label), report);
        }

        var answers = Copy(submission.Answers);
        var wasSubmitted = report.Status == ReportStatus.Submitted;
        var submittedAt = wasSubmitted ? report.SubmittedAt!.Value : now;
        var late = submittedAt > period.Due;
        var changed = report with
        {
            AuthorId = actor.Id,
            Answers = answers,
            UpdatedAt = now,
            UpdatedBy = actor.Id,
            Editors = report.WithEditor(actor.Id),
            SubmittedAt = submittedAt,
            IsLate = late,
            ReviewComment = null,
        };
        var (reviewers, onBehalf) = await ReviewersAsync(unit, changed, cancellationToken);
        if (unit.RequiresReview && (reviewers.Count > 0 || onBehalf))
        {
            changed = changed with { Status = ReportStatus.PendingReview, ReviewerId = null, ReviewedAt = null };
            if (!await work.Reports.UpdateAsync(changed, cancellationToken))
            {
                return await ConflictAsync(report, cycle, submission.BaseAnswers, title, cancellationToken);
            }

            await AuditAsync(work, actor, "report.submit", changed, ReportText.Audit.Submitted(title, onBehalf), now, cancellationToken);
            await RequestReviewAsync(work, actor, changed, cycle, title, reviewers, onBehalf, now, cancellationToken);
            await TellLiaisonAsync(work, actor, unit, title, ReportText.ToldSubmittedForReview, now, now <= period.Due, cancellationToken);
            ChatOpsTelemetry.RecordReportReceived(cycle.Key, period.Key, late, "pending_review");
            var who = ReportText.Reviewers(onBehalf, reviewers.Select(r => r.Name));
            return new ReportOutcome(ReportOutcomeKind.PendingReview,
                ReportText.SubmittedForReview(who, actor.Name, PeriodText.When(now, office), PeriodText.When(submittedAt, office)),
                changed with { Version = report.Version + 1 })
            { Title = title };
        }

        var revision = report.Revision + 1;
        changed = changed with { Status = ReportStatus.Submitted, Revision = revision };
        if (!await work.Reports.UpdateAsync(changed, cancellationToken))
        {
            return await ConflictAsync(report, cycle, submission.BaseAnswers, title, cancellationToken);
        }

        await work.Reports.AddRevisionAsync(new ReportRevision(report.Id, revision, actor.Id, answers, now, now > period.Due), cancellationToken);
        await AuditAsync(work, actor, wasSubmitted ? "report.revise" : "report.submit", changed, ReportText.Audit.Version(title, revision, late), now, cancellationToken);
        var text = wasSubmitted
            ? ReportText.Revised(title, actor.Name, PeriodText.When(now, office), revision)
            : ReportText.Submitted(title, actor.Name, PeriodText.When(submittedAt, office), late);
        await TellLiaisonAsync(work, actor, unit, title, ReportText.ToldSubmitted(wasSubmitted, revision), now, now <= period.Due, cancellationToken);
        ChatOpsTelemetry.RecordReportReceived(cycle.Key, period.Key, late, wasSubmitted ? "revised" : "submitted");
        return new ReportOutcome(wasSubmitted ? ReportOutcomeKind.Revised : ReportOutcomeKind.Submitted,
            text + (now <= period.Due ? ReportText.ReviseBeforeDeadline : ""), changed with { Version = report.Version + 1 })
        { Title = title };
    }

    /// <summary>Drops a never-submitted draft of the actor's (取消); a submitted or returned report stays as it is.</summary>
    public async Task<ReportOutcome> DiscardDraftAsync(Actor actor, IUnitOfWork work, long reportId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(work);
        var report = await work.Reports.FindByIdAsync(reportId, cancellationToken);
        if (report is null)
        {
            return ReportOutcome.Refuse(ReportText.Cancelled);
        }

        if (report.Status == ReportStatus.Draft && report.Revision == 0 && report.ReviewComment is null && report.AuthorId == actor.Id)
        {
            await work.Reports.DeleteDraftAsync(report.Id, cancellationToken);
            await AuditAsync(work, actor, "report.discard", report, ReportText.Audit.Discarded, time.GetUtcNow(), cancellationToken);
            return new ReportOutcome(ReportOutcomeKind.Discarded, ReportText.DraftDiscarded, report);
        }

        return ReportOutcome.Refuse(report.Status == ReportStatus.Submitted
            ? ReportText.RevisionDiscarded
            : ReportText.ReturnedKept, report);
    }

    /// <summary>Exempts a liaison from chasing for a period (office staff only); filing it again updates the reason.</summary>
    public async Task<ReportOutcome> ExemptAsync(
        Actor actor, string cycleKey, string? periodKey, string personId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Has(Roles.OfficeStaff))
        {
            return ReportOutcome.Refuse(ReportText.ExemptOfficeOnly);
        }

        try
        {
            var e = await exemptions.ExemptAsync(cycleKey, periodKey, personId, reason, actor.Id, actor.Source, cancellationToken);
            return new ReportOutcome(ReportOutcomeKind.Exempted,
                ReportText.Exempted(e.Person.Name, PeriodText.Label(e.Cycle, e.Period) + e.Cycle.Name, e.Reason));
        }
        catch (SchedulingException ex)
        {
            return ReportOutcome.Refuse(ex.Message);
        }
    }
}
