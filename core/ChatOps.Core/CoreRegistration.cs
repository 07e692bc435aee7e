using ChatOps.Core.Attachments;
using ChatOps.Core.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOps.Core;

/// <summary>The one registration of the core: the directory, the engine, reports and attachments. Ports are registered by storage and channels.</summary>
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
        services.AddReportsCore();
        services.AddAttachmentsCore();
        services.AddSingleton<OutboundFiles>();
        services.AddDueWork<OutboundFilePurge>();
        services.AddSingleton<ConversationEngine>();
        return services;
    }
}
