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
    public static string Title(SignOffBy rule) => CircularText.SignOffTitle(rule);

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
        return CircularText.NobodyToSign(kind, kind.RuleFor(major));
    }
}

