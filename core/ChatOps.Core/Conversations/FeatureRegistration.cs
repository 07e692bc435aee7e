using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOps.Core.Conversations;

/// <summary>
/// How a feature's <c>AddXxx</c> offers its conversation part to the engine and its scheduled part to the one due-work
/// job, written once. Each call names the type it registers, so a registration still reads as the list of what the
/// feature adds.
/// </summary>
public static class FeatureRegistration
{
    /// <summary>
    /// <typeparamref name="TFeature"/> as one singleton that is also one of the engine's <see cref="IConversationFeature"/>s
    /// (the feature's other services and the engine share the instance); added once however often this is called.
    /// </summary>
    public static IServiceCollection AddConversationFeature<TFeature>(this IServiceCollection services)
        where TFeature : class, IConversationFeature => services.AddShared<IConversationFeature, TFeature>();

    /// <summary><typeparamref name="TWork"/> as one singleton that is also one of the <see cref="IDueWork"/>s the every-minute job runs.</summary>
    public static IServiceCollection AddDueWork<TWork>(this IServiceCollection services)
        where TWork : class, IDueWork => services.AddShared<IDueWork, TWork>();

    private static IServiceCollection AddShared<TService, TImplementation>(this IServiceCollection services)
        where TService : class
        where TImplementation : class, TService
    {
        services.TryAddSingleton<TImplementation>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<TService, TImplementation>(sp => sp.GetRequiredService<TImplementation>()));
        return services;
    }
}
