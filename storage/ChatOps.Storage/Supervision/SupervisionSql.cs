namespace ChatOps.Storage.Supervision;

/// <summary>
/// Statements of problem lists, complaints and 督办 tasks. Dates are <c>yyyy-MM-dd</c> text in both dialects; "done once"
/// and "assigned once" are decided by the database (insert-if-absent), never by a read-then-write.
/// </summary>
internal static class SupervisionSql
{
    private const string ItemColumns = """
        id, kind, unit_code, place, description, responsible_unit, deadline, source, done_criteria, meeting_item_id, reporter_name,
        reporter_contact, status, requested_deadline, extension_reason, escalation_level, escalated_at, created_by, created_at, closed_by,
        closed_at, updated_at
        """;

    public static readonly SqlStatement InsertItem = SqlStatement.InsertReturningId(nameof(InsertItem), """
        INSERT INTO supervision_items (kind, unit_code, place, description, responsible_unit, deadline, source, done_criteria, meeting_item_id,
            reporter_name, reporter_contact, status, requested_deadline, extension_reason, escalation_level, escalated_at, created_by, created_at,
            closed_by, closed_at, updated_at)
        VALUES (@Kind, @UnitCode, @Place, @Description, @ResponsibleUnit, @Deadline, @Source, @DoneCriteria, @MeetingItemId,
            @ReporterName, @ReporterContact, @Status, @RequestedDeadline, @ExtensionReason, @EscalationLevel, @EscalatedAt, @CreatedBy, @CreatedAt,
            @ClosedBy, @ClosedAt, @UpdatedAt)
        """);

    public static readonly SqlStatement SelectItem = SqlStatement.Portable(nameof(SelectItem),
        $"SELECT {ItemColumns} FROM supervision_items WHERE id = @Id");

    public static readonly SqlStatement SelectItems = SqlStatement.Portable(nameof(SelectItems),
        $"SELECT {ItemColumns} FROM supervision_items ORDER BY unit_code, id");

    public static readonly SqlStatement SelectOpenItems = SqlStatement.Portable(nameof(SelectOpenItems),
        $"SELECT {ItemColumns} FROM supervision_items WHERE status <> 'Closed' ORDER BY deadline, id");

    public static readonly SqlStatement UpdateItem = SqlStatement.Portable(nameof(UpdateItem), """
        UPDATE supervision_items SET status = @Status, deadline = @Deadline, requested_deadline = @RequestedDeadline,
            extension_reason = @ExtensionReason, escalation_level = @EscalationLevel, escalated_at = @EscalatedAt, closed_by = @ClosedBy,
            closed_at = @ClosedAt, updated_at = @UpdatedAt
        WHERE id = @Id
        """);

    public static readonly SqlStatement InsertEntry = SqlStatement.Portable(nameof(InsertEntry), """
        INSERT INTO supervision_entries (item_id, action, person_id, text, at) VALUES (@ItemId, @Action, @PersonId, @Text, @At)
        """);

    public static readonly SqlStatement SelectEntries = SqlStatement.Portable(nameof(SelectEntries),
        "SELECT id, item_id, action, person_id, text, at FROM supervision_entries WHERE item_id = @ItemId ORDER BY id");

    public static readonly SqlStatement DeleteMilestone = SqlStatement.Portable(nameof(DeleteMilestone),
        "DELETE FROM supervision_milestones WHERE due_date = @DueDate");

    public static readonly SqlStatement InsertMilestone = SqlStatement.Portable(nameof(InsertMilestone),
        "INSERT INTO supervision_milestones (due_date, target, set_by, set_at) VALUES (@DueDate, @Target, @SetBy, @SetAt)");

    public static readonly SqlStatement SelectMilestones = SqlStatement.Portable(nameof(SelectMilestones),
        "SELECT due_date, target FROM supervision_milestones ORDER BY due_date");

    public static readonly SqlStatement InsertSupervisor = SqlStatement.InsertIfAbsent(nameof(InsertSupervisor), "unit_code, person_id", """
        INSERT INTO supervision_supervisors (unit_code, person_id, assigned_by, assigned_at) VALUES (@UnitCode, @PersonId, @AssignedBy, @AssignedAt)
        """);

    public static readonly SqlStatement SelectSupervisors = SqlStatement.Portable(nameof(SelectSupervisors),
        "SELECT unit_code, person_id FROM supervision_supervisors ORDER BY unit_code, person_id");

    public static readonly SqlStatement InsertStep = SqlStatement.InsertIfAbsent(nameof(InsertStep), "subject, step", """
        INSERT INTO supervision_steps (subject, step, done_at) VALUES (@Subject, @Step, @At)
        """);
}
