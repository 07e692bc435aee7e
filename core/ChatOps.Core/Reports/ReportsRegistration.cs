using ChatOps.Core.Calendar;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOps.Core.Reports;

/// <summary>
/// Registers reports in the core: the calendar (<see cref="CalendarRegistration.AddCalendarCore"/>), the report cycles
/// (<see cref="ReportCatalog.All"/>), the use cases (<see cref="ReportService"/>, <see cref="ReportStatusQuery"/>,
/// <see cref="BulletinService"/>), the 填报 dialog and the review flow, the bulletin files and the three conversation
/// features (review, 填报, 专报). Each is added unless registered already, so a host may register its own calendar or
/// cycles first. The ports come from storage (<see cref="Organization.IDirectoryRepository"/>,
/// <see cref="Conversations.IUnitOfWorkFactory"/>, <see cref="IBulletinHeadlineStore"/>) and the host
/// (<see cref="OfficeProfile"/>, <see cref="EnabledChannels"/>).
/// </summary>
public static class ReportsRegistration
{
    /// <summary>Adds the report services and features (idempotent).</summary>
    public static IServiceCollection AddReportsCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddCalendarCore();
        services.TryAddSingleton(_ => new ReportCycles(ReportCatalog.All));
        services.TryAddSingleton<RecipientRouter>();
        services.AddOptions<BulletinOptions>();
        services.TryAddSingleton<BulletinService>();
        services.TryAddSingleton<ReportWindow>();
        services.TryAddSingleton<Scheduling.ReportExemptions>();
        services.TryAddSingleton<ReportService>();
        services.TryAddSingleton<ReportDialog>();
        services.TryAddSingleton<ReviewFlow>();
        services.TryAddSingleton<ReportStatusQuery>();
        services.TryAddSingleton<BulletinFiles>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboundFileAccess, BulletinFileAccess>());
        services.AddConversationFeature<ReviewFeature>();
        services.AddConversationFeature<ReportFeature>();
        services.AddConversationFeature<BulletinFeature>();
        return services;
    }
}
