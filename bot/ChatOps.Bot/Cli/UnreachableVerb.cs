using ChatOps.Bot.Operations;

namespace ChatOps.Bot.Cli;

/// <summary><c>unreachable</c>: who messages are waiting for because no channel can reach them yet (e.g. Teams users who never opened the bot).</summary>
internal sealed class UnreachableVerb() : CliVerb("unreachable", "unreachable                      list people whose messages wait until they can be reached")
{
    protected override async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error)
    {
        var list = await ActivatorUtilities.CreateInstance<UnreachableRecipients>(services).ListAsync();
        if (list.Count == 0)
        {
            await output.WriteLineAsync(HostText.NothingWaiting);
            return 0;
        }

        foreach (var r in list)
        {
            await output.WriteLineAsync(HostText.Waiting(r));
        }

        return 0;
    }
}
