using ChatOps.Core.Circulars;
using Microsoft.Extensions.Options;
using Quartz;

namespace ChatOps.Bot.Circulars;

/// <summary>
/// Circulars in the host: the core services and the conversation feature, the <c>Circulars</c> settings (validated at
/// start-up), the reminder job on Quartz and the office API (<see cref="CircularEndpoints"/>). The job joins the
/// scheduler that <c>AddScheduling</c> configures (persistent store, clustering, hosted service): Quartz's
/// <c>AddQuartz</c> is additive, so it runs exactly when the report job runs.
/// </summary>
public static class CircularsHosting
{
    /// <summary>Registers circulars. Call after <c>AddStorage</c> and <c>AddChatOps</c>.</summary>
    public static IHostApplicationBuilder AddCirculars(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCirculars();
        builder.Services.AddOptions<CircularOptions>().BindConfiguration(CircularOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<CircularOptions>, CircularOptionsValidator>();
        builder.AddQuartz(q => q.ScheduleJob<CircularReminderJob>(
            trigger => trigger
                .WithIdentity(CircularReminderJob.TriggerKey)
                .WithDescription("Reminds recipients who have not acknowledged a circular")
                .WithCronSchedule("30 * * * * ?", cron => cron.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)),
            job => job
                .WithIdentity(CircularReminderJob.Key)
                .WithDescription("Circular reminders (CircularScheduler.RunDueAsync)")));
        return builder;
    }

    /// <summary>Checks <see cref="CircularOptions"/> at start-up.</summary>
    private sealed class CircularOptionsValidator : IValidateOptions<CircularOptions>
    {
        public ValidateOptionsResult Validate(string? name, CircularOptions options)
        {
            var problems = options.Validate();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
