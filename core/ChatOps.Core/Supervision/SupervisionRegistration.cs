using ChatOps.Core.Circulars;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOps.Core.Supervision;

/// <summary>
/// Registers problem lists, complaints and 督办 tasks in the core: the service, the conversation feature, the scheduler
/// (an <see cref="IDueWork"/> run by the host's every-minute job) and the monthly 通报 drafter (which needs the circulars,
/// added here unless already). Ports come from storage (<see cref="ISupervisionStoreFactory"/>) and the host.
/// </summary>
public static class SupervisionRegistration
{
    /// <summary>Adds <see cref="SupervisionService"/>, <see cref="SupervisionFeature"/>, <see cref="SupervisionScheduler"/> and <see cref="TaskCircularDrafter"/>.</summary>
    public static IServiceCollection AddSupervisionCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddCircularsCore();
        services.TryAddSingleton<SupervisionService>();
        services.TryAddSingleton<TaskCircularDrafter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Attachments.IAttachmentOwnerPolicy, RectificationAttachmentPolicy>());
        services.AddConversationFeature<SupervisionFeature>();
        services.AddDueWork<SupervisionScheduler>();
        return services;
    }
}
