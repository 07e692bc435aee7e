using ChatOps.Core.Calendar;
using ChatOps.Core.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatOps.Core.Circulars;

/// <summary>
/// Registers circulars: the kinds (defaults plus <see cref="CircularOptions.Kinds"/>), numbering, sign-off rules,
/// reminder plan, texts, the use cases, the conversation feature and the reminder scheduler. Needs the ports
/// <see cref="ICircularStoreFactory"/> (storage), <see cref="IUnitOfWorkFactory"/>, the directory,
/// <see cref="OfficeProfile"/> and <see cref="EnabledChannels"/> (the host). Options are bound by the host.
/// </summary>
public static class CircularsRegistration
{
    /// <summary>Adds the circular services and <see cref="CircularFeature"/>.</summary>
    public static IServiceCollection AddCircularsCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<CircularOptions>();
        services.AddCalendarCore();
        services.TryAddSingleton<RecipientRouter>();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<CircularOptions>>().Value);
        services.TryAddSingleton(sp => CircularKinds.From(sp.GetRequiredService<CircularOptions>()));
        services.TryAddSingleton(sp => new SignOffRules(sp.GetRequiredService<CircularOptions>()));
        services.TryAddSingleton(sp => new ReminderPlanner(
            sp.GetRequiredService<WorkCalendar>(), sp.GetRequiredService<OfficeProfile>().Zone, sp.GetRequiredService<CircularOptions>()));
        services.TryAddSingleton<CircularText>();
        services.TryAddSingleton<CircularService>();
        services.TryAddSingleton<CircularDialog>();
        services.TryAddSingleton<CircularReturnDialog>();
        services.AddDueWork<CircularScheduler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationFeature, CircularFeature>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxFailureListener, CircularDeliveryFailures>());
        return services;
    }
}
