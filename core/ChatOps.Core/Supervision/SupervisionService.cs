using ChatOps.Core.Audit;
using ChatOps.Core.Meetings;
using ChatOps.Core.Reports;

namespace ChatOps.Core.Supervision;

/// <summary>
/// The use cases of problem lists (问题清单), public complaints (社会监督) and 督办 tasks, for chat, the CLI and the console
/// alike. Every method takes the acting <see cref="Actor"/>, checks permission itself, writes its change, an audit line
/// and the messages it causes in the caller's unit of work, and returns an outcome with the Chinese text to show.
/// Rules: a unit's liaison (or delegate) sees and reports only its unit's items; problems and complaints are closed (销号)
/// or returned only by the unit's 督战组 (<see cref="Roles.Supervisor"/> assigned to the unit), tasks only by the office;
/// nothing closes before the unit reported it done; the reporter of a complaint is shown to the office only.
/// </summary>
public sealed partial class SupervisionService(
    ISupervisionStoreFactory stores,
    IMeetingStoreFactory meetings,
    IDirectoryRepository directory,
    IUnitOfWorkFactory works,
    RecipientRouter router,
    OfficeProfile office)
{
    private const int MaxText = 1000;

    /// <summary>The office's date of an instant.</summary>
    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(office.Local(now));

    /// <summary>An instant in office time.</summary>
    public DateTime Local(DateTimeOffset now) => office.Local(now);

    /// <summary>
    /// Imports problems or complaints from a .csv/.xlsx file in one transaction: every row is checked first and, when any
    /// is wrong, every error is returned with its line and nothing is written. Office staff or 督战组 only.
    /// </summary>
    public async Task<ImportOutcome> ImportFileAsync(Actor actor, string path, SupervisionKind kind, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        IReadOnlyList<ItemDraft> rows;
        IReadOnlyList<string> errors;
        try
        {
            (rows, errors) = await ProblemFile.ReadAsync(path, kind == SupervisionKind.Complaint ? SupervisionText.ComplaintPlatformSource : SupervisionText.InspectionSource, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or FormatException)
        {
            return new ImportOutcome([SupervisionText.Unreadable(ex.Message)], 0);
        }

        if (errors.Count > 0)
        {
            return new ImportOutcome(errors, 0);
        }

        await using var work = await works.BeginAsync(cancellationToken);
        var outcome = await ImportAsync(work, actor, rows, kind, now, cancellationToken);
        if (outcome.Succeeded)
        {
            await work.CommitAsync(cancellationToken);
        }

        return outcome;
    }

    /// <summary>Imports checked rows in <paramref name="work"/>; tells each unit's liaison once how many items it got.</summary>
    public async Task<ImportOutcome> ImportAsync(IUnitOfWork work, Actor actor, IReadOnlyList<ItemDraft> rows, SupervisionKind kind, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(rows);
        if (!actor.Has(Roles.OfficeStaff) && !actor.Has(Roles.Supervisor))
        {
            return new ImportOutcome([SupervisionText.OnlyOfficeOrSupervisor], 0);
        }

        if (kind == SupervisionKind.Task)
        {
            return new ImportOutcome([SupervisionText.TasksNotImported], 0);
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        var today = Today(now);
        var errors = new List<string>();
        var items = new List<SupervisionItem>();
        if (rows.Count == 0)
        {
            errors.Add(SupervisionText.NoRows);
        }

        foreach (var row in rows)
        {
            var unit = snapshot.Units.FirstOrDefault(u => u.Code == row.Unit || u.Name == row.Unit);
            var deadline = SupervisionDates.Parse(row.Deadline, today.Year);
            var rowErrors = new List<string>();
            if (unit is null)
            {
                rowErrors.Add(row.Unit.Length == 0 ? SupervisionText.MissingUnit : SupervisionText.UnknownUnit(row.Unit));
            }

            if (row.Description.Length == 0)
            {
                rowErrors.Add(SupervisionText.MissingDescription);
            }
            else if (row.Description.Length > MaxText)
            {
                rowErrors.Add(SupervisionText.DescriptionTooLong(MaxText));
            }

            if (deadline is null)
            {
                rowErrors.Add(row.Deadline.Length == 0 ? SupervisionText.MissingDeadline : SupervisionText.BadDeadline(row.Deadline));
            }

            if (rowErrors.Count > 0)
            {
                errors.Add(SupervisionText.RowErrors(row.Line, rowErrors));
                continue;
            }

            items.Add(new SupervisionItem(0, kind, unit!.Code, row.Place, row.Description, row.ResponsibleUnit, deadline!.Value, row.Source, null, null,
                kind == SupervisionKind.Complaint ? row.ReporterName : null, kind == SupervisionKind.Complaint ? row.ReporterContact : null,
                ItemStatus.Open, null, null, 0, null, actor.Id, now, null, null, now));
        }

        if (errors.Count > 0)
        {
            return new ImportOutcome(errors, 0);
        }

        var store = stores.For(work);
        foreach (var item in items)
        {
            var id = await store.InsertItemAsync(item, cancellationToken);
            await AuditAsync(work, actor, now, "supervision.import", id, SupervisionText.Audit.Imported(kind, item.Description), cancellationToken);
        }

        foreach (var group in items.GroupBy(i => i.UnitCode))
        {
            var unitName = UnitName(snapshot, group.Key);
            await NotifyAsync(work, Liaison(snapshot, group.Key), OutboundMessage.Plain(SupervisionText.NewItems(group.Count(), kind, unitName)), now, null, cancellationToken);
        }

        return new ImportOutcome([], items.Count);
    }

    /// <summary>
    /// The office breaks a decision, 领导批示 or meeting decision down into a unit's task (督办). With
    /// <see cref="TaskDraft.MeetingItemId"/> the task links the agreed item and takes its unit, text and due date unless given.
    /// </summary>
    public async Task<SupervisionOutcome> CreateTaskAsync(IUnitOfWork work, Actor actor, TaskDraft draft, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(draft);
        if (!actor.Has(Roles.OfficeStaff))
        {
            return SupervisionOutcome.Refused(SupervisionText.OnlyOffice);
        }

        var (unitCode, text, deadline, source) = (draft.Unit, draft.Description, SupervisionDates.Parse(draft.Deadline, Today(now).Year), draft.Source);
        if (draft.MeetingItemId is { } itemId)
        {
            var agreed = await meetings.For(work).FindItemAsync(itemId, cancellationToken);
            if (agreed is null)
            {
                return SupervisionOutcome.Refused(SupervisionText.NoMeetingItem(itemId));
            }

            unitCode ??= agreed.OwnerUnit;
            text ??= agreed.Text;
            deadline ??= agreed.DueDate;
            source = string.IsNullOrWhiteSpace(source) ? SupervisionText.MeetingItemSource(itemId) : source;
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        var unit = snapshot.Units.FirstOrDefault(u => u.Code == unitCode || u.Name == unitCode);
        var problems = new List<string>();
        if (unit is null)
        {
            problems.Add(string.IsNullOrWhiteSpace(unitCode) ? SupervisionText.NoTaskUnit : SupervisionText.UnknownUnit(unitCode));
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxText)
        {
            problems.Add(string.IsNullOrWhiteSpace(text) ? SupervisionText.NoTaskText : SupervisionText.TaskTextTooLong(MaxText));
        }

        if (deadline is null || deadline < Today(now))
        {
            problems.Add(SupervisionText.BadDate(draft.Deadline ?? ""));
        }

        if (problems.Count > 0)
        {
            return SupervisionOutcome.Refused(SupervisionText.Problems(problems));
        }

        var task = new SupervisionItem(0, SupervisionKind.Task, unit!.Code, null, text!.Trim(), unit.Name, deadline!.Value,
            string.IsNullOrWhiteSpace(source) ? SupervisionText.TaskSource : source.Trim(), draft.DoneCriteria?.Trim(), draft.MeetingItemId,
            null, null, ItemStatus.Open, null, null, 0, null, actor.Id, now, null, null, now);
        task = task with { Id = await stores.For(work).InsertItemAsync(task, cancellationToken) };
        await AuditAsync(work, actor, now, "supervision.task", task.Id, SupervisionText.Audit.TaskCreated(unit.Name, task.Description), cancellationToken);
        await NotifyAsync(work, Liaison(snapshot, unit.Code), OutboundMessage.Plain(SupervisionText.NewTask(task, unit.Name)), now, null, cancellationToken);
        return new SupervisionOutcome(true, SupervisionText.TaskCreatedOutcome(task, unit.Name), task);
    }

    /// <summary>The items the actor may see, by unit and id: all for the office, the assigned counties' for a 督战组 member, the own unit's for a liaison. Reporters stripped except for the office.</summary>
    public async Task<IReadOnlyList<SupervisionItem>> ListAsync(IUnitOfWork work, Actor actor, bool openOnly, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var store = stores.For(work);
        var all = openOnly ? await store.ListOpenItemsAsync(cancellationToken) : await store.ListItemsAsync(cancellationToken);
        if (actor.Has(Roles.OfficeStaff))
        {
            return all;
        }

        var visible = await VisibleUnitsAsync(store, actor, cancellationToken);
        return [.. all.Where(i => visible.Contains(i.UnitCode)).Select(i => i.ForUnits())];
    }

    /// <summary>One item and its history, when the actor may see it.</summary>
    public async Task<(SupervisionItem? Item, IReadOnlyList<SupervisionEntry> History, string? Refusal)> GetAsync(IUnitOfWork work, Actor actor, long id, CancellationToken cancellationToken = default)
    {
        var store = stores.For(work);
        var (item, refusal) = await FindVisibleAsync(store, actor, id, cancellationToken);
        return item is null ? (null, [], refusal) : (item, await store.ListEntriesAsync(id, cancellationToken), null);
    }

    /// <summary>Rectification rate per unit with problems (closed ÷ total) against the milestone in force; the office and 督战组 see every unit they may see, a liaison its own.</summary>
    public async Task<IReadOnlyList<CountyRate>> RatesAsync(IUnitOfWork work, Actor actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var items = (await ListAsync(work, actor, openOnly: false, cancellationToken)).Where(i => i.Kind == SupervisionKind.Problem).ToList();
        var milestones = await stores.For(work).ListMilestonesAsync(cancellationToken);
        var snapshot = await directory.LoadAsync(cancellationToken);
        return Rates(items, milestones, snapshot, Today(now));
    }

    /// <summary>The rates of <paramref name="problems"/> per unit, in directory order (pure: tested directly).</summary>
    public static IReadOnlyList<CountyRate> Rates(IReadOnlyList<SupervisionItem> problems, IReadOnlyList<RateMilestone> milestones, DirectorySnapshot snapshot, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(milestones);
        ArgumentNullException.ThrowIfNull(snapshot);
        var current = milestones.Where(m => m.Date <= today).MaxBy(m => m.Date);
        var next = milestones.Where(m => m.Date > today).MinBy(m => m.Date);
        return [.. problems.GroupBy(p => p.UnitCode)
            .Select(g =>
            {
                var total = g.Count();
                var closed = g.Count(p => p.Status == ItemStatus.Closed);
                var behind = current is not null && closed * 100m < current.Percent * (decimal)total;
                return new CountyRate(g.Key, UnitName(snapshot, g.Key), total, closed, g.Count(p => p.IsOverdue(today)), current, next, behind);
            })
            .OrderBy(r => snapshot.Units.FirstOrDefault(u => u.Code == r.UnitCode)?.SortOrder ?? int.MaxValue).ThenBy(r => r.UnitCode, StringComparer.Ordinal)];
    }

    /// <summary>Sets a dated target (e.g. 2026-05-31 → 90 %). Office staff only.</summary>
    public async Task<SupervisionOutcome> SetMilestoneAsync(IUnitOfWork work, Actor actor, DateOnly date, int percent, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Has(Roles.OfficeStaff))
        {
            return SupervisionOutcome.Refused(SupervisionText.OnlyOffice);
        }

        if (percent is < 1 or > 100)
        {
            return SupervisionOutcome.Refused(SupervisionText.BadPercent(percent));
        }

        await stores.For(work).SetMilestoneAsync(new RateMilestone(date, percent), actor.Id, now, cancellationToken);
        await work.Audit.AppendAsync(AuditEntry.Of(now, actor.Id, "supervision.milestone", $"milestone:{date:yyyy-MM-dd}", $"{percent}%", actor.Source), cancellationToken);
        return new SupervisionOutcome(true, SupervisionText.MilestoneSetOutcome(date, percent));
    }

    /// <summary>Makes a person (holding 督战组 in the directory) one of a unit's supervising group. Office staff only.</summary>
    public async Task<SupervisionOutcome> AssignSupervisorAsync(IUnitOfWork work, Actor actor, string unitCode, string personId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Has(Roles.OfficeStaff))
        {
            return SupervisionOutcome.Refused(SupervisionText.OnlyOffice);
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        var unit = snapshot.Units.FirstOrDefault(u => u.Code == unitCode || u.Name == unitCode);
        var person = snapshot.People.FirstOrDefault(p => p.Id == personId);
        if (unit is null || person is null || !person.Roles.HasFlag(Roles.Supervisor))
        {
            return SupervisionOutcome.Refused(unit is null ? SupervisionText.NoSuchUnit(unitCode)
                : person is null ? SupervisionText.NoSuchPerson(personId) : SupervisionText.NotSupervisor(person.Name));
        }

        await stores.For(work).AssignSupervisorAsync(unit.Code, person.Id, actor.Id, now, cancellationToken);
        await work.Audit.AppendAsync(AuditEntry.Of(now, actor.Id, "supervision.assign", $"unit:{unit.Code}", person.Id, actor.Source), cancellationToken);
        return new SupervisionOutcome(true, SupervisionText.SupervisorAssignedOutcome(person.Name, unit.Name));
    }
}
