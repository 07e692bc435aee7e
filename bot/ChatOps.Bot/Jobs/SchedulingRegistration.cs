using ChatOps.Core.Reports.Scheduling;
using ChatOps.Storage;
using Quartz;

namespace ChatOps.Bot.Jobs;

/// <summary>
/// Due work on Quartz: an ADO job store in the bot's own database (SQLite file, SQL Server or PostgreSQL, tables from
/// migration 0003; clustered on the server databases so several instances share the schedule), System.Text.Json for job
/// data, and one <see cref="DueWorkJob"/> every minute that runs every feature's due work. Quartz is started by its hosted service, registered after
/// storage's migration service and waiting for the application to have started, so it never sees an unmigrated schema.
/// </summary>
public static class SchedulingRegistration
{
    /// <summary>The scheduler's name (SCHED_NAME in the QRTZ_ tables).</summary>
    public const string SchedulerName = "ChatOps";

    /// <summary>Registers the report scheduler, the exemption use case, Quartz and its hosted service. Call after <c>AddStorage</c>.</summary>
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddReportSchedulingCore();
        builder.Services.AddOptions<ReportSchedulerOptions>().BindConfiguration(ReportSchedulerOptions.Section);

        var dialect = QuartzSupport.Dialect(builder.Configuration);
        builder.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = SchedulerName);
            q.UsePersistentStore(store =>
            {
                dialect.UseQuartzStore(store, DataSource);
                store.UseSystemTextJsonSerializer();
                store.ConfigureStore(o =>
                {
                    o.TablePrefix = QuartzSupport.TablePrefix;
                    // The tables are ours (migration 0003): Quartz checks them and never creates any.
                    o.SchemaProvisioning = SchemaProvisioning.Validate;
                });
            });
            q.ScheduleJob<DueWorkJob>(
                trigger => trigger
                    .WithIdentity(DueWorkJob.TriggerKey)
                    .WithDescription("Runs every feature's due work: report prompts and chasing, meeting and circular reminders")
                    .WithCronSchedule("0 * * * * ?", cron => cron.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)),
                job => job
                    .WithIdentity(DueWorkJob.Key)
                    .WithDescription("Every IDueWork in turn (DueWorkJob)"));
        });
        builder.Services.AddHostedService<RetiredJobCleanup>();
        builder.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AwaitApplicationStarted = true;
        });
        return builder;
    }

    private static System.Data.Common.DbDataSource DataSource(IServiceProvider services) =>
        services.GetRequiredService<Database>().CreateQuartzDataSource();
}
