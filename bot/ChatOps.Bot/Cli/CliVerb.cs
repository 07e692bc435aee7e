using ChatOps.Bot.Hosting;
using ChatOps.Bot.Operations;

namespace ChatOps.Bot.Cli;

/// <summary>
/// The base of a verb made of words and <c>--options</c>: parses the arguments once (<see cref="CliVerbs.Parse"/>),
/// answers a wrong number of words with the usage line and exit code 2, and only then runs the verb — so no verb
/// repeats the parsing and the usage answer.
/// </summary>
/// <param name="words">How many positional words the verb takes at least.</param>
/// <param name="maxWords">At most (default: exactly <paramref name="words"/>).</param>
/// <param name="options">
/// The options the verb knows; when given, any other (but a configuration override with ':') is refused with the
/// usage, so that a typo such as <c>--titel</c> is not ignored.
/// </param>
internal abstract class CliVerb(string name, string usage, int words = 0, int? maxWords = null, string[]? options = null) : ICliVerb
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d"];

    public string Name => name;

    public string Usage => usage;

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var (positional, given) = CliVerbs.Parse(args);
        var unknown = options is null ? [] : given.Keys.Where(k => !k.Contains(':', StringComparison.Ordinal) && !options.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            await error.WriteLineAsync(HostText.UnknownOptions(unknown, Usage));
            return CliVerbs.Usage;
        }

        if (positional.Count > (maxWords ?? words))
        {
            await error.WriteLineAsync(HostText.ExtraArguments(positional.Skip(maxWords ?? words), Usage));
            return CliVerbs.Usage;
        }

        if (positional.Count < words)
        {
            return await UsageAsync(error);
        }

        try
        {
            return await RunAsync(services, new CliArguments(positional, given), output, error);
        }
        catch (CliExitException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return ex.ExitCode;
        }
    }

    /// <summary>Runs the verb with its parsed arguments; the number of words is already checked.</summary>
    protected abstract Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error);

    /// <summary>Writes the usage line and returns <see cref="CliVerbs.Usage"/> (for checks beyond the number of words).</summary>
    protected async Task<int> UsageAsync(TextWriter error)
    {
        await error.WriteLineAsync($"usage: {Usage}");
        return CliVerbs.Usage;
    }

    /// <summary>
    /// Runs what writes the verb's output file; when the file cannot be written (an I/O error, no permission) the verb
    /// stops with exit code 1 and says so, the same for every verb that writes one.
    /// </summary>
    protected static async Task<T> WritingAsync<T>(Func<Task<T>> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            return await write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliExitException(1, HostText.CannotWrite(ex.Message));
        }
    }

    /// <summary>As <see cref="WritingAsync{T}"/>, for a write that returns nothing.</summary>
    protected static Task WritingAsync(Func<Task> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return WritingAsync(async () =>
        {
            await write();
            return true;
        });
    }

    /// <summary>The option's trimmed value; when it is missing or blank the verb stops with exit code 2 and says which.</summary>
    protected string Required(CliArguments args, string option) =>
        args.Option(option)?.Trim() is { Length: > 0 } value ? value : throw new CliExitException(CliVerbs.Usage, HostText.MissingOption(option, Usage));

    /// <summary>The option as a date (2026-01-01 or 2026-1-1); when it is missing or not a date the verb stops with exit code 2.</summary>
    protected static DateOnly Date(CliArguments args, string option)
    {
        if (args.Option(option) is not { } text || string.IsNullOrWhiteSpace(text))
        {
            throw new CliExitException(CliVerbs.Usage, HostText.MissingDate(option));
        }

        return DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year is >= 1900 and <= 9000
                ? date
                : throw new CliExitException(CliVerbs.Usage, HostText.BadDate(option, text));
    }

    /// <summary>
    /// A service; when the host did not register it (or its ports) the verb stops with one configuration-error line and
    /// <see cref="ChatOpsHost.StartupFailed"/> rather than a stack trace.
    /// </summary>
    protected static T Service<T>(IServiceProvider services)
        where T : notnull
    {
        try
        {
            return services.GetRequiredService<T>();
        }
        catch (InvalidOperationException ex)
        {
            throw new CliExitException(ChatOpsHost.StartupFailed, $"chatops: configuration error: {typeof(T).Name} is not available: {ex.Message}");
        }
    }

    /// <summary>Stops a verb early: <see cref="CliVerb"/> writes the message to the error stream and exits with the code.</summary>
    private sealed class CliExitException(int exitCode, string message) : Exception(message)
    {
        public int ExitCode => exitCode;
    }
}

/// <summary>A verb's parsed arguments: the positional words and the <c>--name value</c> options (names ignore case).</summary>
internal sealed record CliArguments(IReadOnlyList<string> Words, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>The acting person of a verb that calls a use case: <see cref="By"/>, from the command line.</summary>
    public Core.Organization.Actor Actor => Core.Organization.Actor.System(By, "cli");

    /// <summary>The option's value, or null when it was not given.</summary>
    public string? Option(string name) => Options.GetValueOrDefault(name);

    /// <summary>Who acts: <c>--by</c>, else (also when it is blank) the operating-system user as <c>cli:NAME</c>.</summary>
    public string By => Option("by") is { Length: > 0 } by ? by : $"cli:{Environment.UserName}";
}
