using ChatOps.Core.Calendar;
using ChatOps.Core.Reports.Overview;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOps.Core.Reports.Scheduling;

/// <summary>
/// Registers prompting and chasing: the scheduler and the exemption use case, plus the calendar, the cycles and the
/// router with their defaults unless the host registered its own first. The ports (<see cref="IUnitOfWorkFactory"/>,
/// the directory, <see cref="EnabledChannels"/>) come from storage and the channels.
/// </summary>
public static class ReportSchedulingRegistration
{
    /// <summary>Adds <see cref="ReportScheduler"/>, <see cref="ReportExemptions"/> and the office's 发送提醒 command (<see cref="PromptNowFeature"/>).</summary>
    public static IServiceCollection AddReportSchedulingCore(this IServiceCollection services)
    {
        services.AddCalendarCore();
        services.TryAddSingleton(_ => new ReportCycles(ReportCatalog.All));
        services.TryAddSingleton<RecipientRouter>();
        services.AddOptions<ReportSchedulerOptions>();
        services.AddDueWork<ReportScheduler>();
        services.TryAddSingleton<ReportExemptions>();
        services.AddReportOverviewCore(); // 催报 is ReportChasing's, for chat and console alike
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationFeature, PromptNowFeature>());
        return services;
    }
}
