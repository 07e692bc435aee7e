using ChatOps.Core.Organization;
using ChatOps.Storage.Organization;
using ChatOps.Storage.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatOps.Storage;

/// <summary>The one registration of the storage layer.</summary>
public static class StorageRegistration
{
    /// <summary>
    /// Binds and validates <see cref="StorageOptions"/>, registers the database, the migrator (run by a hosted service
    /// before anything else starts: register storage first), the repositories and the database health check.
    /// </summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.Section)
            .Configure<IConfiguration>((o, config) => o.ConnectionString ??= config.GetConnectionString("ChatOps"))
            .PostConfigure(o =>
            {
                // Relative to the folder the host is started from (the repository root for `dotnet run --project`).
                if (!string.IsNullOrWhiteSpace(o.DataFolder))
                {
                    o.DataFolder = Path.GetFullPath(o.DataFolder);
                }
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        builder.Services.AddSingleton<Database>();
        builder.Services.AddSingleton<Migrator>();
        builder.Services.AddHostedService<MigrationHostedService>();
        builder.Services.AddSingleton<IDirectoryRepository, DirectoryRepository>();
        builder.Services.AddSingleton<EngineStore>();
        // Group commit: concurrent callbacks share one transaction (GroupCommitInbox; disposed, and drained, by the container).
        builder.Services.AddSingleton<IInbox>(sp => new GroupCommitInbox(
            sp.GetRequiredService<EngineStore>(), sp.GetService<Microsoft.Extensions.Logging.ILogger<GroupCommitInbox>>()));
        builder.Services.AddSingleton<IOutboxDispatch>(sp => sp.GetRequiredService<EngineStore>());
        builder.Services.AddSingleton<IUnitOfWorkFactory>(sp => sp.GetRequiredService<EngineStore>());
        builder.Services.AddSingleton<Core.Reports.IBulletinHeadlineStore, BulletinHeadlineStore>();
        builder.Services.AddSingleton<IAccessTokenCache, WeCom.AccessTokenCache>();
        builder.Services.AddSingleton<IConversationReferenceStore, BotFramework.ConversationReferenceStore>();
        builder.Services.AddSingleton<FeatureStores>();
        builder.Services.AddSingleton<Core.Meetings.IMeetingStoreFactory>(sp => sp.GetRequiredService<FeatureStores>());
        builder.Services.AddSingleton<Core.Circulars.ICircularStoreFactory>(sp => sp.GetRequiredService<FeatureStores>());
        builder.Services.AddSingleton<Core.Audit.IAuditQuery, Audit.AuditQuery>();
        builder.Services.AddSingleton<Core.Supervision.ISupervisionStoreFactory>(sp => sp.GetRequiredService<FeatureStores>());
        builder.Services.AddSingleton<Core.Supervision.ISupervisionReads, Supervision.SupervisionReads>();
        builder.Services.AddSingleton<Core.Attachments.IAttachmentRepository, Attachments.AttachmentRepository>();
        builder.Services.AddSingleton<Core.Attachments.IAttachmentStoreFactory, Attachments.AttachmentStoreFactory>();
        builder.Services.AddSingleton<IApiTokenStore, OfficeConsole.ApiTokenStore>();
        builder.Services.AddSingleton<Core.Reports.Overview.IReportLedger, ReportLedger>();
        builder.Services.AddSingleton<Core.Reports.Overview.IBulletinEditionStore, BulletinEditionStore>();
        builder.Services.AddSingleton<Core.Calendar.IHolidayYearStore, Calendar.HolidayYearStore>();
        builder.Services.AddSingleton<IOutboundFileStore, Conversations.OutboundFileStore>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    /// <summary>Runs the migrations when the host starts, before the hosted services registered after it.</summary>
    private sealed class MigrationHostedService(Migrator migrator) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
