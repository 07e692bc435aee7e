using ChatOps.Bot.Hosting;
using ChatOps.Core.Circulars;

namespace ChatOps.Bot.Circulars;

/// <summary>
/// Circulars in the host: the core services and the conversation feature, the <c>Circulars</c> settings (validated at
/// start-up) and the office API (<see cref="CircularEndpoints"/>). The reminder scheduler is an <c>IDueWork</c> run by
/// the host's one every-minute job (<c>AddScheduling</c>).
/// </summary>
public static class CircularsRegistration
{
    /// <summary>Registers circulars. Call after <c>AddStorage</c> and <c>AddChatOps</c>.</summary>
    public static IHostApplicationBuilder AddCirculars(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCircularsCore();
        builder.Services.AddValidatedOptions<CircularOptions, CircularOptionsValidator>(CircularOptions.Section);
        return builder;
    }

    /// <summary>Checks <see cref="CircularOptions"/> at start-up.</summary>
    private sealed class CircularOptionsValidator : IValidateOptions<CircularOptions>
    {
        public ValidateOptionsResult Validate(string? name, CircularOptions options)
        {
            var problems = options.Validate();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
