using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.Engine;

/// <summary>
/// Which channel a message the bot starts goes to is configuration (<c>Channels:Preferred</c>), not the engine's
/// choice. In Development the host has the Bot Framework channel (anonymous) and the local web chat.
/// </summary>
public sealed class ChannelPreferenceTests
{
    /// <summary>A liaison reachable on Bot Framework and (as everyone) on the local web chat.</summary>
    private static readonly Person Liaison = new("fgw.lly", "宋蓉", "fgw", Roles.Liaison, null, null,
        [new ChannelIdentity(ChannelNames.BotFramework, "29:fgw")]);

    [Fact]
    public async Task NoSetting_DefaultOrder_APromptGoesToBotFrameworkBeforeTheLocalChat()
    {
        await using var host = new BotHost();

        Assert.Equal([ChannelNames.BotFramework, ChannelNames.Local], host.Services.GetRequiredService<EnabledChannels>().Channels);
        Assert.Equal((ChannelNames.BotFramework, "29:fgw"), host.Services.GetRequiredService<RecipientRouter>().Route(Liaison));
    }

    [Fact]
    public async Task LocalPreferred_APromptGoesToTheLocalChat_AReplyStillGoesWhereThePersonWrote()
    {
        await using var host = new BotHost(new Dictionary<string, string?> { ["Channels:Preferred:0"] = ChannelNames.Local });
        var router = host.Services.GetRequiredService<RecipientRouter>();

        Assert.Equal([ChannelNames.Local, ChannelNames.BotFramework], host.Services.GetRequiredService<EnabledChannels>().Channels);
        Assert.Equal((ChannelNames.Local, "fgw.lly"), router.Route(Liaison));
        Assert.Equal((ChannelNames.BotFramework, "29:fgw"), router.Route(Liaison, replyChannel: ChannelNames.BotFramework));
    }

    [Fact]
    public async Task APreferredChannelThatIsNotConfigured_IsSkipped()
    {
        await using var host = new BotHost(new Dictionary<string, string?>
        {
            ["Channels:Preferred:0"] = ChannelNames.WeCom, // no WeCom app configured
            ["Channels:Preferred:1"] = ChannelNames.Local,
        });

        Assert.Equal([ChannelNames.Local, ChannelNames.BotFramework], host.Services.GetRequiredService<EnabledChannels>().Channels);
    }

    [Fact]
    public void Ordered_BothOrders_AndChannelsTheListLeavesOut()
    {
        string[] all = [ChannelNames.Local, ChannelNames.BotFramework, ChannelNames.WeCom];

        Assert.Equal([ChannelNames.WeCom, ChannelNames.BotFramework, ChannelNames.Local], EnabledChannels.Ordered(all).Channels);
        Assert.Equal([ChannelNames.BotFramework, ChannelNames.WeCom, ChannelNames.Local], EnabledChannels.Ordered(all, [ChannelNames.BotFramework]).Channels);
        Assert.Equal(["wechat"], EnabledChannels.Unknown([ChannelNames.WeCom, "wechat"]));
    }
}
