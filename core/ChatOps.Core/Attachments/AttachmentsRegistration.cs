using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOps.Core.Attachments;

/// <summary>
/// Registers inbound attachments in the core: the intake that fetches them before the engine's turn (an
/// <see cref="IInboxPreparation"/>), the dialogs' helper, the download use cases, the reports' permission rule and the purge of files linked to nothing (an <see cref="IDueWork"/>).
/// Ports come from storage (<see cref="IAttachmentRepository"/>, <see cref="IAttachmentStoreFactory"/>) and the
/// channels (<see cref="IAttachmentFetcher"/>); settings from the section <c>Attachments</c>.
/// </summary>
public static class AttachmentsRegistration
{
    /// <summary>Adds the attachment services (idempotent).</summary>
    public static IServiceCollection AddAttachmentsCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<AttachmentOptions>(); // bound to the section by the host (AddChatOps)
        services.TryAddSingleton<AttachmentIntake>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInboxPreparation, AttachmentIntake>(sp => sp.GetRequiredService<AttachmentIntake>()));
        services.TryAddSingleton<AttachmentChat>();
        services.TryAddSingleton<AttachmentService>();
        services.AddDueWork<AttachmentPurge>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAttachmentOwnerPolicy, Reports.ReportAttachmentPolicy>());
        return services;
    }
}
