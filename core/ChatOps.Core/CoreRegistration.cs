using ChatOps.Core.Organization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOps.Core;

/// <summary>The one registration of the core: use cases and the clock. Ports are registered by storage and channels.</summary>
public static class CoreRegistration
{
    /// <summary>Registers the core services; <see cref="TimeProvider.System"/> unless a test registered its own clock first.</summary>
    public static IServiceCollection AddChatOpsCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DirectoryService>();
        return services;
    }
}
