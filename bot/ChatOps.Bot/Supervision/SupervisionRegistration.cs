using ChatOps.Core.Supervision;

namespace ChatOps.Bot.Supervision;

/// <summary>
/// Problem lists, complaints and 督办 tasks in the host: the core's service, conversation feature and scheduler (an
/// <c>IDueWork</c> run by the host's one every-minute job, <c>AddScheduling</c>). The CLI verbs are in <c>Cli/SupervisionVerbs.cs</c>.
/// </summary>
public static class SupervisionRegistration
{
    /// <summary>Registers supervision.</summary>
    public static IHostApplicationBuilder AddSupervision(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSupervisionCore();
        return builder;
    }
}
