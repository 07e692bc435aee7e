using System.Globalization;
using ChatOps.Bot.Supervision;
using ChatOps.Core.Organization;

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
        output.WriteLine("用法：");
        output.WriteLine("  dotnet ChatOps.Bot.dll [--键=值 ...]          启动机器人服务（默认地址 http://localhost:5080）");
        output.WriteLine("  dotnet ChatOps.Bot.dll 命令 [参数] [--键=值]   执行一项管理命令后退出");
        output.WriteLine();
        output.WriteLine("命令：");
        foreach (var verb in All)
        {
            output.WriteLine("  " + verb.Usage);
        }

        output.WriteLine();
        output.WriteLine("选项：");
        output.WriteLine("  --键=值                 覆盖任一配置项，如 --Storage:Provider=SqlServer、--Directory:SeedFile=");
        output.WriteLine("  --urls 地址             服务监听地址（也可用环境变量 ASPNETCORE_URLS 或 ASPNETCORE_HTTP_PORTS）");
        output.WriteLine("  --help, -h, help        显示本说明");
        output.WriteLine();
        output.WriteLine("退出码：0 完成；1 被拒绝或输入有误；2 参数错误；3 配置有误或数据库不可用。");
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

/// <summary><c>import-directory FILE</c>: validates every row, writes nothing when any is bad, reports each error.</summary>
internal sealed class ImportDirectoryVerb() : CliVerb("import-directory", "import-directory FILE.yaml|FILE.csv [--by NAME]", words: 1)
{
    /// <summary>The operator at the command line (<c>--by NAME</c>, else the OS user): a system actor, audited as <c>cli</c>.</summary>
    public static Actor CliActor(CliArguments args) => Actor.System(args.By, "cli");

    protected override async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error)
    {
        var path = Path.GetFullPath(args.Words[0]);
        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"找不到文件：{path}");
            return 1;
        }

        DirectoryImportResult result;
        try
        {
            result = await services.GetRequiredService<DirectoryService>().ImportAsync(CliActor(args), path);
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
            var snapshot = await services.GetRequiredService<DirectoryService>().ExportAsync(path);
            await output.WriteLineAsync($"已导出 {snapshot.Units.Count} 个单位、{snapshot.People.Count} 名人员、{snapshot.Groups.Count} 个群聊到 {path}");
            return 0;
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return CliVerbs.Usage;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"无法写入文件：{ex.Message}");
            return 1;
        }
    }
}

/// <summary><c>change-liaison UNIT PERSON --reason TEXT [--by NAME]</c>: files a change of liaison (备案).</summary>
internal sealed class ChangeLiaisonVerb() : CliVerb("change-liaison", "change-liaison UNIT_CODE PERSON_ID --reason 原因 [--by 备案人]", words: 2)
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
                .ChangeLiaisonAsync(ImportDirectoryVerb.CliActor(args), args.Words[0], args.Words[1], reason);
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
            string Name(string? id) => id is null ? "（无）" : names.GetValueOrDefault(id, id);
            await output.WriteLineAsync($"{at}  {units.GetValueOrDefault(h.UnitCode, h.UnitCode)}  {Name(h.OldPersonId)} → {Name(h.NewPersonId)}  备案人：{h.FiledBy}  原因：{h.Reason}");
        }

        if (history.Count == 0)
        {
            await output.WriteLineAsync("没有联络员调整记录。");
        }

        return 0;
    }
}

/// <summary><c>name-delegate UNIT PERSON [--by NAME]</c>: names someone who may report for a unit besides its liaison.</summary>
internal sealed class NameDelegateVerb() : CliVerb("name-delegate", "name-delegate UNIT_CODE PERSON_ID [--by 指定人]", words: 2)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error)
    {
        var positional = args.Words;
        var directory = services.GetRequiredService<IDirectoryRepository>();
        var unit = await directory.FindUnitAsync(positional[0]);
        var person = await directory.FindPersonAsync(positional[1]);
        if (unit is null || person is null)
        {
            await error.WriteLineAsync(unit is null ? $"单位“{positional[0]}”不在名录中。" : $"人员“{positional[1]}”不在名录中。");
            return 1;
        }

        await directory.NameDelegateAsync(unit.Code, person.Id, args.By,
            services.GetRequiredService<TimeProvider>().GetUtcNow());
        await output.WriteLineAsync($"已指定{person.Name}可代{unit.Name}填报（每期仍只报送一份）。");
        return 0;
    }
}

/// <summary>
/// <c>group-conversations</c>: the Bot Framework group conversations (Teams channels, group chats) the bot was added to,
/// with their ids, so the office can register them in the directory as groups (kind botframework) for circulars.
/// </summary>
internal sealed class GroupConversationsVerb : ICliVerb
{
    public string Name => "group-conversations";

    public string Usage => "group-conversations";

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var store = services.GetRequiredService<ChatOps.Core.Conversations.IConversationReferenceStore>();
        var groups = await store.ListGroupConversationsAsync(ChannelNames.BotFramework);
        var registered = (await services.GetRequiredService<IDirectoryRepository>().LoadAsync()).Groups
            .Where(g => g.Kind == ChatOps.Channels.BotFramework.Hosting.BotFrameworkGroupKinds.Conversation).Select(g => g.Address).ToHashSet(StringComparer.Ordinal);
        foreach (var g in groups)
        {
            var state = g.Unreachable ? "（机器人已被移出）" : registered.Contains(g.ConversationId) ? "（已登记）" : "（未登记）";
            await output.WriteLineAsync($"{g.ChannelId}\t{g.ConversationId}\t{g.UpdatedAt:yyyy-MM-dd}\t{state}");
        }

        await output.WriteLineAsync(groups.Count == 0
            ? "机器人尚未加入任何群聊。"
            : "在名录 groups 中登记：kind: botframework，address 填上面的会话 id。");
        return 0;
    }
}
