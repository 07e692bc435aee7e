using ChatOps.Core.Calendar;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOps.Core.Reports;

/// <summary>Registration of the report periods and the bulletin.</summary>
public static class ReportsRegistration
{
    /// <summary>
    /// Registers the working-day calendar (the shipped holiday data), the period calculator, the report cycles
    /// (<see cref="ReportCatalog.Defaults"/>) and <see cref="BulletinService"/>, each unless registered already, so a
    /// host may register its own calendar or cycles first. <see cref="BulletinService"/> needs the ports
    /// <see cref="Organization.IDirectoryRepository"/>, <see cref="Conversations.IUnitOfWorkFactory"/> and
    /// <see cref="IBulletinHeadlineStore"/> (storage) and <see cref="OfficeProfile"/> (the host).
    /// </summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => WorkCalendar.LoadDefault());
        services.TryAddSingleton<PeriodCalculator>();
        services.TryAddSingleton(_ => new ReportCycles(ReportCatalog.All));
        services.AddOptions<BulletinOptions>();
        services.TryAddSingleton<BulletinService>();
        return services;
    }
}
