using ChatOps.Bot.Operations;

namespace ChatOps.Bot.Cli;

/// <summary><c>import-directory FILE</c>: validates every row, writes nothing when any is bad, reports each error.</summary>
internal sealed class ImportDirectoryVerb() : CliVerb("import-directory", "import-directory FILE.yaml|FILE.csv [--by NAME]", words: 1)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error)
    {
        var path = Path.GetFullPath(args.Words[0]);
        if (!File.Exists(path))
        {
            await error.WriteLineAsync(HostText.FileNotFound(path));
            return 1;
        }

        DirectoryImportResult result;
        try
        {
            result = await services.GetRequiredService<DirectoryService>().ImportAsync(args.Actor, path);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return CliVerbs.Usage;
        }

        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                await error.WriteLineAsync(e.ToString());
            }

            await error.WriteLineAsync(DirectoryText.ErrorCount(result.Errors.Count));
            return 1;
        }

        await output.WriteLineAsync(result.Changes!.Summary());
        foreach (var warning in result.Warnings)
        {
            await output.WriteLineAsync(DirectoryText.Hint(warning));
        }

        return 0;
    }
}

/// <summary><c>export-directory FILE</c>: writes the active directory as YAML or CSV (by extension).</summary>
internal sealed class ExportDirectoryVerb() : CliVerb("export-directory", "export-directory FILE.yaml|FILE.csv", words: 1)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error)
    {
        try
        {
            var path = Path.GetFullPath(args.Words[0]);
            var snapshot = await WritingAsync(() => services.GetRequiredService<DirectoryService>().ExportAsync(path));
            await output.WriteLineAsync(DirectoryText.Exported(snapshot, path));
            return 0;
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return CliVerbs.Usage;
        }
    }
}

/// <summary><c>change-liaison UNIT PERSON --reason TEXT [--by NAME]</c>: files a change of liaison (备案).</summary>
internal sealed class ChangeLiaisonVerb() : CliVerb("change-liaison", DirectoryText.ChangeLiaisonUsage, words: 2)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error)
    {
        if (args.Option("reason") is not { } reason)
        {
            return await UsageAsync(error);
        }

        try
        {
            var change = await services.GetRequiredService<DirectoryService>()
                .ChangeLiaisonAsync(args.Actor, args.Words[0], args.Words[1], reason);
            await output.WriteLineAsync(DirectoryText.LiaisonChanged(change));
            return 0;
        }
        catch (DirectoryException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
    }
}

/// <summary><c>liaison-history [UNIT]</c>: lists filed liaison changes, newest first.</summary>
internal sealed class LiaisonHistoryVerb() : CliVerb("liaison-history", "liaison-history [UNIT_CODE]", words: 0, maxWords: int.MaxValue)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error)
    {
        var repository = services.GetRequiredService<IDirectoryRepository>();
        var snapshot = await repository.LoadAsync();
        var names = snapshot.People.ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
        var units = snapshot.Units.ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal);
        var history = await repository.ListLiaisonChangesAsync(args.Words.FirstOrDefault());
        var zone = TimeZoneInfo.FindSystemTimeZoneById(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Hosting.OfficeOptions>>().Value.TimeZone);
        foreach (var h in history)
        {
            var at = TimeZoneInfo.ConvertTime(h.FiledAt, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            string Name(string? id) => id is null ? DirectoryText.Nobody : names.GetValueOrDefault(id, id);
            await output.WriteLineAsync(DirectoryText.HistoryLine(at, units.GetValueOrDefault(h.UnitCode, h.UnitCode), Name(h.OldPersonId), Name(h.NewPersonId), h.FiledBy, h.Reason));
        }

        if (history.Count == 0)
        {
            await output.WriteLineAsync(DirectoryText.NoLiaisonChanges);
        }

        return 0;
    }
}

/// <summary><c>name-delegate UNIT PERSON [--by NAME]</c>: names someone who may report for a unit besides its liaison.</summary>
internal sealed class NameDelegateVerb() : CliVerb("name-delegate", DirectoryText.NameDelegateUsage, words: 2)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error)
    {
        try
        {
            var (unit, person) = await services.GetRequiredService<DirectoryService>()
                .NameDelegateAsync(args.Actor, args.Words[0], args.Words[1]);
            await output.WriteLineAsync(DirectoryText.DelegateNamed(person, unit));
            return 0;
        }
        catch (DirectoryException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
    }
}

/// <summary>
/// <c>group-conversations</c>: the Bot Framework group conversations (Teams channels, group chats) the bot was added to,
/// with their ids, so the office can register them in the directory as groups (kind botframework) for circulars.
/// </summary>
internal sealed class GroupConversationsVerb() : CliVerb("group-conversations", "group-conversations")
{
    protected override async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error)
    {
        var store = services.GetRequiredService<ChatOps.Core.Conversations.IConversationReferenceStore>();
        var groups = await store.ListGroupConversationsAsync(ChannelNames.BotFramework);
        var registered = (await services.GetRequiredService<IDirectoryRepository>().LoadAsync()).Groups
            .Where(g => g.Kind == ChatOps.Channels.BotFramework.Hosting.BotFrameworkGroupKinds.Conversation).Select(g => g.Address).ToHashSet(StringComparer.Ordinal);
        foreach (var g in groups)
        {
            var state = DirectoryText.ConversationState(g.Unreachable, registered.Contains(g.ConversationId));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{g.ChannelId}\t{g.ConversationId}\t{g.UpdatedAt:yyyy-MM-dd}\t{state}"));
        }

        await output.WriteLineAsync(groups.Count == 0 ? DirectoryText.NoConversations : DirectoryText.RegisterConversations);
        return 0;
    }
}
