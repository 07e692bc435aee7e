namespace ChatOps.Core.Organization;

/// <summary>The kind of a member unit (成员单位). Decides which section of the bulletin its items go to.</summary>
public enum UnitKind
{
    /// <summary>省直部门: provincial department.</summary>
    ProvincialDepartment,

    /// <summary>州市: prefecture-level city or autonomous prefecture.</summary>
    Prefecture,

    /// <summary>县区: county or district.</summary>
    County,

    /// <summary>专项行动组: special-action group.</summary>
    SpecialActionGroup,
}

/// <summary>Roles a person can hold; a person may hold several (an office clerk may also host meetings).</summary>
[Flags]
public enum Roles
{
    /// <summary>No role.</summary>
    None = 0,

    /// <summary>联络员: the unit's liaison, who answers report prompts.</summary>
    Liaison = 1,

    /// <summary>分管领导: the unit's reviewing leader (上报审核).</summary>
    ReviewingLeader = 2,

    /// <summary>办公室: office staff, who broadcast circulars and read the bulletin.</summary>
    OfficeStaff = 4,

    /// <summary>主持人: a meeting host, who approves leave requests.</summary>
    MeetingHost = 8,

    /// <summary>组长: group leader (领导小组组长), who signs off the most important documents.</summary>
    GroupLeader = 16,

    /// <summary>督战组: a member of a county's supervising group (seed 002), who verifies and closes (销号) its problems.</summary>
    Supervisor = 32,
}

/// <summary>A channel a person can be reached on. "local" is the built-in web chat.</summary>
public static class ChannelNames
{
    /// <summary>WeCom (企业微信 / 政务微信) userid.</summary>
    public const string WeCom = "wecom";

    /// <summary>Bot Framework user id (Teams, Web Chat, Direct Line).</summary>
    public const string BotFramework = "botframework";

    /// <summary>The local web chat (development and trials).</summary>
    public const string Local = "local";

    /// <summary>All channels we know.</summary>
    public static readonly IReadOnlyList<string> All = [WeCom, BotFramework, Local];
}

/// <summary>A member unit (成员单位).</summary>
/// <param name="Code">Stable identifier used in files and the database (ASCII).</param>
/// <param name="Name">The unit's Chinese name as it appears in the bulletin.</param>
/// <param name="Kind">省直部门, 州市, 县区 or 专项行动组.</param>
/// <param name="ParentCode">The parent unit (a county's prefecture), if any.</param>
/// <param name="RequiresReview">Whether reports go through the reviewing leader first (上报审核).</param>
/// <param name="SortOrder">Order in lists and the bulletin (the order of seed 000 第四条).</param>
public sealed record Unit(string Code, string Name, UnitKind Kind, string? ParentCode, bool RequiresReview, int SortOrder);

/// <summary>A way to reach a person on one channel.</summary>
public sealed record ChannelIdentity(string Channel, string ExternalId);

/// <summary>A person in the directory.</summary>
/// <param name="Id">Stable identifier (defaults to the WeCom userid in offices that use WeCom).</param>
public sealed record Person(
    string Id,
    string Name,
    string? UnitCode,
    Roles Roles,
    string? Title,
    string? Phone,
    IReadOnlyList<ChannelIdentity> Identities)
{
    /// <summary>The person's identity on a channel, if any.</summary>
    public string? IdentityOn(string channel) =>
        Identities.FirstOrDefault(i => i.Channel == channel)?.ExternalId;

    /// <summary>Value equality including the identity list (records compare lists by reference).</summary>
    public bool SameAs(Person other) =>
        Id == other.Id && Name == other.Name && UnitCode == other.UnitCode && Roles == other.Roles &&
        Title == other.Title && Phone == other.Phone &&
        Identities.OrderBy(i => i.Channel, StringComparer.Ordinal).SequenceEqual(
            other.Identities.OrderBy(i => i.Channel, StringComparer.Ordinal));
}

/// <summary>
/// A group chat registered in the directory, used for circulars: reached on a channel, as one of the channel's kinds
/// (<see cref="GroupKind"/>), at an address only that channel understands (a chatid, a webhook URL, a conversation id).
/// </summary>
public sealed record GroupChat(string Code, string Name, GroupKind Kind, string Address, IReadOnlyList<string> MemberIds)
{
    /// <summary>The channel that sends to this group.</summary>
    public string Channel => Kind.Channel;

    /// <summary>Value equality including the member list.</summary>
    public bool SameAs(GroupChat other) =>
        Code == other.Code && Name == other.Name && Kind == other.Kind && Address == other.Address &&
        MemberIds.Order(StringComparer.Ordinal).SequenceEqual(other.MemberIds.Order(StringComparer.Ordinal));
}

/// <summary>
/// The whole directory at one moment: what a file holds and what the database holds.
/// Liaisons are people with <see cref="Roles.Liaison"/>; every unit has exactly one (seed 000 第八条).
/// </summary>
public sealed record DirectorySnapshot(IReadOnlyList<Unit> Units, IReadOnlyList<Person> People, IReadOnlyList<GroupChat> Groups)
{
    /// <summary>An empty directory.</summary>
    public static readonly DirectorySnapshot Empty = new([], [], []);

    /// <summary>The current liaison of each unit, by unit code.</summary>
    public IReadOnlyDictionary<string, string> LiaisonsByUnit() =>
        People.Where(p => p.Roles.HasFlag(Roles.Liaison) && p.UnitCode is not null)
            .GroupBy(p => p.UnitCode!)
            .ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
}

/// <summary>A filed change of a unit's liaison (联络员调整备案): kept forever, listed on request.</summary>
public sealed record LiaisonChange(
    long Id,
    string UnitCode,
    string? OldPersonId,
    string NewPersonId,
    string FiledBy,
    DateTimeOffset FiledAt,
    string Reason);
