using ChatOps.Bot.Cli;
using ChatOps.Bot.Operations;
using ChatOps.Storage;

namespace ChatOps.Bot.Hosting;

/// <summary>
/// Runs the host or a CLI verb. Settings are validated and the database migrated before anything starts, so a bad
/// setting or an unreachable database ends the process with one line naming the problem instead of a stack trace.
/// </summary>
public static class ChatOpsHost
{
    /// <summary>Exit code for a bad setting or a database that cannot be used.</summary>
    public const int StartupFailed = 3;

    /// <summary>
    /// The arguments the host's configuration sees: for a CLI verb only <c>--Key=Value</c> overrides. The content root
    /// (appsettings.json, samples/) is the application's folder, wherever it is started from; a later
    /// <c>--contentRoot</c> (as the test host passes) still wins.
    /// </summary>
    public static string[] HostArguments(string[] args)
    {
        if (CliVerbs.IsHelp(args) || CliVerbs.IsUnknownVerb(args))
        {
            // Only the usage text is printed: nothing of the arguments reaches the configuration.
            return [$"--contentRoot={AppContext.BaseDirectory}", "--Logging:LogLevel:Default=Warning"];
        }

        if (CliVerbs.Find(args) is null)
        {
            return [$"--contentRoot={AppContext.BaseDirectory}", .. args];
        }

        // A verb's output is its result: only warnings and errors are logged around it.
        var overrides = args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('='));
        return [$"--contentRoot={AppContext.BaseDirectory}", "--Logging:LogLevel:Default=Warning", .. overrides];
    }

    /// <summary>A path relative to the application's folder (where samples/ is copied), unless already absolute.</summary>
    public static string AppPath(string path) => Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);

    /// <summary>Validates settings, migrates, then runs the CLI verb named in <paramref name="args"/> or serves until stopped.</summary>
    public static async Task<int> RunChatOpsAsync(this WebApplication app, string[] args)
    {
        // Help and a mistyped verb are answered before anything is validated or opened: no database is touched.
        if (CliVerbs.IsHelp(args))
        {
            CliVerbs.WriteHelp(Console.Out);
            return 0;
        }

        if (CliVerbs.IsUnknownVerb(args))
        {
            await Console.Error.WriteLineAsync(HostText.UnknownVerb(args[0]));
            CliVerbs.WriteHelp(Console.Error);
            return CliVerbs.Usage;
        }

        var verb = CliVerbs.Find(args);
        if (verb is IRunsBeforeStartup early)
        {
            return await early.RunAsync(app.Services, args.Skip(1).ToArray(), Console.Out, Console.Error);
        }

        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
            await app.Services.GetRequiredService<Migrator>().MigrateAsync();
            if (verb is null)
            {
                await SeedDirectoryAsync(app.Services);
            }
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await Console.Error.WriteLineAsync($"chatops: configuration error: {failure}");
            }

            return StartupFailed;
        }
        catch (DirectoryException ex)
        {
            await Console.Error.WriteLineAsync($"chatops: configuration error: Directory:SeedFile: {ex.Message.ReplaceLineEndings(" ")}");
            return StartupFailed;
        }
        catch (DatabaseStartupException ex)
        {
            await Console.Error.WriteLineAsync($"chatops: database error: {ex.Message}");
            return StartupFailed;
        }

        if (verb is not null)
        {
            return await verb.RunAsync(app.Services, args.Skip(1).ToArray(), Console.Out, Console.Error);
        }

        await app.RunAsync();
        return 0;
    }

    /// <summary>
    /// Seeds an empty database from <c>Directory:SeedFile</c> before the host starts, so that a bad file stops the process
    /// with one line and exit code 3 (a hosted service failing would abort the host with a stack trace). The seeding
    /// hosted service then finds the directory filled and does nothing; it still seeds hosts started without this method
    /// (the test hosts).
    /// </summary>
    private static async Task SeedDirectoryAsync(IServiceProvider services)
    {
        var seedFile = services.GetRequiredService<IOptions<DirectoryOptions>>().Value.SeedFile;
        if (!string.IsNullOrWhiteSpace(seedFile))
        {
            await services.GetRequiredService<DirectoryService>().SeedIfEmptyAsync(AppPath(seedFile));
        }
    }
}
