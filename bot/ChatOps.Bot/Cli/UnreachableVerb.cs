namespace ChatOps.Bot.Cli;

/// <summary><c>unreachable</c>: who messages are waiting for because no channel can reach them yet (e.g. Teams users who never opened the bot).</summary>
internal sealed class UnreachableVerb() : CliVerb("unreachable", "unreachable                      list people whose messages wait until they can be reached")
{
    protected override async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error)
    {
        var list = await ActivatorUtilities.CreateInstance<UnreachableRecipients>(services).ListAsync();
        if (list.Count == 0)
        {
            await output.WriteLineAsync("没有等待送达的消息。");
            return 0;
        }

        foreach (var r in list)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{r.Name}（{r.Channel}: {r.Address}）：{r.Waiting} 条消息等待送达，最早 {r.Since:yyyy-MM-dd HH:mm} UTC；{r.Reason}"));
        }

        return 0;
    }
}
