namespace ChatOps.Core.Meetings;

/// <summary>The checks of a new meeting and of a new time: every wrong field gets its own message, nothing is written.</summary>
public sealed partial class MeetingService
{
    /// <summary>True when <paramref name="actor"/> may arrange meetings at all: office staff (any host) or a meeting host (their own).</summary>
    public static bool MayArrange(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Has(Roles.OfficeStaff) || actor.Has(Roles.MeetingHost);
    }

    private static MeetingRefusal? RefuseCreate(Actor actor) => MayArrange(actor) ? null : MeetingRefusal.Forbidden(MeetingText.OnlyOfficeCreates);

    /// <summary>A host who is not office staff arranges only meetings they host themselves.</summary>
    private static MeetingRefusal? RefuseHost(Actor actor, Person host) =>
        !actor.Has(Roles.OfficeStaff) && host.Id != actor.Id ? MeetingRefusal.Forbidden(MeetingText.OwnMeetingsOnly) : null;

    /// <summary>Checks a draft against the directory: the parsed meeting, or every field's message.</summary>
    private MeetingResult<ValidDraft> Validate(MeetingDraft draft, DirectorySnapshot snapshot, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!MeetingKinds.TryParse(draft.Kind, out var kind))
        {
            errors["kind"] = MeetingText.BadKind(draft.Kind);
        }

        var title = draft.Title?.Trim() ?? "";
        if ((title.Length == 0 ? MeetingText.NoTitle : Prompt.CheckText(title, MeetingLimits.Title, MeetingText.TitleField)) is { } badTitle)
        {
            errors["title"] = badTitle;
        }

        Person? host = null;
        if (string.IsNullOrWhiteSpace(draft.Host))
        {
            errors["host"] = MeetingText.NoHost;
        }
        else if ((host = AttendeeResolver.FindPerson(snapshot, draft.Host, out var hostProblem)) is null)
        {
            errors["host"] = MeetingText.BadHost(hostProblem);
        }

        var (start, end) = ParseTimes(draft.Start, draft.End, now, errors);
        var (place, link) = CheckVenue(draft.Place, draft.Link, errors);
        var agenda = string.IsNullOrWhiteSpace(draft.Agenda) ? null : draft.Agenda.Trim();
        if (agenda is not null && Prompt.CheckText(agenda, MeetingLimits.Agenda, MeetingText.AgendaField) is { } badAgenda)
        {
            errors["agenda"] = badAgenda;
        }

        var specs = (draft.Attendees ?? []).SelectMany(AttendeeSpec.Split).ToList();
        AttendeeResolution? resolution = null;
        if (specs.Count == 0)
        {
            errors["attendees"] = MeetingText.NoAttendees;
        }
        else
        {
            resolution = AttendeeResolver.Resolve(specs, snapshot, host?.Id);
            if (resolution.Errors.Count > 0)
            {
                errors["attendees"] = string.Join("\n", resolution.Errors);
            }
            else if (resolution.People.Count == 0)
            {
                errors["attendees"] = MeetingText.EmptyAttendees;
            }
        }

        Recurrence? rule = null;
        if (!string.IsNullOrWhiteSpace(draft.Recurrence))
        {
            rule = Recurrence.Parse(draft.Recurrence);
            if (rule is null)
            {
                errors["recurrence"] = MeetingText.BadRecurrence;
            }
            else if (start is { } s && !rule.Matches(calendar.LocalDate(s)))
            {
                errors["recurrence"] = MeetingText.RecurrenceMismatch(calendar.LocalDate(s), rule);
            }
        }

        return errors.Count > 0
            ? MeetingRefusal.Invalid(errors)
            : new ValidDraft(kind, title, host!, start!.Value, end!.Value, place, link, agenda, specs, resolution!.People, rule);
    }

    private (DateTimeOffset? Start, DateTimeOffset? End) ParseTimes(
        string? startText, string? endText, DateTimeOffset now, Dictionary<string, string> errors, TimeSpan? keepLength = null)
    {
        DateTimeOffset? start = null, end = null;
        if (string.IsNullOrWhiteSpace(startText))
        {
            errors["start"] = MeetingText.NoStart;
        }
        else if (!MeetingInput.TryParseTime(startText, calendar.Zone, out var s))
        {
            errors["start"] = MeetingText.BadStart(startText);
        }
        else if (s <= now)
        {
            errors["start"] = MeetingText.StartPassed(s, notices.Office);
        }
        else
        {
            start = s;
        }

        if (string.IsNullOrWhiteSpace(endText) && keepLength is { } length)
        {
            end = start + length;
        }
        else if (string.IsNullOrWhiteSpace(endText))
        {
            errors["end"] = MeetingText.NoEnd;
        }
        else if (!MeetingInput.TryParseTime(endText, calendar.Zone, out var e))
        {
            errors["end"] = MeetingText.BadEnd(endText);
        }
        else if (start is { } st && e <= st)
        {
            errors["end"] = MeetingText.EndBeforeStart;
        }
        else if (start is { } st2 && e - st2 > TimeSpan.FromHours(12))
        {
            errors["end"] = MeetingText.TooLongMeeting;
        }
        else
        {
            end = e;
        }

        return (start, end);
    }

    private static (string? Place, string? Link) CheckVenue(string? placeText, string? linkText, Dictionary<string, string> errors)
    {
        var place = string.IsNullOrWhiteSpace(placeText) ? null : placeText.Trim();
        var link = string.IsNullOrWhiteSpace(linkText) ? null : linkText.Trim();
        if (place is null && link is null)
        {
            errors["place"] = MeetingText.NoVenue;
        }
        else if (place is not null && Prompt.CheckText(place, MeetingLimits.Place, MeetingText.PlaceField) is { } badPlace)
        {
            errors["place"] = badPlace;
        }

        if (link is not null && !(Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            errors["link"] = MeetingText.BadLink;
        }

        return (place, link);
    }

    /// <summary>A draft that passed every check.</summary>
    private sealed record ValidDraft(
        MeetingKind Kind, string Title, Person Host, DateTimeOffset Start, DateTimeOffset End, string? Place, string? Link, string? Agenda,
        IReadOnlyList<string> Specs, IReadOnlyList<ResolvedAttendee> People, Recurrence? Rule);
}
