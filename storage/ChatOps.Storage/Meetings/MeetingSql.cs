namespace ChatOps.Storage.Meetings;

/// <summary>
/// Statements of meetings, rosters, leave requests, steps and agreed items. Dates are stored as <c>yyyy-MM-dd</c> text
/// in both dialects; "done once" is decided by the database (insert-if-absent), never by a read-then-write. Each SELECT
/// lists its columns in the order of the record it is read into (<see cref="RecordMap"/>).
/// </summary>
internal static class MeetingSql
{
    private const string SeriesColumns = """
        id, kind, title, host_id, recurrence AS "rule", first_date, start_time, duration_minutes, place, link, agenda, attendee_specs,
        created_by, created_at, cancelled_at
        """;

    private const string MeetingColumns = """
        id, series_id, slot, kind, title, host_id, starts_at, ends_at, place, link, agenda, attendee_specs, status, created_by,
        created_at, time_set_at, time_version, holiday_note, awaiting_confirmation, cancelled_at, cancel_reason
        """;

    private const string AttendeeColumns = "meeting_id, person_id, role, unit_code, source, answer, answered_at, substitute_for, leave_request_id, decline_reason";

    private const string LeaveColumns = """
        id, meeting_id, person_id, reason, substitute_person_id, substitute_name, substitute_phone, status, requested_at, decided_by,
        decided_at, host_comment
        """;

    private const string ItemColumns = "id, meeting_id, text, owner_unit, due_date, status, recorded_by, recorded_at, updated_at";

    public static readonly SqlStatement InsertSeries = SqlStatement.InsertReturningId(nameof(InsertSeries), """
        INSERT INTO meeting_series (kind, title, host_id, recurrence, first_date, start_time, duration_minutes, place, link, agenda,
            attendee_specs, created_by, created_at)
        VALUES (@Kind, @Title, @HostId, @Recurrence, @FirstDate, @StartTime, @DurationMinutes, @Place, @Link, @Agenda,
            @AttendeeSpecs, @CreatedBy, @CreatedAt)
        """);

    public static readonly SqlStatement SelectSeries = SqlStatement.Portable(nameof(SelectSeries),
        $"SELECT {SeriesColumns} FROM meeting_series WHERE id = @Id");

    public static readonly SqlStatement SelectActiveSeries = SqlStatement.Portable(nameof(SelectActiveSeries),
        $"SELECT {SeriesColumns} FROM meeting_series WHERE cancelled_at IS NULL ORDER BY id");

    public static readonly SqlStatement CancelSeries = SqlStatement.Portable(nameof(CancelSeries),
        "UPDATE meeting_series SET cancelled_at = @At WHERE id = @Id AND cancelled_at IS NULL");

    public static readonly SqlStatement InsertMeeting = SqlStatement.InsertReturningId(nameof(InsertMeeting), """
        INSERT INTO meetings (series_id, slot, kind, title, host_id, starts_at, ends_at, place, link, agenda, attendee_specs, status,
            created_by, created_at, time_set_at, time_version, holiday_note, awaiting_confirmation, cancelled_at, cancel_reason)
        VALUES (@SeriesId, @Slot, @Kind, @Title, @HostId, @StartsAt, @EndsAt, @Place, @Link, @Agenda, @AttendeeSpecs, @Status,
            @CreatedBy, @CreatedAt, @TimeSetAt, @TimeVersion, @HolidayNote, @AwaitingConfirmation, @CancelledAt, @CancelReason)
        """);

    public static readonly SqlStatement SelectMeeting = SqlStatement.Portable(nameof(SelectMeeting),
        $"SELECT {MeetingColumns} FROM meetings WHERE id = @Id");

    public static readonly SqlStatement UpdateMeeting = SqlStatement.Portable(nameof(UpdateMeeting), """
        UPDATE meetings SET starts_at = @StartsAt, ends_at = @EndsAt, place = @Place, status = @Status, time_set_at = @TimeSetAt, time_version = @TimeVersion,
            holiday_note = @HolidayNote, awaiting_confirmation = @AwaitingConfirmation, cancelled_at = @CancelledAt, cancel_reason = @CancelReason
        WHERE id = @Id
        """);

    public static readonly SqlStatement SelectScheduledEndingAfter = SqlStatement.Portable(nameof(SelectScheduledEndingAfter),
        $"SELECT {MeetingColumns} FROM meetings WHERE status = 'Scheduled' AND ends_at > @After ORDER BY starts_at, id");

    public static readonly SqlStatement SelectLastOccurrence = new(nameof(SelectLastOccurrence),
        Sqlite: $"SELECT {MeetingColumns} FROM meetings WHERE series_id = @SeriesId ORDER BY slot DESC, id DESC LIMIT 1",
        SqlServer: $"SELECT TOP (1) {MeetingColumns} FROM meetings WHERE series_id = @SeriesId ORDER BY slot DESC, id DESC");

    public static readonly SqlStatement SelectScheduledOccurrences = SqlStatement.Portable(nameof(SelectScheduledOccurrences),
        $"SELECT {MeetingColumns} FROM meetings WHERE series_id = @SeriesId AND status = 'Scheduled' AND starts_at >= @After ORDER BY starts_at, id");

    public static readonly SqlStatement SelectMeetingIdsForPerson = SqlStatement.Portable(nameof(SelectMeetingIdsForPerson), """
        SELECT m.id FROM meetings m
        WHERE m.status = 'Scheduled' AND m.ends_at > @After
          AND (m.host_id = @PersonId OR EXISTS (SELECT 1 FROM meeting_attendees a WHERE a.meeting_id = m.id AND a.person_id = @PersonId))
        ORDER BY m.starts_at, m.id
        """);

    public static readonly SqlStatement SelectAttendees = SqlStatement.Portable(nameof(SelectAttendees),
        $"SELECT {AttendeeColumns} FROM meeting_attendees WHERE meeting_id = @MeetingId ORDER BY role, unit_code, person_id");

    public static readonly SqlStatement UpsertAttendee = SqlStatement.Upsert(nameof(UpsertAttendee), "meeting_id, person_id", """
        INSERT INTO meeting_attendees (meeting_id, person_id, role, unit_code, source, answer, answered_at, substitute_for, leave_request_id, decline_reason)
        VALUES (@MeetingId, @PersonId, @Role, @UnitCode, @Source, @Answer, @AnsweredAt, @SubstituteFor, @LeaveRequestId, @DeclineReason)
        """);

    public static readonly SqlStatement DeleteAttendee = SqlStatement.Portable(nameof(DeleteAttendee),
        "DELETE FROM meeting_attendees WHERE meeting_id = @MeetingId AND person_id = @PersonId");

    public static readonly SqlStatement InsertLeave = SqlStatement.InsertReturningId(nameof(InsertLeave), """
        INSERT INTO leave_requests (meeting_id, person_id, reason, substitute_person_id, substitute_name, substitute_phone, status, requested_at,
            decided_by, decided_at, host_comment)
        VALUES (@MeetingId, @PersonId, @Reason, @SubstitutePersonId, @SubstituteName, @SubstitutePhone, @Status, @RequestedAt,
            @DecidedBy, @DecidedAt, @HostComment)
        """);

    public static readonly SqlStatement SelectLeave = SqlStatement.Portable(nameof(SelectLeave),
        $"SELECT {LeaveColumns} FROM leave_requests WHERE id = @Id");

    public static readonly SqlStatement SelectLeaveForMeeting = SqlStatement.Portable(nameof(SelectLeaveForMeeting),
        $"SELECT {LeaveColumns} FROM leave_requests WHERE meeting_id = @MeetingId ORDER BY id");

    public static readonly SqlStatement UpdateLeave = SqlStatement.Portable(nameof(UpdateLeave), """
        UPDATE leave_requests SET status = @Status, decided_by = @DecidedBy, decided_at = @DecidedAt, host_comment = @HostComment
        WHERE id = @Id
        """);

    public static readonly SqlStatement InsertStep = SqlStatement.InsertIfAbsent(nameof(InsertStep), "subject, step", """
        INSERT INTO meeting_steps (subject, step, done_at) VALUES (@Subject, @Step, @At)
        """);

    public static readonly SqlStatement SelectSteps = SqlStatement.Portable(nameof(SelectSteps),
        "SELECT step FROM meeting_steps WHERE subject = @Subject");

    public static readonly SqlStatement InsertItem = SqlStatement.InsertReturningId(nameof(InsertItem), """
        INSERT INTO agreed_items (meeting_id, text, owner_unit, due_date, status, recorded_by, recorded_at, updated_at)
        VALUES (@MeetingId, @Text, @OwnerUnit, @DueDate, @Status, @RecordedBy, @RecordedAt, @UpdatedAt)
        """);

    public static readonly SqlStatement SelectItem = SqlStatement.Portable(nameof(SelectItem),
        $"SELECT {ItemColumns} FROM agreed_items WHERE id = @Id");

    public static readonly SqlStatement UpdateItem = SqlStatement.Portable(nameof(UpdateItem),
        "UPDATE agreed_items SET status = @Status, updated_at = @UpdatedAt WHERE id = @Id");

    public static readonly SqlStatement SelectOpenItems = SqlStatement.Portable(nameof(SelectOpenItems),
        $"SELECT {ItemColumns} FROM agreed_items WHERE status <> 'Done' ORDER BY due_date, id");

    public static readonly SqlStatement SelectItemsForMeeting = SqlStatement.Portable(nameof(SelectItemsForMeeting),
        $"SELECT {ItemColumns} FROM agreed_items WHERE meeting_id = @MeetingId ORDER BY id");

    public static readonly SqlStatement InsertFeedback = SqlStatement.Portable(nameof(InsertFeedback), """
        INSERT INTO agreed_item_feedback (item_id, person_id, text, done, given_at) VALUES (@ItemId, @PersonId, @Text, @Done, @At)
        """);

    public static readonly SqlStatement SelectFeedback = SqlStatement.Portable(nameof(SelectFeedback),
        "SELECT id, item_id, person_id, text, done, given_at AS at FROM agreed_item_feedback WHERE item_id = @ItemId ORDER BY id");
}
