using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;

namespace ChatOps.Bot.LocalChat;

/// <summary>
/// The local web chat: at <c>/</c> a page where one picks a person from the directory and chats with the bot as them,
/// with buttons, and sees what the bot sends them on its own (prompts). Messages go through the same inbox as every
/// channel; the bot's messages are read from the outbox (channel "local"). Mapped only when
/// <see cref="LocalChatOptions.IsEnabled"/> (<see cref="LocalChatRegistration"/>): otherwise <c>/</c> and <c>/local/*</c> answer 404.
/// </summary>
public static class LocalChatEndpoints
{
    /// <summary>Largest request body the chat reads.</summary>
    private const long MaxBodyBytes = 64 * 1024;

    private const int MaxActionLength = 1024;

    private const int MaxClientIdLength = 128;

    /// <summary>Web (camelCase) JSON that leaves Chinese readable and still escapes HTML-sensitive characters.</summary>
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>Maps the page, its assets and its API (<see cref="LocalChatRegistration.MapLocalChat"/> calls it when the chat is enabled).</summary>
    internal static void Map(WebApplication app)
    {
        var assets = LocalChatAssets.Load();
        var activity = new LocalChatActivity();
        app.MapGet("/", (HttpContext context) => assets.Serve(context, "index.html")).ExcludeFromDescription();
        app.MapGet("/local/{file:regex(^[a-z0-9-]+\\.(css|js|svg)$)}", (HttpContext context, string file) => assets.Serve(context, file))
            .ExcludeFromDescription();

        var api = app.MapGroup("/local/api").ExcludeFromDescription().AddEndpointFilter(DatabaseUnavailableAsync);
        api.MapGet("/people", PeopleAsync);
        api.MapPost("/messages", PostAsync);
        api.MapPost("/files", LocalChatUploads.PostAsync).DisableAntiforgery();
        api.MapGet("/messages", (HttpContext context, IDirectoryRepository directory, OutboundFiles files, string? personId, string? after, CancellationToken ct) =>
            MessagesAsync(context, directory, activity, files, personId, after, ct));
        api.MapGet("/latest", (HttpContext context, IDirectoryRepository directory, TimeProvider time, CancellationToken ct) =>
            LatestAsync(context, directory, time, activity, ct));
    }

    /// <summary>GET /local/api/people: the active directory, grouped as the picker shows it.</summary>
    private static async Task<IResult> PeopleAsync(IDirectoryRepository directory, CancellationToken ct)
    {
        var snapshot = await directory.LoadAsync(ct);
        var units = snapshot.Units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var people = snapshot.People
            .Select(p => (Person: p, Unit: p.UnitCode is null ? null : units.GetValueOrDefault(p.UnitCode)))
            .OrderBy(x => GroupRank(x.Person, x.Unit))
            .ThenBy(x => x.Unit?.SortOrder ?? 0)
            .ThenBy(x => x.Unit?.Code, StringComparer.Ordinal)
            .ThenBy(x => RoleRank(x.Person.Roles))
            .ThenBy(x => x.Person.Id, StringComparer.Ordinal)
            .Select(x => new LocalChatPerson(
                x.Person.Id,
                x.Person.Name,
                x.Person.UnitCode,
                x.Unit?.Name,
                Vocabulary.Names(x.Person.Roles),
                GroupName(x.Person, x.Unit),
                x.Person.Title))
            .ToList();
        return Results.Json(people, JsonOptions);
    }

    /// <summary>POST /local/api/messages: stores what the person said in the inbox (once per client id).</summary>
    private static async Task<IResult> PostAsync(HttpContext context, IDirectoryRepository directory, TimeProvider time, CancellationToken ct)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        LocalChatPost? post;
        try
        {
            post = await context.Request.ReadFromJsonAsync<LocalChatPost>(JsonOptions, ct);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return Error(StatusCodes.Status400BadRequest, LocalChatText.BadRequest);
        }

        if (post is null || string.IsNullOrWhiteSpace(post.PersonId))
        {
            return Error(StatusCodes.Status400BadRequest, LocalChatText.ChoosePerson);
        }

        if (string.IsNullOrWhiteSpace(post.ClientId) || post.ClientId.Length > MaxClientIdLength)
        {
            return Error(StatusCodes.Status400BadRequest, LocalChatText.ClientIdMissing);
        }

        var text = string.IsNullOrWhiteSpace(post.Text) ? null : post.Text;
        var action = string.IsNullOrWhiteSpace(post.Action) ? null : post.Action;
        if (text is null && action is null)
        {
            return Error(StatusCodes.Status400BadRequest, LocalChatText.EmptyMessage);
        }

        if (text?.Length > LocalChatOptions.MaxTextLength)
        {
            return Error(StatusCodes.Status400BadRequest, LocalChatText.TooLong(LocalChatOptions.MaxTextLength, text.Length));
        }

        if (action?.Length > MaxActionLength)
        {
            return Error(StatusCodes.Status400BadRequest, LocalChatText.ActionTooLong);
        }

        if (await directory.FindPersonAsync(post.PersonId, ct) is not { } person)
        {
            return UnknownPerson(post.PersonId);
        }

        if (context.RequestServices.GetService<IInbox>() is not { } inbox)
        {
            return NotReady();
        }

        var message = new InboundMessage(
            ChannelNames.Local,
            DedupeKey: post.ClientId,
            SenderId: person.Id,
            Text: text,
            Action: action,
            ConversationId: null,
            ReceivedAt: time.GetUtcNow());
        var accepted = await inbox.AcceptAsync(message, person.Id, ct);
        if (accepted)
        {
            // Wakes the inbox worker so the reply comes at once rather than at its next poll.
            context.RequestServices.GetService<IWorkSignal>()?.InboxChanged();
        }

        return Results.Json(new LocalChatAccepted(accepted), JsonOptions, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>GET /local/api/messages?personId=ID&amp;after=N: what the bot sent the person on the local channel after N.</summary>
    private static async Task<IResult> MessagesAsync(
        HttpContext context, IDirectoryRepository directory, LocalChatActivity activity, OutboundFiles files, string? personId, string? after, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(personId))
        {
            return Error(StatusCodes.Status400BadRequest, LocalChatText.ChoosePerson);
        }

        long afterId = 0;
        if (!string.IsNullOrEmpty(after) && (!long.TryParse(after, out afterId) || afterId < 0))
        {
            return Error(StatusCodes.Status400BadRequest, LocalChatText.BadAfter);
        }

        if (await directory.FindPersonAsync(personId, ct) is null)
        {
            return UnknownPerson(personId);
        }

        if (context.RequestServices.GetService<IOutboxDispatch>() is not { } outbox)
        {
            return NotReady();
        }

        var items = await outbox.ListForPersonAsync(personId, ChannelNames.Local, afterId, ct);
        var messages = new List<LocalChatMessage>(items.Count);
        foreach (var item in items.OrderBy(i => i.Id))
        {
            messages.Add(item.Message.File is null ? ToMessage(item) : await FileMessageAsync(item, files, context.Request, ct));
        }

        if (messages.Count > 0)
        {
            activity.Observe(personId, messages[^1].Id);
        }

        return Results.Json(messages, JsonOptions);
    }

    /// <summary>GET /local/api/latest: the newest bot message id per person, for the unread dots of the picker.</summary>
    private static async Task<IResult> LatestAsync(
        HttpContext context, IDirectoryRepository directory, TimeProvider time, LocalChatActivity activity, CancellationToken ct)
    {
        if (context.RequestServices.GetService<IOutboxDispatch>() is not { } outbox)
        {
            return NotReady();
        }

        return Results.Json(await activity.LatestAsync(directory, outbox, time, ct), JsonOptions);
    }

    private static LocalChatMessage ToMessage(OutboxItem item) => new(
        item.Id,
        item.Message.Kind switch
        {
            OutboundKind.Markdown => "markdown",
            OutboundKind.Choices => "choices",
            _ => "text",
        },
        item.Message.Title,
        item.Message.Text,
        item.Message.Choices.Select(c => new LocalChatChoice(c.Label, c.Value)).ToList(),
        item.CreatedAt);

    /// <summary>
    /// A file message as the page shows it: the caption and a signed, expiring download link to this host
    /// (<see cref="OutboundFiles.LinkMessage"/>); signing reads the file's details, never its bytes.
    /// </summary>
    private static async Task<LocalChatMessage> FileMessageAsync(OutboxItem item, OutboundFiles files, HttpRequest request, CancellationToken ct)
    {
        var link = await files.LinkAsync(item.Message.File!, item.PersonId ?? item.Address, $"{request.Scheme}://{request.Host}", ct);
        var message = link is null ? OutboundMessage.Markdown(MarkdownText.Escape(item.Message.Text)) : OutboundFiles.LinkMessage(item.Message, link);
        return ToMessage(item with { Message = message });
    }

    /// <summary>Picker sections: the leading group and its office first (as the rules list them), then units by kind.</summary>
    private static int GroupRank(Person person, Unit? unit) =>
        person.UnitCode is null ? 0
        : unit is null ? 9
        : 1 + (int)unit.Kind;

    private static string GroupName(Person person, Unit? unit) =>
        person.UnitCode is null ? LocalChatText.OfficeGroup
        : unit is null ? LocalChatText.OtherGroup
        : Vocabulary.Name(unit.Kind);

    /// <summary>Within a unit the liaison comes first; in the office the group leader, then hosts, then staff.</summary>
    private static int RoleRank(Roles roles) =>
        roles.HasFlag(Roles.GroupLeader) ? 0
        : roles.HasFlag(Roles.Liaison) ? 1
        : roles.HasFlag(Roles.ReviewingLeader) ? 2
        : roles.HasFlag(Roles.MeetingHost) ? 3
        : roles.HasFlag(Roles.OfficeStaff) ? 4
        : 5;

    private static IResult Error(int status, string message) => Results.Json(new LocalChatError(message), JsonOptions, statusCode: status);

    private static IResult UnknownPerson(string personId) =>
        Error(StatusCodes.Status404NotFound, LocalChatText.UnknownPerson(personId));

    /// <summary>
    /// A database that cannot be read or written (full disk, read-only file, server down) answers 503 with a message the
    /// page shows, never a 500 with a stack trace; the page's message stays in its input so it can be sent again.
    /// </summary>
    private static async ValueTask<object?> DatabaseUnavailableAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (System.Data.Common.DbException ex)
        {
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ChatOps.Bot.LocalChat")
                .LogError(ex, "Local chat request {Path} failed on the database", context.HttpContext.Request.Path);
            return Error(StatusCodes.Status503ServiceUnavailable, LocalChatText.DatabaseUnavailable);
        }
    }

    private static IResult NotReady() =>
        Error(StatusCodes.Status503ServiceUnavailable, LocalChatText.NotReady);
}
