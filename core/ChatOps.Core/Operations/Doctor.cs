using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOps.Core.Operations;

/// <summary>How much a finding of the doctor matters.</summary>
public enum DoctorLevel
{
    /// <summary>Checked and fine.</summary>
    Ok,

    /// <summary>Worth knowing; nothing to do now.</summary>
    Info,

    /// <summary>Works, but something will go wrong for some people or later (a unit without a liaison, next year's calendar).</summary>
    Warning,

    /// <summary>The bot cannot do its job until this is fixed: <c>doctor</c> exits non-zero.</summary>
    Blocking,
}

/// <summary>
/// One thing the doctor found, said once in Chinese (for the office's IT staff) and once in English (for the vendor),
/// each saying what to do. <paramref name="Check"/> names what was checked, e.g. "database", "wecom:notices".
/// </summary>
public sealed record DoctorFinding(string Check, DoctorLevel Level, string Chinese, string English)
{
    /// <summary>The one line the CLI prints: level, check, Chinese, English.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{OperationsText.LevelMark(Level)}] {Check}: {Chinese} | {English}");

    /// <summary>A finding that says the check passed.</summary>
    public static DoctorFinding Ok(string check, string chinese, string english) => new(check, DoctorLevel.Ok, chinese, english);

    /// <summary>A finding that blocks operation.</summary>
    public static DoctorFinding Blocking(string check, string chinese, string english) => new(check, DoctorLevel.Blocking, chinese, english);

    /// <summary>A warning.</summary>
    public static DoctorFinding Warning(string check, string chinese, string english) => new(check, DoctorLevel.Warning, chinese, english);
}

/// <summary>
/// One area the doctor examines (configuration, database, one channel, the calendar, the directory). A check never
/// throws for what it examines: every problem, including "could not reach", is a finding. Checks may call remote
/// services (one or two requests each), so the doctor is run on demand, never on a timer.
/// </summary>
public interface IDoctorCheck
{
    /// <summary>Order in the report: configuration first, then database, channels, calendar, directory.</summary>
    int Order { get; }

    /// <summary>Runs the check.</summary>
    Task<IReadOnlyList<DoctorFinding>> RunAsync(CancellationToken cancellationToken = default);
}

/// <summary>What the doctor found, in check order.</summary>
public sealed record DoctorReport(IReadOnlyList<DoctorFinding> Findings)
{
    /// <summary>True when nothing blocks: the CLI exits 0 exactly then.</summary>
    public bool Healthy => Findings.All(f => f.Level != DoctorLevel.Blocking);

    /// <summary>The findings of one check.</summary>
    public IReadOnlyList<DoctorFinding> Of(string check) => [.. Findings.Where(f => f.Check == check)];
}

/// <summary>A registered doctor check, by type: resolved only when the doctor runs, so one that cannot even be built
/// (its settings are invalid) becomes a finding instead of stopping the others.</summary>
public sealed record DoctorCheckType(Type Type);

/// <summary>
/// Runs every registered <see cref="IDoctorCheck"/> and gathers the findings. The CLI verb prints them and the office
/// console shows them as a page: the checks are written once, here and in the projects that own each area.
/// </summary>
public sealed class DoctorService(IServiceProvider services, IEnumerable<DoctorCheckType> checks)
{
    /// <summary>Runs the checks one after another (each is a few round trips; order keeps the report stable).</summary>
    public async Task<DoctorReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var findings = new List<DoctorFinding>();
        var resolved = new List<IDoctorCheck>();
        foreach (var type in checks.Select(c => c.Type).Distinct())
        {
            try
            {
                resolved.Add((IDoctorCheck)services.GetRequiredService(type));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                findings.Add(Failed(type, ex));
            }
        }

        foreach (var check in resolved.OrderBy(c => c.Order))
        {
            try
            {
                findings.AddRange(await check.RunAsync(cancellationToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                findings.Add(Failed(check.GetType(), ex));
            }
        }

        return new DoctorReport(findings);
    }

    private static DoctorFinding Failed(Type check, Exception ex) => DoctorFinding.Blocking(
        check.Name.Replace("DoctorCheck", "", StringComparison.Ordinal).ToLowerInvariant(),
        OperationsText.CheckFailed(ex.Message),
        $"Could not run ({ex.GetType().Name}: {ex.Message}): fix the configuration or database findings above first.");
}

/// <summary>Registers doctor checks.</summary>
public static class DoctorRegistration
{
    /// <summary>Registers <typeparamref name="T"/> as a check of the doctor.</summary>
    public static IServiceCollection AddDoctorCheck<T>(this IServiceCollection services)
        where T : class, IDoctorCheck
    {
        services.TryAddSingleton<T>();
        services.AddSingleton(new DoctorCheckType(typeof(T)));
        return services;
    }
}
