namespace ChatOps.Core.Conversations;

/// <summary>The channels this deployment can send on, in order of preference for messages the bot starts.</summary>
/// <param name="Channels">E.g. [wecom, botframework, local]; "local" is the built-in web chat.</param>
public sealed record EnabledChannels(IReadOnlyList<string> Channels)
{
    /// <summary>The order when the configuration names none: WeCom, then Bot Framework, then the local web chat.</summary>
    public static readonly IReadOnlyList<string> DefaultPreference = [ChannelNames.WeCom, ChannelNames.BotFramework, ChannelNames.Local];

    /// <summary>
    /// The <paramref name="available"/> channels in the configured order (<paramref name="preferred"/>, e.g. the
    /// <c>Channels:Preferred</c> list), then those it does not name in <see cref="DefaultPreference"/> order. A preferred
    /// channel that is not available is skipped (a deployment may list a channel it has not configured yet).
    /// </summary>
    public static EnabledChannels Ordered(IEnumerable<string> available, IReadOnlyList<string>? preferred = null)
    {
        var on = available.ToHashSet(StringComparer.Ordinal);
        var order = (preferred ?? []).Concat(DefaultPreference).Concat(on.Order(StringComparer.Ordinal));
        return new EnabledChannels(order.Where(on.Contains).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The names in <paramref name="preferred"/> that are no channel this program knows (a typo in the configuration).</summary>
    public static IReadOnlyList<string> Unknown(IEnumerable<string> preferred) =>
        preferred.Where(p => !ChannelNames.All.Contains(p, StringComparer.Ordinal)).ToList();
}

/// <summary>
/// Decides where a message to a person goes: a reply goes back on the channel the person wrote on; a message the bot
/// starts (a prompt) goes to the first channel, in the configured preference order (<see cref="EnabledChannels"/>,
/// <c>Channels:Preferred</c>), that the person can be reached on.
/// </summary>
public sealed class RecipientRouter(EnabledChannels enabled)
{
    /// <summary>An outbox item for <paramref name="person"/>, or null when the person cannot be reached on any enabled channel.</summary>
    public OutboxItem? To(Person person, OutboundMessage message, DateTimeOffset now, string? dedupeKey = null, string? replyChannel = null, string? replyContext = null)
    {
        var route = Route(person, replyChannel);
        return route is null
            ? null
            : new OutboxItem(0, route.Value.Channel, route.Value.Address, person.Id, null, message, dedupeKey, now, ReplyContext: replyContext);
    }

    /// <summary>The channel and address for a person.</summary>
    public (string Channel, string Address)? Route(Person person, string? replyChannel = null)
    {
        if (replyChannel is not null && Address(person, replyChannel) is { } replyAddress)
        {
            return (replyChannel, replyAddress);
        }

        foreach (var channel in enabled.Channels)
        {
            if (Address(person, channel) is { } address)
            {
                return (channel, address);
            }
        }

        return null;
    }

    private string? Address(Person person, string channel) =>
        !enabled.Channels.Contains(channel) ? null
        : channel == Organization.ChannelNames.Local ? person.Id
        : person.IdentityOn(channel);
}
