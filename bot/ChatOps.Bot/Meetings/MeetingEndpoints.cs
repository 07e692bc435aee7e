using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ChatOps.Bot.Circulars;
using ChatOps.Core.Meetings;
using ChatOps.Core.Reports;

namespace ChatOps.Bot.Meetings;

/// <summary>
/// A new meeting (POST /api/meetings); times in office time, <c>2026-12-01 09:00</c>. A meeting with the same title and
/// start is refused (409) unless <see cref="AllowDuplicate"/> is true.
/// </summary>
public sealed record CreateMeetingRequest(
    string? Kind, string? Title, string? Host, string? Start, string? End, string? Place, string? Link, string? Agenda,
    IReadOnlyList<string>? Attendees, string? Recurrence, bool? AllowDuplicate = null);

/// <summary>A new time (PUT /api/meetings/{id}/time); without <see cref="End"/> the meeting keeps its length.</summary>
public sealed record MoveMeetingRequest(string? Start, string? End);

/// <summary>Agreed items from the minutes (POST /api/meetings/{id}/items).</summary>
public sealed record AgreedItemsRequest(IReadOnlyList<AgreedItemDraft>? Items);

/// <summary>
/// The office's HTTP API for meetings: create, move, cancel, roster, agreed items. JSON in and out; a refused request
/// is a problem document with one Chinese message per field (400), or 403 / 404 / 409. Guarded by <see cref="OfficeApiAccess"/> (console session or personal token, office staff only).
/// </summary>
public static class MeetingEndpoints
{
    private const long MaxBodyBytes = 256 * 1024;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>Maps the endpoints.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/meetings").AddEndpointFilter(OfficeApiAccess.FilterAsync).DisableAntiforgery();
        api.MapPost("/", CreateAsync);
        api.MapPut("/{id:long}/time", MoveAsync);
        api.MapDelete("/{id:long}", CancelAsync);
        api.MapGet("/{id:long}/roster", RosterAsync);
        api.MapPost("/{id:long}/items", ItemsAsync);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, MeetingService meetings, OfficeProfile office, TimeProvider time, CancellationToken ct)
    {
        var (request, bad) = await ReadAsync<CreateMeetingRequest>(context, ct);
        if (bad is not null)
        {
            return bad;
        }

        var result = await meetings.CreateAsync(OfficeApiAccess.Actor(context),
            new MeetingDraft(request!.Kind, request.Title, request.Host, request.Start, request.End, request.Place, request.Link, request.Agenda,
                request.Attendees, request.Recurrence, request.AllowDuplicate ?? false), ct);
        return Answer(result, created => Results.Json(new
        {
            meeting = View(created.Meeting, office, time),
            seriesId = created.Series?.Id,
            recurrence = created.Series?.Rule.ToString(),
            invited = created.Invited,
            warnings = created.Warnings,
        }, JsonOptions, statusCode: StatusCodes.Status201Created));
    }

    private static async Task<IResult> MoveAsync(long id, HttpContext context, MeetingService meetings, OfficeProfile office, TimeProvider time, CancellationToken ct)
    {
        var (request, bad) = await ReadAsync<MoveMeetingRequest>(context, ct);
        return bad ?? Answer(await meetings.EditTimeAsync(OfficeApiAccess.Actor(context), id, request!.Start, request.End, ct),
            moved => Results.Json(new { meeting = View(moved, office, time) }, JsonOptions));
    }

    private static async Task<IResult> CancelAsync(long id, HttpContext context, MeetingService meetings, OfficeProfile office, TimeProvider time, string? reason, bool? series, CancellationToken ct) =>
        Answer(await meetings.CancelAsync(OfficeApiAccess.Actor(context), id, reason, series ?? false, ct),
            cancelled => Results.Json(new { cancelled = cancelled.Select(m => View(m, office, time)) }, JsonOptions));

    private static async Task<IResult> RosterAsync(long id, HttpContext context, MeetingService meetings, OfficeProfile office, TimeProvider time, CancellationToken ct) =>
        Answer(await meetings.RosterAsync(OfficeApiAccess.Actor(context), id, ct), roster => Results.Json(new
        {
            meeting = View(roster.Meeting, office, time),
            host = roster.HostLabel,
            counts = Enum.GetValues<RosterCategory>().ToDictionary(c => c.ToString(), roster.Count),
            entries = roster.Entries.Select(e => new
            {
                personId = e.PersonId,
                label = e.Label,
                unit = e.UnitCode,
                category = e.Category.ToString(),
                categoryName = MeetingText.CategoryName(e.Category),
                reason = e.Leave?.Reason,
                substitute = e.SubstituteLabel,
                substituteConfirmed = e.Leave is null ? (bool?)null : e.SubstituteConfirmed,
                substituteDeclined = e.SubstituteDeclined,
                hostComment = e.Leave?.HostComment,
            }),
            text = MeetingText.RosterMessage(roster, office).Text,
        }, JsonOptions));

    private static async Task<IResult> ItemsAsync(long id, HttpContext context, MeetingService meetings, CancellationToken ct)
    {
        var (request, bad) = await ReadAsync<AgreedItemsRequest>(context, ct);
        return bad ?? Answer(await meetings.RecordItemsAsync(OfficeApiAccess.Actor(context), id, request!.Items, ct), items => Results.Json(new
        {
            items = items.Select(i => new { id = i.Id, text = i.Text, owner = i.OwnerUnit, due = i.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }),
        }, JsonOptions, statusCode: StatusCodes.Status201Created));
    }

    /// <summary>
    /// A use case's outcome as HTTP: the value through <paramref name="ok"/>, a refusal as 400 (a message per field), or
    /// 403, 404 and 409 as the office API answers them (<see cref="OfficeApiAccess.Problem"/>).
    /// </summary>
    private static IResult Answer<T>(MeetingResult<T> result, Func<T, IResult> ok) => result.Refusal switch
    {
        null => ok(result.Value!),
        { Kind: MeetingProblemKind.Invalid } r => Results.ValidationProblem(r.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }), title: MeetingText.ApiInvalid),
        var r => OfficeApiAccess.Problem(r.Kind switch
        {
            MeetingProblemKind.NotFound => StatusCodes.Status404NotFound,
            MeetingProblemKind.Forbidden => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status409Conflict,
        }, r.Message),
    };

    private static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext context, CancellationToken ct)
        where T : class
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return (null, OfficeApiAccess.Problem(StatusCodes.Status413PayloadTooLarge, MeetingText.ApiTooLarge));
        }

        if (!context.Request.HasJsonContentType())
        {
            return (null, OfficeApiAccess.Problem(StatusCodes.Status415UnsupportedMediaType, MeetingText.ApiNotJson));
        }

        try
        {
            var value = await context.Request.ReadFromJsonAsync<T>(JsonOptions, ct);
            return value is null
                ? (null, Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [MeetingText.ApiEmptyBody] }, title: MeetingText.ApiInvalid))
                : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Results.ValidationProblem(
                new Dictionary<string, string[]> { [ex.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body"] = [MeetingText.ApiBadJson(ex.Message)] },
                title: MeetingText.ApiInvalid));
        }
    }

    private static object View(Meeting m, OfficeProfile office, TimeProvider time) => new
    {
        id = m.Id,
        seriesId = m.SeriesId,
        kind = MeetingKinds.Name(m.Kind),
        title = m.Title,
        host = m.HostId,
        start = Local(m.StartsAt, office),
        end = Local(m.EndsAt, office),
        when = MeetingText.Span(m.StartsAt, m.EndsAt, office),
        place = m.Place,
        link = m.Link,
        agenda = m.Agenda,
        attendees = m.AttendeeSpecs,
        status = m.Status.ToString(),
        statusName = MeetingText.StatusName(m, time.GetUtcNow()),
        awaitingConfirmation = m.AwaitingConfirmation,
        holidayNote = m.HolidayNote,
    };

    private static string Local(DateTimeOffset instant, OfficeProfile office) =>
        TimeZoneInfo.ConvertTime(instant, office.Zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
