using ChatOps.Core.Meetings;

namespace ChatOps.Bot.Meetings;

/// <summary>
/// Meetings in the host: the core's use cases, conversation feature and scheduler, the settings (<c>Meetings</c>,
/// <c>OfficeApi</c>) and the office's HTTP API. The scheduler is an <c>IDueWork</c> run by the host's one every-minute
/// job (<c>AddScheduling</c>).
/// </summary>
public static class MeetingsRegistration
{
    /// <summary>Registers meetings.</summary>
    public static IHostApplicationBuilder AddMeetings(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddMeetingsCore();
        builder.Services.AddOptions<MeetingOptions>().BindConfiguration(MeetingOptions.Section);
        return builder;
    }

    /// <summary>Maps the office's meeting API under <c>/api/meetings</c>.</summary>
    public static WebApplication MapMeetings(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        MeetingEndpoints.Map(app);
        return app;
    }
}
