using ChatOps.Core.Reports;

namespace ChatOps.Core.Meetings;

/// <summary>
/// Queues meeting notices in a unit of work, on each person's preferred channel: the office API, the chat and the
/// scheduler all send through here, so an invitation reads the same whoever triggers it and every scheduled message
/// carries a dedupe key (<c>meeting:{id}:{step}:{person}</c>) that makes a second copy impossible. Every notice opens
/// with the form of address (“曹海燕同志：”). A card with choices becomes the person's last card in the outbox
/// (<see cref="LastCard"/>), so a numbered reply answers it on channels without buttons.
/// </summary>
public sealed class MeetingNotices(RecipientRouter router, OfficeProfile office, ILogger<MeetingNotices> logger)
{
    /// <summary>The office's name and time zone.</summary>
    public OfficeProfile Office => office;

    /// <summary>The outbox dedupe key of a message about a meeting or an item.</summary>
    public static string DedupeKey(string subject, string what, string personId) => $"{subject}:{what}:{personId}";

    /// <summary>Queues a message: true queued, false queued before (dedupe key), null when no channel reaches the person.</summary>
    public async Task<bool?> SendAsync(IUnitOfWork work, Person to, OutboundMessage message, DateTimeOffset now, string? dedupeKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(message);
        message = message with { Text = MeetingText.Address(to) + message.Text };
        if (router.To(to, message, now, dedupeKey) is not { } item)
        {
            logger.LogWarning("No enabled channel reaches {Person} ({Name}); meeting notice {Key} not queued", to.Id, to.Name, dedupeKey);
            return null;
        }

        return await work.Outbox.EnqueueAsync(item, cancellationToken);
    }

    /// <summary>Queues a message to a person by id; null when the person is not in the directory or unreachable.</summary>
    public Task<bool?> SendAsync(IUnitOfWork work, string personId, DirectorySnapshot directory, OutboundMessage message, DateTimeOffset now, string? dedupeKey, CancellationToken cancellationToken = default) =>
        directory.People.FirstOrDefault(p => p.Id == personId) is { } person
            ? SendAsync(work, person, message, now, dedupeKey, cancellationToken)
            : Task.FromResult<bool?>(null);

    /// <summary>Queues a message to every office staff member (办公室); returns how many were queued.</summary>
    public async Task<int> ToOfficeAsync(IUnitOfWork work, DirectorySnapshot directory, OutboundMessage message, DateTimeOffset now, string? dedupePrefix, CancellationToken cancellationToken = default)
    {
        var queued = 0;
        foreach (var staff in directory.People.Where(p => p.Roles.HasFlag(Roles.OfficeStaff)).OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            if (await SendAsync(work, staff, message, now, dedupePrefix is null ? null : $"{dedupePrefix}:{staff.Id}", cancellationToken) is true)
            {
                queued++;
            }
        }

        return queued;
    }

    /// <summary>
    /// Sends the invitation to every invitee and records the meeting's <c>invite</c> step; returns how many were queued
    /// (0 when the invitations went out before).
    /// </summary>
    public async Task<int> InviteAsync(IUnitOfWork work, IMeetingStore store, Meeting meeting, DirectorySnapshot directory, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var subject = MeetingSteps.Subject(meeting);
        if (!await store.TryMarkDoneAsync(subject, MeetingSteps.Invite, now, cancellationToken))
        {
            return 0;
        }

        var message = MeetingText.Invitation(meeting, directory, office);
        var queued = 0;
        foreach (var a in (await store.ListAttendeesAsync(meeting.Id, cancellationToken)).Where(a => a.Role == AttendeeRole.Invitee))
        {
            if (await SendAsync(work, a.PersonId, directory, message, now, DedupeKey(subject, MeetingSteps.Invite, a.PersonId), cancellationToken) is true)
            {
                queued++;
            }
        }

        return queued;
    }

    /// <summary>Sends a message built per attendee to every current attendee (invitees and substitutes) and the host.</summary>
    public async Task<int> ToEveryoneAsync(
        IUnitOfWork work, IMeetingStore store, Meeting meeting, DirectorySnapshot directory, Func<Attendee?, OutboundMessage> message, DateTimeOffset now, string what,
        CancellationToken cancellationToken = default)
    {
        var subject = MeetingSteps.Subject(meeting);
        var queued = 0;
        foreach (var a in await store.ListAttendeesAsync(meeting.Id, cancellationToken))
        {
            if (await SendAsync(work, a.PersonId, directory, message(a), now, DedupeKey(subject, what, a.PersonId), cancellationToken) is true)
            {
                queued++;
            }
        }

        if (await SendAsync(work, meeting.HostId, directory, message(null), now, DedupeKey(subject, what, meeting.HostId), cancellationToken) is true)
        {
            queued++;
        }

        return queued;
    }
}

/// <summary>The names of the scheduled steps of meetings and agreed items, as stored in the done-table.</summary>
public static class MeetingSteps
{
    /// <summary>The invitations.</summary>
    public const string Invite = "invite";

    /// <summary>The holiday flag to the office.</summary>
    public const string HolidayFlag = "holiday-flag";

    /// <summary>The done-table subject of a meeting.</summary>
    public static string Subject(Meeting meeting) => Subject(meeting.Id);

    /// <summary>The done-table subject of a meeting by id.</summary>
    public static string Subject(long meetingId) => $"meeting:{meetingId}";

    /// <summary>The done-table subject of an agreed item.</summary>
    public static string ItemSubject(long itemId) => $"item:{itemId}";

    /// <summary>A step tied to the meeting's current time (a new time makes new reminders): <c>reminder-day-before:v2</c>.</summary>
    public static string Timed(string step, Meeting meeting) => $"{step}:v{meeting.TimeVersion}";
}
