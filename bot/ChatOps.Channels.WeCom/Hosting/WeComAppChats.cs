using ChatOps.Channels.WeCom.Api;
using ChatOps.Core.Organization;

namespace ChatOps.Channels.WeCom.Hosting;

/// <summary>
/// Creates the WeCom app chats registered in the directory (kind <see cref="WeComGroupKinds.AppChat"/>; the chatid is
/// the group's address) with appchat/create, so that circulars can later be sent into them through the outbox
/// (<see cref="WeComChannelSender"/>, appchat/send). Group robots need no creation: their webhook URL is their address.
/// </summary>
public sealed class WeComAppChats(WeComApps apps, IDirectoryRepository directory, ILogger<WeComAppChats> logger)
{
    /// <summary>
    /// Creates the app chat of the directory group <paramref name="groupCode"/> with its members' WeCom accounts, under
    /// the chatid the directory names (when it is one WeCom accepts: up to 32 letters and digits). Returns the chatid.
    /// </summary>
    public async Task<string> CreateAsync(string groupCode, string? ownerPersonId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupCode);
        var snapshot = await directory.LoadAsync(cancellationToken).ConfigureAwait(false);
        var group = snapshot.Groups.FirstOrDefault(g => g.Code == groupCode)
            ?? throw new ArgumentException($"The directory has no group '{groupCode}'.", nameof(groupCode));
        if (group.Kind != WeComGroupKinds.AppChat)
        {
            throw new ArgumentException($"Group '{groupCode}' is not a WeCom app chat.", nameof(groupCode));
        }

        var people = snapshot.People.ToDictionary(p => p.Id, StringComparer.Ordinal);
        string? Account(string? personId) => personId is not null && people.TryGetValue(personId, out var p) ? p.IdentityOn(ChannelNames.WeCom) : null;
        var members = group.MemberIds.Select(Account).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var chatId = await apps.Sending.Client.AppChatCreateAsync(new WeComAppChatCreateRequest
        {
            Name = group.Name,
            Owner = Account(ownerPersonId),
            UserIds = members,
            ChatId = WeComApiClient.IsValidChatId(group.Address) ? group.Address : null,
        }, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Created WeCom app chat {ChatId} for group {Group} with {Count} members", chatId, group.Code, members.Count);
        return chatId;
    }
}
