using ChatOps.Bot.Operations;
using ChatOps.Core.Operations;
using ChatOps.Storage.Operations;

namespace ChatOps.Bot.Cli;

/// <summary>
/// A verb that runs before the settings are validated and the database is migrated: it examines or copies things as
/// they are (the doctor must report a bad setting or a pending migration, not stop on it; a backup is taken before an
/// upgrade migrates).
/// </summary>
public interface IRunsBeforeStartup : ICliVerb;

/// <summary>
/// <c>doctor</c>: checks everything an operator can get wrong and prints one line per finding, in Chinese and English,
/// saying what to do. Exit code 0 only when nothing blocks.
/// </summary>
internal sealed class DoctorVerb() : CliVerb("doctor", "doctor"), IRunsBeforeStartup
{
    protected override async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error)
    {
        var report = await services.GetRequiredService<DoctorService>().RunAsync();
        foreach (var finding in report.Findings)
        {
            await output.WriteLineAsync(finding.ToString());
        }

        var blocking = report.Findings.Count(f => f.Level == DoctorLevel.Blocking);
        var warnings = report.Findings.Count(f => f.Level == DoctorLevel.Warning);
        await output.WriteLineAsync(HostText.DoctorDone(blocking, warnings));
        return report.Healthy ? 0 : 1;
    }
}

/// <summary><c>backup FILE</c>: a consistent copy of the SQLite database taken with SQLite's online backup, safe while the host runs.</summary>
internal sealed class BackupVerb() : CliVerb("backup", "backup FILE.db", words: 1), IRunsBeforeStartup
{
    protected override async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error)
    {
        try
        {
            var result = await services.GetRequiredService<SqliteBackup>().BackupAsync(args.Words[0]);
            await output.WriteLineAsync(HostText.BackedUp(result.Path, result.Bytes, result.Migrations));
            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            await error.WriteLineAsync(HostText.BackupFailed(ex.Message));
            return 1;
        }
    }
}

/// <summary><c>teams-package --out FILE.zip</c>: the app package Teams needs to install the bot (manifest and two icons).</summary>
internal sealed class TeamsPackageVerb() : CliVerb("teams-package", "teams-package --out chatops-teams.zip [--domain bot.example.gov.cn] [--version 1.0.0]")
{
    protected override async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error)
    {
        if (args.Option("out") is not { } target || string.IsNullOrWhiteSpace(target))
        {
            return await UsageAsync(error);
        }

        try
        {
            var package = TeamsPackage.FromConfiguration(services.GetRequiredService<IConfiguration>(), args.Option("domain"), args.Option("version"));
            var path = Path.GetFullPath(target);
            await WritingAsync(() => File.WriteAllBytesAsync(path, package.ToZip()));
            await output.WriteLineAsync(HostText.TeamsPackageWritten(path, package.BotId));
            return 0;
        }
        catch (TeamsPackageException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
    }
}
