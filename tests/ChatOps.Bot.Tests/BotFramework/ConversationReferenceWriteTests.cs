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

    [Fact]
    public async Task ReplyToAUserJustHeardFrom_GoesToTheRememberedConversation_WithoutReadingTheReferences()
    {
        await using var bf = await BotFrameworkHarness.StartAsync();
        await bf.SayAsync("帮助", "可用的功能");

        // With the stored rows gone, only what the writer remembers can address the reply (a look-up would find no
        // conversation, and the reply would wait for one).
        await bf.ScalarAsync<long>($"DELETE FROM conversation_references WHERE {UserRow} RETURNING id");
        var reply = await bf.SayAsync("状态", "省发展改革委");

        Assert.Equal(BotFrameworkHarness.FgwConversation, reply.ConversationId);
    }

    [Fact]
    public async Task TrustedPersonal_OnlyAUsersOneToOneConversation_CheckedWithinTheTrust_AndNotForgotten()
    {
        await using var bf = await BotFrameworkHarness.StartAsync();
        var writer = bf.Host.Services.GetRequiredService<ConversationReferenceWriter>();
        var now = DateTimeOffset.UtcNow;
        var personal = Reference("a:someone-personal", isGroup: false);

        Assert.Null(writer.TrustedPersonal("29:someone", now));
        await writer.SaveAsync(personal, "29:someone", now, TestContext.Current.CancellationToken);
        Assert.Equal("a:someone-personal", writer.TrustedPersonal("29:someone", now)?.Conversation.Id);
        Assert.Null(writer.TrustedPersonal("29:someone", now + ConversationReferenceWriter.Trust));
        Assert.Null(writer.TrustedPersonal("29:another", now));

        writer.ForgetUser("29:someone");
        Assert.Null(writer.TrustedPersonal("29:someone", now));

        await writer.SaveAsync(personal, "29:someone", now, TestContext.Current.CancellationToken);
        writer.ForgetConversation("a:someone-personal");
        Assert.Null(writer.TrustedPersonal("29:someone", now));

        // Heard from last in a group: the sender looks up the 1:1 conversation (or starts one).
        await writer.SaveAsync(Reference("19:group", isGroup: true), "29:someone", now, TestContext.Current.CancellationToken);
        Assert.Null(writer.TrustedPersonal("29:someone", now));
    }

    [Fact]
    public async Task AnotherActivityOfARememberedReference_IsNeitherReadNorWritten_AChangedOrStaleOneIsRead()
    {
        await using var bf = await BotFrameworkHarness.StartAsync();
        var writer = new ConversationReferenceWriter(bf.Host.Services.GetRequiredService<IConversationReferenceStore>());
        var ct = TestContext.Current.CancellationToken;
        var now = DateTimeOffset.UtcNow;
        await writer.SaveAsync(Reference("a:someone-personal", isGroup: false) with { ActivityId = "1" }, "29:someone", now, ct);
        await writer.SaveAsync(Reference("19:group", isGroup: true) with { ActivityId = "1" }, "", now, ct);
        Assert.Equal((2L, 2L), (writer.Lookups, writer.Writes));

        // Equal values in new objects, another activity id; the group row does not keep the user, so another member's
        // message is the same reference for it.
        var later = now.AddSeconds(30);
        await writer.SaveAsync(Reference("a:someone-personal", isGroup: false) with { ActivityId = "2" }, "29:someone", later, ct);
        await writer.SaveAsync(
            Reference("19:group", isGroup: true) with { ActivityId = "2", User = new ChatOps.Channels.BotFramework.ChannelAccount { Id = "29:other" } }, "", later, ct);
        Assert.Equal((2L, 2L), (writer.Lookups, writer.Writes));

        // Changed: read and written. Remembered longer than the trust, or forgotten: read, found the same, not written.
        await writer.SaveAsync(Reference("a:someone-personal", isGroup: false) with { Locale = "en-US" }, "29:someone", later, ct);
        Assert.Equal((3L, 3L), (writer.Lookups, writer.Writes));
        await writer.SaveAsync(Reference("19:group", isGroup: true), "", now + ConversationReferenceWriter.Trust, ct);
        writer.ForgetConversation("a:someone-personal");
        await writer.SaveAsync(Reference("a:someone-personal", isGroup: false) with { Locale = "en-US" }, "29:someone", later, ct);
        Assert.Equal((5L, 3L), (writer.Lookups, writer.Writes));
    }

    [Theory]
    [InlineData("tenant_id = NULL")] // a column the row lacks, as one written before the column existed
    [InlineData("reference = '{'")] // JSON that no longer reads
    public async Task FreshWriter_AStoredRowDifferentInAColumnOrUnreadable_IsWrittenAgain(string damage)
    {
        await using var bf = await BotFrameworkHarness.StartAsync();
        var store = bf.Host.Services.GetRequiredService<IConversationReferenceStore>();
        var ct = TestContext.Current.CancellationToken;
        await new ConversationReferenceWriter(store).SaveAsync(Reference("a:someone-personal", isGroup: false), "29:someone", DateTimeOffset.UtcNow, ct);
        await bf.ScalarAsync<long>($"UPDATE conversation_references SET {damage} WHERE user_id = '29:someone' RETURNING id");

        var fresh = new ConversationReferenceWriter(store);
        await fresh.SaveAsync(Reference("a:someone-personal", isGroup: false) with { ActivityId = "2" }, "29:someone", DateTimeOffset.UtcNow, ct);

        Assert.Equal((1L, 1L), (fresh.Lookups, fresh.Writes));
        Assert.Equal("tenant", await bf.ScalarAsync<string>("SELECT tenant_id FROM conversation_references WHERE user_id = '29:someone'"));
        Assert.Contains("a:someone-personal", await bf.ScalarAsync<string>("SELECT reference FROM conversation_references WHERE user_id = '29:someone'"), StringComparison.Ordinal);
    }

    private static ChatOps.Channels.BotFramework.ConversationReference Reference(string conversation, bool isGroup) => new(
        "https://smba.example/cn/",
        "msteams",
        new ChatOps.Channels.BotFramework.ConversationAccount { Id = conversation, IsGroup = isGroup },
        new ChatOps.Channels.BotFramework.ChannelAccount { Id = "29:someone" },
        new ChatOps.Channels.BotFramework.ChannelAccount { Id = "28:bot" },
        "tenant");
}
