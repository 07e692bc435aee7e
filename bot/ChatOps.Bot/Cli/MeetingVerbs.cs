using System.Globalization;
using ChatOps.Core.Meetings;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports;

namespace ChatOps.Bot.Cli;

/// <summary>
/// <c>meeting-create --title 标题 --kind 办公室会议 --host PERSON --start "2026-12-01 09:00" --end "2026-12-01 10:30"
/// --place 地点 --attendees unit:wjw,role:联络员,person:x [--weekly TUE | --monthly 15]</c>: creates a meeting and
/// queues its invitations (the running host sends them).
/// </summary>
internal sealed class MeetingCreateVerb : ICliVerb
{
    private static readonly string[] Known = ["title", "kind", "host", "start", "end", "place", "link", "agenda", "attendees", "weekly", "monthly", "by", "allow-duplicate"];

    public string Name => "meeting-create";

    public string Usage =>
        "meeting-create --title 会议名称 --kind 领导小组会议|办公室会议|专题会议|周例会 --host 主持人编号 --start \"2026-12-01 09:00\" --end \"2026-12-01 10:30\" " +
        "(--place 地点 | --link 链接) --attendees unit:wjw,role:联络员,person:人员编号 [--agenda 议题] [--weekly TUE | --monthly 15] [--by 登记人] [--allow-duplicate yes]";

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var (positional, options) = CliVerbs.Parse(args);
        var unknown = options.Keys.Where(k => !k.Contains(':', StringComparison.Ordinal) && !Known.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        if (positional.Count > 0 || unknown.Count > 0)
        {
            await error.WriteLineAsync((unknown.Count > 0 ? $"未知的选项：{string.Join("、", unknown.Select(k => "--" + k))}。" : $"多余的参数：{string.Join(" ", positional)}。") + $"usage: {Usage}");
            return CliVerbs.Usage;
        }

        if (options.ContainsKey("weekly") && options.ContainsKey("monthly"))
        {
            await error.WriteLineAsync($"--weekly 与 --monthly 只能选一个。usage: {Usage}");
            return CliVerbs.Usage;
        }

        var recurrence = options.GetValueOrDefault("weekly") is { } weekly ? $"weekly:{weekly}"
            : options.GetValueOrDefault("monthly") is { } monthly ? $"monthly:{monthly}"
            : null;
        var draft = new MeetingDraft(
            options.GetValueOrDefault("kind"), options.GetValueOrDefault("title"), options.GetValueOrDefault("host"), options.GetValueOrDefault("start"),
            options.GetValueOrDefault("end"), options.GetValueOrDefault("place"), options.GetValueOrDefault("link"), options.GetValueOrDefault("agenda"),
            options.GetValueOrDefault("attendees") is { } attendees ? [attendees] : null, recurrence,
            options.GetValueOrDefault("allow-duplicate") is { } allow && allow is not ("no" or "false" or "0"));

        MeetingCreated created;
        try
        {
            created = await services.GetRequiredService<MeetingService>().CreateAsync(Actor.System(options.GetValueOrDefault("by") ?? $"cli:{Environment.UserName}", "cli"), draft);
        }
        catch (MeetingValidationException ex)
        {
            foreach (var (field, message) in ex.Errors)
            {
                await error.WriteLineAsync($"--{field.Replace("recurrence", "weekly/--monthly", StringComparison.Ordinal)}: {message}");
            }

            return 1;
        }

        var office = services.GetRequiredService<OfficeProfile>();
        var m = created.Meeting;
        await output.WriteLineAsync($"已创建会议 #{m.Id}：{m.Title}，{MeetingText.Span(m.StartsAt, m.EndsAt, office)}，{m.Place ?? m.Link}。" +
            (created.Series is { } series ? $"（{series.Rule.Describe()}召开，系列编号 {series.Id}）" : ""));
        await output.WriteLineAsync($"已将 {created.Invited} 份会议通知排入发送队列（由运行中的机器人发出）。");
        foreach (var warning in created.Warnings)
        {
            await output.WriteLineAsync($"注意：{warning}");
        }

        return 0;
    }
}

/// <summary><c>meeting-roster ID</c>: prints a meeting's roster (参会名单).</summary>
internal sealed class MeetingRosterVerb : ICliVerb
{
    public string Name => "meeting-roster";

    public string Usage => "meeting-roster 会议编号";

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var (positional, _) = CliVerbs.Parse(args);
        if (positional.Count != 1 || !long.TryParse(positional[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            await error.WriteLineAsync($"usage: {Usage}");
            return CliVerbs.Usage;
        }

        try
        {
            var roster = await services.GetRequiredService<MeetingService>().RosterAsync(Actor.System($"cli:{Environment.UserName}", "cli"), id);
            await output.WriteLineAsync(MeetingText.RosterMessage(roster, services.GetRequiredService<OfficeProfile>()).Text);
            return 0;
        }
        catch (MeetingValidationException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
    }
}
