using ChatOps.Core.Attachments;
using ChatOps.Core.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOps.Core;

/// <summary>The one registration of the core: use cases, the engine and the clock. Ports are registered by storage and channels.</summary>
public static class CoreRegistration
{
    /// <summary>
    /// Registers the core services; <see cref="TimeProvider.System"/> unless a test registered its own clock first.
    /// The host provides <see cref="OfficeProfile"/> and <see cref="EnabledChannels"/>.
    /// </summary>
    public static IServiceCollection AddChatOpsCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new GroupKinds(sp.GetServices<GroupKind>())); // each channel's (AddGroupKinds)
        services.AddSingleton<DirectoryService>();
        services.AddSingleton<ApiTokenService>();
        services.AddReports();
        services.AddAttachments();
        services.AddSingleton<RecipientRouter>();
        services.AddSingleton<ReportWindow>();
        services.TryAddSingleton<Reports.Scheduling.ReportExemptions>();
        services.AddSingleton<ReportService>();
        services.AddSingleton<ReportDialog>();
        services.AddSingleton<ReviewFlow>();
        services.AddSingleton<IConversationFeature, ReviewFeature>();
        services.AddSingleton<IConversationFeature, ReportFeature>();
        services.AddSingleton<IConversationFeature, BulletinFeature>();
        services.TryAddSingleton<BulletinFiles>();
        services.AddSingleton<IOutboundFileAccess, BulletinFileAccess>();
        services.AddSingleton<OutboundFiles>();
        services.AddDueWork<OutboundFilePurge>();
        services.AddSingleton<ReportStatusQuery>();
        services.AddSingleton<ConversationEngine>();
        return services;
    }
}
