using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOps.Core.Calendar;

/// <summary>
/// The clock and the working-day calendar that every dated feature shares (reports, meetings, circulars), registered by
/// whichever feature comes first, so they all agree on holidays. A host or test that registers its own first keeps it.
/// </summary>
public static class CalendarRegistration
{
    /// <summary>Adds <see cref="TimeProvider.System"/>, the shipped <see cref="WorkCalendar"/> and a <see cref="PeriodCalculator"/> over it, each unless registered already.</summary>
    public static IServiceCollection AddCalendarCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => WorkCalendar.LoadDefault());
        services.TryAddSingleton(sp => new PeriodCalculator(sp.GetRequiredService<WorkCalendar>()));
        return services;
    }
}
