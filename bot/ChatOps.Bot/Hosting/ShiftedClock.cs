namespace ChatOps.Bot.Hosting;

/// <summary>
/// The application clock moved by a fixed offset (configuration key <c>Testing:ClockOffset</c>, e.g. <c>2.03:00:00</c>
/// or <c>-00:05:00</c>), for tests that start host processes of their own and need a scheduled time to arrive within
/// seconds: every process given the same offset shares one shifted "now". Honoured only in the Development and Testing
/// environments; in any other the host refuses to start rather than run on a clock the operator did not mean.
/// Timers and Quartz keep real time.
/// </summary>
internal sealed class ShiftedClock(TimeSpan offset) : TimeProvider
{
    /// <summary>The configuration key.</summary>
    public const string Key = "Testing:ClockOffset";

    /// <summary>The offset.</summary>
    public TimeSpan Offset { get; } = offset;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    /// <summary>Registers the shifted clock when <see cref="Key"/> is set (before anything registers the system clock).</summary>
    public static void Register(IHostApplicationBuilder builder)
    {
        var value = builder.Configuration[Key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (!builder.Environment.IsDevelopment() && !builder.Environment.IsEnvironment("Testing"))
        {
            throw new InvalidOperationException(
                $"{Key} is for tests only and is honoured only in the Development and Testing environments (this is {builder.Environment.EnvironmentName}); remove it");
        }

        if (!TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var offset))
        {
            throw new InvalidOperationException($"{Key} must be a time span such as 2.03:00:00 or -00:05:00, not '{value}'");
        }

        builder.Services.AddSingleton<TimeProvider>(new ShiftedClock(offset));
    }
}
