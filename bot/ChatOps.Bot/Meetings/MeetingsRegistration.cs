using ChatOps.Core.Meetings;
using Quartz;

namespace ChatOps.Bot.Meetings;

/// <summary>
/// Meetings in the host: the core's use cases, conversation feature and scheduler, the settings (<c>Meetings</c>,
/// <c>OfficeApi</c>), the every-minute <see cref="MeetingScheduleJob"/> on Quartz, and the office's HTTP API.
/// </summary>
public static class MeetingsHostRegistration
{
    /// <summary>
    /// Registers meetings. The job is added to the application's Quartz scheduler (Quartz registrations are additive):
    /// with <c>AddScheduling</c> it shares the persistent, clustered store of the report job; without it Quartz runs
    /// in memory, which is enough here because what was sent is recorded in the meeting tables, not in Quartz.
    /// </summary>
    public static IHostApplicationBuilder AddMeetings(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddMeetingsCore();
        builder.Services.AddOptions<MeetingOptions>().BindConfiguration(MeetingOptions.Section);
        builder.AddQuartz(q => q.ScheduleJob<MeetingScheduleJob>(
            trigger => trigger
                .WithIdentity(MeetingScheduleJob.TriggerKey)
                .WithDescription("Runs due meeting invitations, reminders, rosters and agreed-item reminders")
                .WithCronSchedule("0 * * * * ?", cron => cron.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)),
            job => job
                .WithIdentity(MeetingScheduleJob.Key)
                .WithDescription("Meeting reminders and agreed items (MeetingScheduler.RunDueAsync)")));
        builder.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AwaitApplicationStarted = true;
        });
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
