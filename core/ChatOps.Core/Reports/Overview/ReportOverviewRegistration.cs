using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOps.Core.Reports.Overview;

/// <summary>Registration of the office's report overviews (the console's 本期报送, 报告, 专报编辑 and 报送统计).</summary>
public static class ReportOverviewRegistration
{
    /// <summary>
    /// Registers <see cref="ReportOverview"/>, <see cref="ReportChasing"/>, <see cref="ReportHistory"/>,
    /// <see cref="ReportCompliance"/> and <see cref="BulletinEditor"/>. Needs <c>AddReportsCore</c>, the circulars (for the
    /// sign-off rule) and the storage ports <see cref="IReportLedger"/> and <see cref="IBulletinEditionStore"/>.
    /// </summary>
    public static IServiceCollection AddReportOverviewCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ReportOverview>();
        services.TryAddSingleton<ReportChasing>();
        services.TryAddSingleton<ReportHistory>();
        services.TryAddSingleton<ReportCompliance>();
        services.TryAddSingleton<BulletinFiles>();
        services.TryAddSingleton<BulletinEditor>();
        return services;
    }
}
