using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Core.Operations;

/// <summary>Registration of the operations services of the core: the doctor, its domain checks and the channel alerts.</summary>
public static class OperationsRegistration
{
    /// <summary>Registers <see cref="DoctorService"/>, the calendar and directory checks and <see cref="ChannelAlerts"/>.</summary>
    public static IServiceCollection AddOperationsCore(this IServiceCollection services)
    {
        services.AddSingleton<DoctorService>();
        services.AddDoctorCheck<CalendarDoctorCheck>();
        services.AddDoctorCheck<DirectoryDoctorCheck>();
        services.AddSingleton<ChannelAlerts>();
        return services;
    }
}
