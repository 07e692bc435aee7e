using System.Net;
using ChatOps.Channels.BotFramework.Hosting;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.BotFramework;

/// <summary>
/// The conversation reference is written only when it changed (<see cref="ConversationReferenceWriter"/>): a user
/// writing again in the same conversation costs no write; a different conversation, or the old one after it, is
/// written (the latest conversation is the one proactive messages use); a fresh instance checks the database first.
/// </summary>
public sealed class ConversationReferenceWriteTests
{
    private const string UserRow = $"user_id = '{BotFrameworkHarness.FgwUser}'";

    [Fact]
    public async Task SameReferenceAgain_IsNotWritten_AChangedOneIs()
    {
        await using var bf = await BotFrameworkHarness.StartAsync();
        var writer = bf.Host.Services.GetRequiredService<ConversationReferenceWriter>();
        await bf.SayAsync("帮助", "可用的功能");
        var written = await bf.ScalarAsync<string>($"SELECT updated_at FROM conversation_references WHERE {UserRow}");

        await bf.SayAsync("状态", "省发展改革委");
        await bf.SayAsync("帮助", "可用的功能");

        Assert.Equal(1, writer.Writes);
        Assert.Equal(written, await bf.ScalarAsync<string>($"SELECT updated_at FROM conversation_references WHERE {UserRow}"));

        // Another conversation of the same user is written, and so is the first one when the user comes back to it.
        Assert.Equal(HttpStatusCode.OK, (await bf.PostAsync(Activities.Message(bf.ServiceUrl, "帮助", conversation: "a:fgw-other"))).StatusCode);
        Assert.Equal(2, writer.Writes);
        await bf.SayAsync("帮助", "可用的功能");
        Assert.Equal(3, writer.Writes);
        Assert.Equal(
            BotFrameworkHarness.FgwConversation,
            await bf.ScalarAsync<string>($"SELECT conversation_id FROM conversation_references WHERE {UserRow} ORDER BY updated_at DESC LIMIT 1"));
    }

    [Fact]
    public async Task FreshWriter_ChecksTheDatabase_AndDoesNotRewriteWhatIsStored()
    {
        await using var bf = await BotFrameworkHarness.StartAsync();
        await bf.SayAsync("帮助", "可用的功能");
        var stored = (await bf.Host.Services.GetRequiredService<IConversationReferenceStore>()
            .ListForUserAsync(ChannelNames.BotFramework, BotFrameworkHarness.FgwUser, TestContext.Current.CancellationToken)).Single();
        var reference = System.Text.Json.JsonSerializer.Deserialize<ChatOps.Channels.BotFramework.ConversationReference>(
            stored.Json, ChatOps.Channels.BotFramework.BotFrameworkJson.Options)!;
        var fresh = new ConversationReferenceWriter(bf.Host.Services.GetRequiredService<IConversationReferenceStore>());

        await fresh.SaveAsync(reference with { ActivityId = "another-activity" }, BotFrameworkHarness.FgwUser, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        Assert.Equal(0, fresh.Writes);

        await fresh.SaveAsync(reference with { Locale = "en-US" }, BotFrameworkHarness.FgwUser, DateTimeOffset.UtcNow.AddMinutes(2), TestContext.Current.CancellationToken);
        Assert.Equal(1, fresh.Writes);
        Assert.Contains("en-US", await bf.ScalarAsync<string>($"SELECT reference FROM conversation_references WHERE {UserRow}"), StringComparison.Ordinal);
    }
}
