using ChatOps.Bot.Meetings;
using ChatOps.Bot.Operations;
using ChatOps.Bot.Supervision;

namespace ChatOps.Bot.Cli;

/// <summary>A command run instead of the web host: <c>dotnet run --project bot/ChatOps.Bot -- VERB ARGS</c>.</summary>
public interface ICliVerb
{
    /// <summary>The verb as typed.</summary>
    string Name { get; }

    /// <summary>One usage line.</summary>
    string Usage { get; }

    /// <summary>Runs the verb; returns the process exit code (0 success, 1 refused or invalid input, 2 usage).</summary>
    Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error);
}

/// <summary>The verbs the host understands.</summary>
public static class CliVerbs
{
    /// <summary>Exit code for wrong arguments.</summary>
    public const int Usage = 2;

    /// <summary>Every verb.</summary>
    public static readonly IReadOnlyList<ICliVerb> All =
    [
        new ImportDirectoryVerb(),
        new ExportDirectoryVerb(),
        new ChangeLiaisonVerb(),
        new LiaisonHistoryVerb(),
        new NameDelegateVerb(),
        new GroupConversationsVerb(),
        new UnreachableVerb(),
        new PeriodsVerb(),
        new BulletinVerb(),
        new HeadlineVerb(),
        new SendPromptsVerb(),
        new ExemptVerb(),
        new MeetingCreateVerb(), new MeetingRosterVerb(),
        new DoctorVerb(),
        new BackupVerb(),
        new TeamsPackageVerb(),
        new ImportProblemsVerb(), new TaskCreateVerb(), new ProblemMilestoneVerb(), new AssignSupervisorVerb(), new ProblemRatesVerb(),
    ];

    /// <summary>The arguments that ask for the usage text instead of a verb or the service.</summary>
    public static readonly IReadOnlySet<string> HelpArguments = new HashSet<string>(["--help", "-h", "help", "-?", "/?"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the first argument asks for help.</summary>
    public static bool IsHelp(string[] args) => args.Length > 0 && HelpArguments.Contains(args[0]);

    /// <summary>Whether the first argument looks like a verb (not an option) but names none of <see cref="All"/>.</summary>
    public static bool IsUnknownVerb(string[] args) =>
        args.Length > 0 && !args[0].StartsWith('-') && !IsHelp(args) && Find(args) is null;

    /// <summary>The usage text: how to run the service, every verb's usage line (from <see cref="All"/>), options, exit codes.</summary>
    public static void WriteHelp(TextWriter output)
    {
        output.WriteLine(HostText.HelpUsage);
        output.WriteLine(HostText.HelpRunService);
        output.WriteLine(HostText.HelpRunVerb);
        output.WriteLine();
        output.WriteLine(HostText.HelpVerbs);
        foreach (var verb in All)
        {
            output.WriteLine("  " + verb.Usage);
        }

        output.WriteLine();
        output.WriteLine(HostText.HelpOptions);
        output.WriteLine(HostText.HelpOverride);
        output.WriteLine(HostText.HelpUrls);
        output.WriteLine(HostText.HelpHelp);
        output.WriteLine();
        output.WriteLine(HostText.HelpExitCodes);
    }

    /// <summary>The verb named by the first argument, if any.</summary>
    public static ICliVerb? Find(string[] args) =>
        args.Length > 0 ? All.FirstOrDefault(v => string.Equals(v.Name, args[0], StringComparison.Ordinal)) : null;

    /// <summary>Splits <c>--name value</c> / <c>--name=value</c> options from positional arguments.</summary>
    public static (List<string> Positional, Dictionary<string, string> Options) Parse(string[] args)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(a);
                continue;
            }

            var eq = a.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                options[a[2..eq]] = a[(eq + 1)..];
            }
            else if (i + 1 < args.Length)
            {
                options[a[2..]] = args[++i];
            }
            else
            {
                options[a[2..]] = "";
            }
        }

        return (positional, options);
    }
}
