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
    public string Name => name;

    public string Usage => usage;

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var (positional, given) = CliVerbs.Parse(args);
        var unknown = options is null ? [] : given.Keys.Where(k => !k.Contains(':', StringComparison.Ordinal) && !options.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            await error.WriteLineAsync($"未知的选项：{string.Join("、", unknown.Select(k => "--" + k))}。usage: {Usage}");
            return CliVerbs.Usage;
        }

        return positional.Count < words || positional.Count > (maxWords ?? words)
            ? await UsageAsync(error)
            : await RunAsync(services, new CliArguments(positional, given), output, error);
    }

    /// <summary>Runs the verb with its parsed arguments; the number of words is already checked.</summary>
    protected abstract Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error);

    /// <summary>Writes the usage line and returns <see cref="CliVerbs.Usage"/> (for checks beyond the number of words).</summary>
    protected async Task<int> UsageAsync(TextWriter error)
    {
        await error.WriteLineAsync($"usage: {Usage}");
        return CliVerbs.Usage;
    }
}

/// <summary>A verb's parsed arguments: the positional words and the <c>--name value</c> options (names ignore case).</summary>
internal sealed record CliArguments(IReadOnlyList<string> Words, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>The acting person of a verb that calls a use case: <see cref="By"/>, from the command line.</summary>
    public Core.Organization.Actor Actor => Core.Organization.Actor.System(By, "cli");

    /// <summary>The option's value, or null when it was not given.</summary>
    public string? Option(string name) => Options.GetValueOrDefault(name);

    /// <summary>Who acts: <c>--by</c>, else the operating-system user as <c>cli:NAME</c>.</summary>
    public string By => Option("by") ?? $"cli:{Environment.UserName}";
}
