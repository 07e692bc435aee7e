using ChatOps.Core.Calendar;
using ChatOps.Core.Circulars;
using ChatOps.Core.Meetings;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOps.Bot.OfficeConsole;

/// <summary>
/// The services the console's work pages call beyond the feature registrations: the meeting desk (leave decisions,
/// attendees, agreed items), 立即提醒 for circulars, and the office's own holiday years — the calendar becomes this
/// host's own copy of the shipped one, so a year entered on the console is in force at once, and the stored years are
/// layered on at start-up (after the migrations).
/// </summary>
internal static class ConsoleWorkRegistration
{
    public static void AddConsoleWork(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton(_ => new WorkCalendar(WorkCalendar.LoadDefault().Years)));
        services.TryAddSingleton<MeetingDesk>();
        services.TryAddSingleton<CircularRemindNow>();
        services.TryAddSingleton<HolidayEntryService>();
        services.AddHostedService<StoredHolidayYears>();
    }

    /// <summary>Adds the office's stored years to the calendar when the host starts.</summary>
    private sealed class StoredHolidayYears(HolidayEntryService entry, ILogger<StoredHolidayYears> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            foreach (var problem in await entry.LoadStoredAsync(cancellationToken))
            {
                logger.LogError("A stored holiday year could not be read and is ignored: {Problem}", problem);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
