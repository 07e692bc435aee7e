using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOps.Core.Organization;

/// <summary>
/// How a group chat is reached: a kind of group one channel offers (WeCom: app chat, group robot; Bot Framework: a
/// conversation). Core names no kind: each channel project declares its kinds with the spellings directory files use
/// and registers them (<see cref="GroupKindRegistration.AddGroupKinds"/>). Two kinds are the same when their channel
/// and name are; the other members only say how the kind is written.
/// </summary>
/// <param name="Channel">The channel that sends to such a group (<see cref="ChannelNames"/>).</param>
/// <param name="Name">The kind within the channel ("appchat", "robot", "conversation").</param>
/// <param name="FileName">How directory files write it (e.g. "wecom-appchat"); exports write this.</param>
/// <param name="Label">What the office reads (e.g. "企业微信群聊").</param>
/// <param name="StoredName">The name in the groups table (kept from the time kinds were an enum, e.g. "WeComAppChat").</param>
public sealed record GroupKind(string Channel, string Name, string FileName, string Label, string StoredName)
{
    /// <summary>Other spellings directory files may use (Chinese, short forms).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>A stored kind no registered channel knows (its channel is never enabled, so nothing is sent to it).</summary>
    public static GroupKind Unregistered(string storedName) => new("", storedName, storedName, storedName, storedName);

    /// <summary>Same channel and name.</summary>
    public bool Equals(GroupKind? other) => other is not null && Channel == other.Channel && Name == other.Name;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Channel, Name);

    /// <inheritdoc/>
    public override string ToString() => FileName;
}

/// <summary>Every group kind the channels registered: reading the spellings of directory files and the stored names.</summary>
public sealed class GroupKinds(IEnumerable<GroupKind> kinds)
{
    private readonly IReadOnlyList<GroupKind> _all = kinds.Distinct().ToList();

    /// <summary>No kinds (reading a file that has no groups, e.g. CSV).</summary>
    public static readonly GroupKinds None = new([]);

    /// <summary>The registered kinds, in registration order.</summary>
    public IReadOnlyList<GroupKind> All => _all;

    /// <summary>Every file spelling, for error messages.</summary>
    public string Choices => string.Join(", ", _all.Select(k => k.FileName));

    /// <summary>Parses a kind as a directory file writes it: its file name or an alias, case-insensitive.</summary>
    public bool TryParse(string text, out GroupKind kind)
    {
        var t = (text ?? "").Trim();
        kind = _all.FirstOrDefault(k => Same(t, k.FileName) || k.Aliases.Any(a => Same(t, a)))!;
        return kind is not null;
    }

    /// <summary>The kind of a stored name; <see cref="GroupKind.Unregistered"/> when no channel registered it.</summary>
    public GroupKind FromStored(string storedName) =>
        _all.FirstOrDefault(k => k.StoredName == storedName) ?? GroupKind.Unregistered(storedName);

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

/// <summary>How a channel project registers its group kinds.</summary>
public static class GroupKindRegistration
{
    /// <summary>Registers <paramref name="kinds"/> (and, once, the <see cref="GroupKinds"/> that lists every channel's).</summary>
    public static IServiceCollection AddGroupKinds(this IServiceCollection services, params GroupKind[] kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        foreach (var kind in kinds)
        {
            services.AddSingleton(kind);
        }

        services.TryAddSingleton(sp => new GroupKinds(sp.GetServices<GroupKind>()));
        return services;
    }
}
