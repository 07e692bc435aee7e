using ChatOps.Core.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Storage.Operations;

/// <summary>The storage part of operations: the doctor's database check, SQLite backups and the outbox gauges.</summary>
public static class OperationsRegistration
{
    /// <summary>Registers the database doctor check and <see cref="SqliteBackup"/>, and feeds the outbox gauges from the database.</summary>
    public static IServiceCollection AddOperationsStorage(this IServiceCollection services)
    {
        services.AddDoctorCheck<DatabaseDoctorCheck>();
        services.AddSingleton<SqliteBackup>();
        services.AddSingleton<OutboxGauges>();
        return services;
    }

    /// <summary>
    /// Starts feeding the outbox gauges (call once the container is built). The gauges resolve the database only when
    /// read, so a bad storage setting is still reported by the host's start-up check (one line, exit 3), not here.
    /// </summary>
    public static void ObserveOutbox(this IServiceProvider services) =>
        ChatOpsTelemetry.ObserveOutbox(() => services.GetRequiredService<OutboxGauges>().Read());
}
