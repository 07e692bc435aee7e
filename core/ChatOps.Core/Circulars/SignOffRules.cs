using ChatOps.Core.Organization;

namespace ChatOps.Core.Circulars;

/// <summary>
/// Who may sign off (签发) a document (seed 000 第十四条: 组长 signs the leading group's documents, the office head the
/// office's documents and the bulletin, the convener the minutes; 第二十条: the office head approves circulars and the
/// group leader major ones). The office head is <see cref="CircularOptions.OfficeHead"/> when configured, otherwise
/// whoever holds both the office and the meeting-host roles (the 牵头的办公室主任 hosts the weekly office meeting).
/// </summary>
public sealed class SignOffRules(CircularOptions options)
{
    /// <summary>The rule's title as the office says it.</summary>
    public static string Title(SignOffBy rule) => rule switch
    {
        SignOffBy.OfficeHead => "办公室主任",
        SignOffBy.GroupLeader => "领导小组组长",
        SignOffBy.MeetingHost => "会议召集人",
        _ => "无需签发",
    };

    /// <summary>
    /// The people who may sign off a document of <paramref name="kind"/>: empty when none is needed (see
    /// <see cref="CircularKind.RuleFor"/>) or when the directory has nobody in that position.
    /// </summary>
    public IReadOnlyList<Person> Candidates(CircularKind kind, bool major, DirectorySnapshot directory)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(directory);
        var rule = kind.RuleFor(major);
        if (rule == SignOffBy.None)
        {
            return [];
        }

        if (kind.Signer is { Length: > 0 } fixedSigner && rule == kind.SignOff)
        {
            return [.. directory.People.Where(p => p.Id == fixedSigner)];
        }

        return rule switch
        {
            SignOffBy.OfficeHead when !string.IsNullOrWhiteSpace(options.OfficeHead) =>
                [.. directory.People.Where(p => p.Id == options.OfficeHead)],
            SignOffBy.OfficeHead =>
                [.. directory.People.Where(p => p.Roles.HasFlag(Roles.OfficeStaff) && p.Roles.HasFlag(Roles.MeetingHost))],
            SignOffBy.GroupLeader => [.. directory.People.Where(p => p.Roles.HasFlag(Roles.GroupLeader))],
            SignOffBy.MeetingHost => [.. directory.People.Where(p => p.Roles.HasFlag(Roles.MeetingHost))],
            _ => [],
        };
    }

    /// <summary>Why nobody can sign off, in Chinese, for the office.</summary>
    public static string NobodyToSign(CircularKind kind, bool major)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var rule = kind.RuleFor(major);
        var how = rule switch
        {
            SignOffBy.OfficeHead => "请在名录中为办公室主任同时设置“办公室”和“主持人”角色，或配置 Circulars:OfficeHead",
            SignOffBy.GroupLeader => "请在名录中设置“组长”角色",
            _ => "请在名录中设置“主持人”角色",
        };
        return $"{kind.Name}须由{Title(rule)}签发，但名录中没有{Title(rule)}。{how}。";
    }
}
