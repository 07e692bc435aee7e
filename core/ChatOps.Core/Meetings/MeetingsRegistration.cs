using ChatOps.Core.Calendar;
using ChatOps.Core.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOps.Core.Meetings;

/// <summary>
/// Registers meetings in the core: the office's use cases, the conversation feature, the scheduler and their helpers.
/// The calendar is the reports' (<see cref="WorkCalendar"/>, registered unless the host has one), so both agree on
/// holidays. Ports come from elsewhere: <see cref="IMeetingStoreFactory"/> and the engine's stores from storage,
/// <see cref="OfficeProfile"/> and <see cref="EnabledChannels"/> from the host.
/// </summary>
public static class MeetingsRegistration
{
    /// <summary>Adds <see cref="MeetingService"/>, <see cref="MeetingAttendance"/>, <see cref="MeetingFeature"/> (as an <see cref="IConversationFeature"/>) and <see cref="MeetingScheduler"/>.</summary>
    public static IServiceCollection AddMeetingsCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddCalendarCore();
        services.TryAddSingleton<RecipientRouter>();
        services.AddOptions<MeetingOptions>();
        services.TryAddSingleton(sp => new MeetingCalendar(sp.GetRequiredService<WorkCalendar>(), sp.GetRequiredService<OfficeProfile>().Zone));
        services.TryAddSingleton<MeetingNotices>();
        services.TryAddSingleton<MeetingService>();
        services.TryAddSingleton<MeetingAttendance>();
        services.TryAddSingleton<MeetingArrangeDialog>();
        services.TryAddSingleton<MeetingLeaveDialog>();
        services.TryAddSingleton<MeetingRejectDialog>();
        services.TryAddSingleton<MeetingDeclineDialog>();
        services.TryAddSingleton<MeetingFeedbackDialog>();
        services.AddConversationFeature<MeetingFeature>();
        services.AddDueWork<MeetingScheduler>();
        return services;
    }
}
