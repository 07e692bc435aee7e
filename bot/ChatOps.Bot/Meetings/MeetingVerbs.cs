using ChatOps.Bot.Cli;
using ChatOps.Core.Meetings;
using ChatOps.Core.Reports;

namespace ChatOps.Bot.Meetings;

/// <summary>
/// <c>meeting-create --title 标题 --kind 办公室会议 --host PERSON --start "2026-12-01 09:00" --end "2026-12-01 10:30"
/// --place 地点 --attendees unit:wjw,role:联络员,person:x [--weekly TUE | --monthly 15]</c>: creates a meeting and
/// queues its invitations (the running host sends them).
/// </summary>
internal sealed class MeetingCreateVerb() : CliVerb("meeting-create", MeetingText.CliCreateUsage,
    options: ["title", "kind", "host", "start", "end", "place", "link", "agenda", "attendees", "weekly", "monthly", "by", "allow-duplicate"])
{
    protected override async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error)
    {
        if (args.Option("weekly") is not null && args.Option("monthly") is not null)
        {
            await error.WriteLineAsync($"{MeetingText.CliWeeklyOrMonthly}usage: {Usage}");
            return CliVerbs.Usage;
        }

        var recurrence = args.Option("weekly") is { } w ? $"weekly:{w}" : args.Option("monthly") is { } m ? $"monthly:{m}" : null;
        var draft = new MeetingDraft(
            args.Option("kind"), args.Option("title"), args.Option("host"), args.Option("start"), args.Option("end"), args.Option("place"), args.Option("link"),
            args.Option("agenda"), args.Option("attendees") is { } attendees ? [attendees] : null, recurrence,
            args.Option("allow-duplicate") is { } allow && allow is not ("no" or "false" or "0"));
        var result = await services.GetRequiredService<MeetingService>().CreateAsync(args.Actor, draft);
        if (result.Value is not { } created)
        {
            foreach (var (field, message) in result.Refusal!.Errors)
            {
                await error.WriteLineAsync($"--{field.Replace("recurrence", "weekly/--monthly", StringComparison.Ordinal)}: {message}");
            }

            return 1;
        }

        foreach (var line in MeetingText.CliCreated(created, services.GetRequiredService<OfficeProfile>()))
        {
            await output.WriteLineAsync(line);
        }

        return 0;
    }
}

/// <summary><c>meeting-roster ID</c>: prints a meeting's roster (参会名单).</summary>
internal sealed class MeetingRosterVerb() : CliVerb("meeting-roster", MeetingText.CliRosterUsage, words: 1)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter output, TextWriter error)
    {
        if (!long.TryParse(args.Words[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return await UsageAsync(error);
        }

        var roster = await services.GetRequiredService<MeetingService>().RosterAsync(args.Actor, id);
        if (roster.Value is not { } r)
        {
            await error.WriteLineAsync(roster.Refusal!.Message);
            return 1;
        }

        await output.WriteLineAsync(MeetingText.RosterMessage(r, services.GetRequiredService<OfficeProfile>()).Text);
        return 0;
    }
}
