using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using ChatOps.Core.Circulars;

namespace ChatOps.Bot.Circulars;

/// <summary>POST /api/circulars: what the web console composes.</summary>
/// <param name="Kind">通报, 通知, 文件, 会议纪要, 工作专报 (or the kind's key: circular, notice, document, minutes, bulletin).</param>
/// <param name="Number">Null or empty: the next number of the kind.</param>
/// <param name="Targets">Each {"kind": "group|unit|role|person|everyone", "code": "..."}.</param>
/// <param name="Major">重大事项 (a 通报 then goes to the group leader for sign-off).</param>
/// <param name="Signer">The signer's person id where several may sign (minutes).</param>
/// <param name="Send">True: send at once after composing (for sign-off, or issued when the kind needs none).</param>
public sealed record CircularRequest(
    string? Kind,
    string? Title,
    string? Body,
    string? Number,
    IReadOnlyList<TargetRequest>? Targets,
    bool Major = false,
    string? Signer = null,
    bool Send = false);

/// <summary>One target of <see cref="CircularRequest"/>.</summary>
public sealed record TargetRequest(string? Kind, string? Code);

/// <summary>GET /api/circulars/{id}: the circular, its delivery per target and acknowledgement per unit.</summary>
public sealed record CircularView(
    long Id,
    string Kind,
    string KindName,
    string Number,
    string Title,
    string Body,
    CircularStatus Status,
    bool Major,
    string ComposedBy,
    DateTimeOffset ComposedAt,
    string? SignerId,
    string? SignerName,
    DateTimeOffset? SignedAt,
    string? Comment,
    DateTimeOffset? IssuedAt,
    DateTimeOffset? RemindersStoppedAt,
    DateTimeOffset? NextReminderAt,
    IReadOnlyList<CircularTarget> Targets,
    IReadOnlyList<AttachmentView> Attachments,
    AckView Ack,
    IReadOnlyList<UnitAckView> Units,
    IReadOnlyList<DeliveryView> Deliveries)
{
    /// <summary>The view of a standing.</summary>
    public static CircularView From(CircularStanding s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var c = s.Circular;
        return new CircularView(c.Id, c.Kind, s.Kind.Name, c.Number, c.Title, c.Body, c.Status, c.Major, c.ComposedBy, c.ComposedAt,
            c.SignerId, s.SignerName, c.SignedAt, c.Comment, c.IssuedAt, c.RemindersStoppedAt, c.NextReminderAt, c.Targets,
            [.. s.Attachments.Select(a => new AttachmentView(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAt))],
            new AckView(s.Recipients, s.Acknowledged, Math.Round(s.AckRate, 4)),
            [.. s.Units.Select(u => new UnitAckView(u.UnitCode, u.Name, u.Recipients, u.Acknowledged,
                Math.Round(u.Recipients == 0 ? 1 : (double)u.Acknowledged / u.Recipients, 4), u.Missing))],
            [.. s.Targets.Select(t => new DeliveryView(t.TargetKey, t.Name, t.Channel, t.State, CircularText.StateName(t.State), t.Attempts, t.Error, t.SentAt))]);
    }
}

/// <summary>An attachment without its content.</summary>
public sealed record AttachmentView(long Id, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTimeOffset UploadedAt);

/// <summary>Acknowledgements overall.</summary>
public sealed record AckView(int Recipients, int Acknowledged, double Rate);

/// <summary>Acknowledgements of one unit, with who is missing.</summary>
public sealed record UnitAckView(string? UnitCode, string Name, int Recipients, int Acknowledged, double Rate, IReadOnlyList<MissingPerson> Missing);

/// <summary>One group or 1:1 delivery: queued, retrying, sent, failed (with the channel's reason) or unreachable.</summary>
public sealed record DeliveryView(string Target, string Name, string? Channel, DeliveryState State, string StateName, int Attempts, string? Error, DateTimeOffset? SentAt);

/// <summary>One line of the audit log.</summary>
public sealed record AuditView(string Action, string ActorId, DateTimeOffset At, string? Detail);

/// <summary>JSON of the office API: camelCase, enums as camelCase names, Chinese left readable.</summary>
internal static class CircularApiJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
