using ChatOps.Bot.Cli;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.BotFramework;

/// <summary>
/// Messages to a Teams person the bot has not talked to yet: the 1:1 conversation is created when the tenant's service
/// URL is configured; otherwise the message waits (not Failed), the office can list who cannot be reached, and it is
/// delivered as soon as the person writes to the bot.
/// </summary>
public sealed class BotFrameworkFirstContactTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NoConversationKnown_NoServiceUrl_MessageWaits_ListedAsUnreachable_DeliveredWhenThePersonWrites()
    {
        await using var bf = await BotFrameworkHarness.StartAsync();
        await EnqueueNoticeAsync(bf);

        await BotFrameworkHarness.EventuallyAsync(
            async () => await bf.CountAsync("outbox", "dedupe_key = 'first-contact' AND status = 'Waiting'") == 1, "the message to wait");
        Assert.Equal(0, await bf.CountAsync("outbox", "status = 'Failed'"));
        var unreachable = Assert.Single(await ActivatorUtilities.CreateInstance<UnreachableRecipients>(bf.Host.Services).ListAsync(Ct));
        Assert.Equal(("fgw.lly", BotFrameworkHarness.FgwUser, 1), (unreachable.PersonId, unreachable.Address, unreachable.Waiting));
        using var output = new StringWriter();
        Assert.Equal(0, await new UnreachableVerb().RunAsync(bf.Host.Services, [], output, TextWriter.Null));
        Assert.Contains($"（botframework: {BotFrameworkHarness.FgwUser}）：1 条消息等待送达", output.ToString(), StringComparison.Ordinal);

        // The person writes to the bot: the reference arrives and the waiting message goes out in that conversation.
        await bf.SayAsync("帮助", "可用的功能");
        await bf.Connector.WaitForMessageAsync(BotFrameworkHarness.FgwConversation, "请于本周四17:00前报送本单位周报");
        await BotFrameworkHarness.EventuallyAsync(
            async () => await bf.CountAsync("outbox", "dedupe_key = 'first-contact' AND status = 'Sent'") == 1, "the waiting message to be sent");
        Assert.Empty(await ActivatorUtilities.CreateInstance<UnreachableRecipients>(bf.Host.Services).ListAsync(Ct));
    }

    [Fact]
    public async Task NoConversationKnown_TenantServiceUrlConfigured_TheConversationIsCreated()
    {
        var connector = await FakeBotConnector.StartAsync();
        await using var bf = await BotFrameworkHarness.StartAsync(
            new Dictionary<string, string?>
            {
                ["BotFramework:TenantId"] = Activities.TenantId,
                [$"BotFramework:ServiceUrls:{Activities.TenantId}"] = connector.ServiceUrl,
            },
            connector: connector);
        try
        {
            await EnqueueNoticeAsync(bf);

            var create = await connector.WaitForAsync(c => c.Kind == "create");
            Assert.Equal(BotFrameworkHarness.FgwUser, create.Body["members"]![0]!["id"]!.GetValue<string>());
            Assert.Equal(Activities.TenantId, create.Body["tenantId"]!.GetValue<string>());
            var sent = await connector.WaitForAsync(c => c.Kind == "send" && c.Text.Contains("请于本周四17:00前报送本单位周报", StringComparison.Ordinal));
            Assert.Equal(create.AssignedId, sent.ConversationId);
            await BotFrameworkHarness.EventuallyAsync(
                async () => await bf.CountAsync("outbox", "dedupe_key = 'first-contact' AND status = 'Sent'") == 1, "the message to be sent");
        }
        finally
        {
            await bf.StopHostAsync();
            await connector.DisposeAsync();
        }
    }

    private static async Task EnqueueNoticeAsync(BotFrameworkHarness bf)
    {
        var services = bf.Host.Services;
        var person = await services.GetRequiredService<IDirectoryRepository>().FindPersonAsync("fgw.lly", Ct);
        var notice = services.GetRequiredService<RecipientRouter>().To(
            person!, OutboundMessage.Plain("请于本周四17:00前报送本单位周报。"), DateTimeOffset.UtcNow, "first-contact");
        await using (var work = await services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(Ct))
        {
            await work.Outbox.EnqueueAsync(notice!, Ct);
            await work.CommitAsync(Ct);
        }

        services.GetRequiredService<IWorkSignal>().OutboxChanged();
    }
}
