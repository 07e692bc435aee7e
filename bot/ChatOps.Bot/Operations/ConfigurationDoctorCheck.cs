using ChatOps.Core.Operations;

namespace ChatOps.Bot.Operations;

/// <summary>
/// The doctor's configuration check: every setting validated as at start-up (one finding per failure, naming the key),
/// plus what is legal but wrong for production (the sample directory seeded, no office API key).
/// </summary>
internal sealed class ConfigurationDoctorCheck(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment) : IDoctorCheck
{
    private const string Check = "configuration";

    public int Order => 0;

    public Task<IReadOnlyList<DoctorFinding>> RunAsync(CancellationToken cancellationToken = default)
    {
        var findings = new List<DoctorFinding>();
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException ex)
        {
            findings.AddRange(ex.Failures.Select(f => DoctorFinding.Blocking(Check, HostText.ConfigurationError(f), $"Configuration error: {f}")));
        }

        if (environment.IsProduction())
        {
            if (!string.IsNullOrWhiteSpace(configuration["Directory:SeedFile"]))
            {
                findings.Add(DoctorFinding.Warning(Check,
                    HostText.SeedFileInProduction,
                    "Directory:SeedFile is set: an empty database gets the sample directory. Set it empty in production and import yours with import-directory."));
            }
        }

        if (findings.All(f => f.Level != DoctorLevel.Blocking))
        {
            findings.Insert(0, DoctorFinding.Ok(Check, HostText.ConfigurationValid(environment.EnvironmentName),
                $"Settings valid (environment: {environment.EnvironmentName})."));
        }

        return Task.FromResult<IReadOnlyList<DoctorFinding>>(findings);
    }
}
