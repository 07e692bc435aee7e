using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatOps.Channels.BotFramework.Hosting;

/// <summary>
/// <c>POST /api/messages</c>: reads the activity within the size limit, authenticates the request as the Bot Connector
/// authentication document requires, and hands the activity to <see cref="BotFrameworkActivityHandler"/>, which stores
/// it before we answer. A bad token is 401, an unreadable or incomplete activity 400, an oversized one 413, and keys we
/// cannot fetch 503; every rejection is logged and changes nothing.
/// </summary>
internal static class BotFrameworkEndpoint
{
    private const string LogCategory = "ChatOps.Channels.BotFramework.Endpoint";

    public static async Task<IResult> HandleAsync(
        HttpContext context,
        BotAuthenticator authenticator,
        BotFrameworkActivityHandler handler,
        IOptions<BotFrameworkOptions> options,
        IHostEnvironment environment,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(LogCategory);
        var request = context.Request;
        var remote = context.Connection.RemoteIpAddress;
        var settings = options.Value;
        var authorization = request.Headers.Authorization.ToString();
        var anonymous = !settings.HasAppId && environment.IsDevelopment();
        if (!anonymous && string.IsNullOrWhiteSpace(authorization))
        {
            // Refused before the body is read: nobody without a token makes us buffer a megabyte.
            logger.LogWarning("Bot Framework request from {Remote} rejected: no Authorization header", remote);
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        if (request.ContentLength > settings.MaxActivityBytes)
        {
            logger.LogWarning("Bot Framework request from {Remote} rejected: body of {Length} bytes is over the limit", remote, request.ContentLength);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        Activity activity;
        try
        {
            activity = await ActivityParser.ParseAsync(request.Body, settings.MaxActivityBytes, context.RequestAborted);
        }
        catch (InvalidActivityException e)
        {
            logger.LogWarning("Bot Framework request from {Remote} rejected: {Reason} {Field}: {Message}", remote, e.Reason, e.Field, e.Message);
            return Results.StatusCode(e.Reason == InvalidActivityReason.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest);
        }
        catch (BadHttpRequestException e)
        {
            logger.LogWarning("Bot Framework request from {Remote} rejected: {Message}", remote, e.Message);
            return Results.StatusCode(e.StatusCode);
        }

        var result = await authenticator.AuthenticateAsync(authorization, activity, context.RequestAborted);
        if (!result.Succeeded)
        {
            logger.LogWarning(
                "Bot Framework {Type} activity from {Remote} on {ChannelId} rejected: {Failure}", activity.Type, remote, activity.ChannelId, result.Failure);
            return Results.StatusCode(result.Failure == BotAuthenticationFailure.MetadataUnavailable
                ? StatusCodes.Status503ServiceUnavailable
                : StatusCodes.Status401Unauthorized);
        }

        await handler.HandleAsync(activity, context.RequestAborted);
        return Results.Ok();
    }
}
