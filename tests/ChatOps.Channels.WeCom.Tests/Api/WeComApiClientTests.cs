using ChatOps.Channels.WeCom.Api;
using ChatOps.Channels.WeCom.Tests.Fakes;
using ChatOps.Core.Conversations;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.Channels.WeCom.Tests.Api;

/// <summary>
/// The API client against the fake WeCom server over real loopback HTTP. Shapes follow WeCom's documents:
/// 发送应用消息 (path 90236), 更新模版卡片消息 (94888), 创建群聊会话 (90245), 应用推送消息 (appchat/send),
/// 群机器人 (webhook/send, 20 messages/min), 获取access_token (91039) and the global error codes.
/// </summary>
public class WeComApiClientTests
{
    private const string SendPath = "/cgi-bin/message/send";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // ---- tokens ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task SendMessage_ManySends_FetchesTheTokenOnce()
    {
        await using var h = await WeComHarness.StartAsync();

        for (var i = 0; i < 10; i++)
        {
            await h.Client.SendMessageAsync(WeComHarness.Text("zhangsan", $"第 {i} 条"), Ct);
        }

        Assert.Equal(1, h.GetTokenCalls);
        Assert.Equal(10, h.Server.Delivered.Count);
        var gettoken = Assert.Single(h.Server.RequestsTo("/cgi-bin/gettoken"));
        Assert.Equal(h.App.CorpId, gettoken.Query["corpid"]);
        Assert.Equal(h.App.Secret, gettoken.Query["corpsecret"]);
        Assert.All(h.Server.RequestsTo(SendPath), r => Assert.False(string.IsNullOrEmpty(r.Query["access_token"])));
    }

    [Fact]
    public async Task SendMessage_TokenNearExpiry_RefreshesBeforeWeComRejectsIt()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-03-01T08:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture));
        await using var h = await WeComHarness.StartAsync(time);

        await h.Client.SendMessageAsync(WeComHarness.Text("zhangsan", "一"), Ct);
        time.Advance(TimeSpan.FromSeconds(7200) - TimeSpan.FromMinutes(6)); // 6 min left: still fresh
        await h.Client.SendMessageAsync(WeComHarness.Text("zhangsan", "二"), Ct);
        Assert.Equal(1, h.GetTokenCalls);

        time.Advance(TimeSpan.FromMinutes(2)); // 4 min left: inside the 5 min refresh window
        await h.Client.SendMessageAsync(WeComHarness.Text("zhangsan", "三"), Ct);
        Assert.Equal(2, h.GetTokenCalls);

        time.Advance(TimeSpan.FromMinutes(5)); // past the original expiry: a new token, fetched before use
        await h.Client.SendMessageAsync(WeComHarness.Text("zhangsan", "四"), Ct);

        Assert.Equal(3, h.GetTokenCalls);
        Assert.Equal(2, h.Server.TokensIssued);
        Assert.Equal(4, h.SendCalls); // no send was rejected and retried
        Assert.Equal(4, h.Server.Delivered.Count);
    }

    [Fact]
    public async Task SendMessage_TokenRevokedMidFanOut_RefetchesOnceAndDeliversEveryMessageOnce()
    {
        await using var h = await WeComHarness.StartAsync();
        h.Server.RevokeTokensAfter(SendPath, successfulCalls: 20);
        var users = Enumerable.Range(0, 50).Select(i => $"user{i:00}").ToList();

        var results = await Task.WhenAll(users.Select(u => h.Client.SendMessageAsync(WeComHarness.Text(u, "请于周五前提交材料"), Ct)));

        Assert.Equal(2, h.GetTokenCalls);
        Assert.Equal(2, h.Server.TokensIssued);
        Assert.All(results, r => Assert.False(string.IsNullOrEmpty(r.MsgId)));
        var delivered = h.Server.Delivered;
        Assert.Equal(50, delivered.Count);
        Assert.Equal(users, delivered.Select(d => d.Recipient).Order(StringComparer.Ordinal));
        Assert.Empty(h.Server.Dropped);
        Assert.True(h.SendCalls > 50, "some sends must have been rejected with 42001 and retried");
    }

    [Fact]
    public async Task SendMessage_TokenRejectedTwice_RefreshesOnlyOnceThenFails()
    {
        await using var h = await WeComHarness.StartAsync();
        h.Server.FailNext(SendPath, 42001, times: 2);

        var ex = await Assert.ThrowsAsync<WeComApiException>(() => h.Client.SendMessageAsync(WeComHarness.Text("zhangsan", "x"), Ct));

        Assert.Equal(42001, ex.ErrCode);
        Assert.Equal(2, h.SendCalls);
        Assert.Equal(2, h.GetTokenCalls);
    }

    [Fact]
    public async Task GetToken_WrongSecretOrCorp_FailsWithWeComsErrcode()
    {
        await using var h = await WeComHarness.StartAsync();
        var badSecret = h.Server.CreateAppOptions();
        badSecret.Secret = "wrong";
        var badCorp = h.Server.CreateAppOptions();
        badCorp.CorpId = "wwunknown";

        var secretError = await Assert.ThrowsAsync<WeComApiException>(
            () => new WeComTokenProvider(h.Http, badSecret, new InMemoryAccessTokenCache()).GetTokenAsync(Ct).AsTask());
        var corpError = await Assert.ThrowsAsync<WeComApiException>(
            () => new WeComTokenProvider(h.Http, badCorp, new InMemoryAccessTokenCache()).GetTokenAsync(Ct).AsTask());

        Assert.Equal(40001, secretError.ErrCode);
        Assert.Equal(40013, corpError.ErrCode);
        Assert.False(secretError.IsTransient);
        Assert.DoesNotContain("wrong", secretError.Message, StringComparison.Ordinal);
    }

    // ---- -1, 5xx, timeouts, rate limits -----------------------------------------------------------------------------

    [Fact]
    public async Task SendMessage_SystemBusyEveryTime_RetriesThreeTimesWithGrowingBackoffThenFails()
    {
        await using var h = await WeComHarness.StartAsync();
        h.Server.FailNext(SendPath, -1, times: 10);

        var ex = await Assert.ThrowsAsync<WeComApiException>(() => h.Client.SendMessageAsync(WeComHarness.Text("zhangsan", "x"), Ct));

        Assert.Equal(-1, ex.ErrCode);
        Assert.True(ex.IsTransient);
        Assert.Equal(4, h.SendCalls);
        Assert.Empty(h.Server.Delivered);
        var delays = h.Delays;
        Assert.Equal(3, delays.Count);
        Assert.InRange(delays[0].TotalMilliseconds, 50, 100);   // base 100 ms, equal jitter
        Assert.InRange(delays[1].TotalMilliseconds, 100, 200);
        Assert.InRange(delays[2].TotalMilliseconds, 200, 400);
    }

    [Fact]
    public async Task SendMessage_SystemBusyTwice_SucceedsOnTheThirdAttempt()
    {
        await using var h = await WeComHarness.StartAsync();
        h.Server.FailNext(SendPath, -1, times: 2);

        var result = await h.Client.SendMessageAsync(WeComHarness.Text("zhangsan", "x"), Ct);

        Assert.NotNull(result.MsgId);
        Assert.Equal(3, h.SendCalls);
        Assert.Single(h.Server.Delivered);
        // -1 means WeCom did not take the message: retries do not switch the duplicate check on.
        Assert.All(h.Server.RequestsTo(SendPath), r => Assert.Null(r.Body!["enable_duplicate_check"]));
    }

    [Fact]
    public async Task SendMessage_Http502ThenOk_RetriesWithDuplicateCheck()
    {
        await using var h = await WeComHarness.StartAsync();
        h.Server.FailNextWithHttpStatus(SendPath, 502);

        await h.Client.SendMessageAsync(WeComHarness.Text("zhangsan", "x"), Ct);

        var requests = h.Server.RequestsTo(SendPath);
        Assert.Equal(2, requests.Count);
        Assert.Null(requests[0].Body!["enable_duplicate_check"]);
        Assert.Equal(1, requests[1].Body!["enable_duplicate_check"]!.GetValue<int>());
    }

    [Fact]
    public async Task SendMessage_Http5xxEveryTime_FailsAsTransientTransportError()
    {
        await using var h = await WeComHarness.StartAsync();
        h.Server.FailNextWithHttpStatus(SendPath, 503, times: 10);

        var ex = await Assert.ThrowsAsync<WeComTransportException>(() => h.Client.SendMessageAsync(WeComHarness.Text("zhangsan", "x"), Ct));

        Assert.Equal(503, ex.HttpStatus);
        Assert.True(ex.IsTransient);
        Assert.Equal(4, h.SendCalls);
    }

    [Fact]
    public async Task SendMessage_FirstAttemptTimesOut_RetriesOnceAndDeliversOnce()
    {
        await using var h = await WeComHarness.StartAsync(client: o => o.RequestTimeout = TimeSpan.FromMilliseconds(150));
        await h.Tokens.GetTokenAsync(Ct);
        h.Server.DelayNext(SendPath, TimeSpan.FromSeconds(3));

        await h.Client.SendMessageAsync(WeComHarness.Text("zhangsan", "x"), Ct);

        Assert.Equal(2, h.SendCalls);
        Assert.Single(h.Server.Delivered);
        Assert.Equal(1, h.Server.RequestsTo(SendPath)[1].Body!["enable_duplicate_check"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(45009, 60)]
    [InlineData(45033, 2)]
    [InlineData(45047, 60)]
    public async Task SendMessage_RateLimited_ThrowsAtOnceWithRetryAfter(int errCode, int retryAfterSeconds)
    {
        await using var h = await WeComHarness.StartAsync();
        h.Server.FailNext(SendPath, errCode);

        var ex = await Assert.ThrowsAsync<WeComRateLimitedException>(() => h.Client.SendMessageAsync(WeComHarness.Text("zhangsan", "x"), Ct));

        Assert.Equal(errCode, ex.ErrCode);
        Assert.Equal(TimeSpan.FromSeconds(retryAfterSeconds), ex.RetryAfter);
        Assert.True(ex.IsTransient);
        Assert.Equal(1, h.SendCalls);
        Assert.Empty(h.Delays);
    }

    [Fact]
    public async Task SendMessage_OtherErrcode_ThrowsApiExceptionWithErrmsg()
    {
        await using var h = await WeComHarness.StartAsync();
        h.Server.FailNext(SendPath, 60020, errMsg: "not allow to access from your ip");

        var ex = await Assert.ThrowsAsync<WeComApiException>(() => h.Client.SendMessageAsync(WeComHarness.Text("zhangsan", "x"), Ct));

        Assert.Equal(60020, ex.ErrCode);
        Assert.Contains("not allow to access from your ip", ex.ErrMsg, StringComparison.Ordinal);
        Assert.False(ex.IsTransient);
        Assert.Equal(1, h.SendCalls);
        Assert.DoesNotContain("access_token", ex.Message, StringComparison.Ordinal);
    }

    // ---- message/send shapes and partial failures ---------------------------------------------------------------

    [Fact]
    public async Task SendMessage_Text_PostsWeComsJsonShape()
    {
        await using var h = await WeComHarness.StartAsync();

        await h.Client.SendMessageAsync(
            new WeComSendRequest { ToUsers = ["zhangsan", "lisi"], ToParties = ["2"], Content = WeComContent.Text("请于周五前提交整改材料") },
            Ct);

        var request = Assert.Single(h.Server.RequestsTo(SendPath));
        Assert.Equal("POST", request.Method);
        var body = request.Body!;
        Assert.Equal("zhangsan|lisi", body["touser"]!.GetValue<string>());
        Assert.Equal("2", body["toparty"]!.GetValue<string>());
        Assert.Null(body["totag"]);
        Assert.Equal("text", body["msgtype"]!.GetValue<string>());
        Assert.Equal(1000002, body["agentid"]!.GetValue<long>());
        Assert.Equal("请于周五前提交整改材料", body["text"]!["content"]!.GetValue<string>());
        Assert.Contains("请于周五前提交整改材料", request.BodyText, StringComparison.Ordinal); // UTF-8, not \u escapes
    }

    [Fact]
    public async Task SendMessage_Markdown_UsesMarkdownObject()
    {
        await using var h = await WeComHarness.StartAsync();

        await h.Client.SendMessageAsync(new WeComSendRequest { ToUsers = ["zhangsan"], Content = WeComContent.Markdown("**截止**：<font color=\"warning\">周五</font>") }, Ct);

        var body = Assert.Single(h.Server.RequestsTo(SendPath)).Body!;
        Assert.Equal("markdown", body["msgtype"]!.GetValue<string>());
        Assert.Equal("**截止**：<font color=\"warning\">周五</font>", body["markdown"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task SendMessage_SomeUsersUnknown_ReturnsInvalidUsersAndDeliversToTheOthers()
    {
        await using var h = await WeComHarness.StartAsync(server: o => o.KnownUsers = ["ZhangSan", "lisi"]);

        var result = await h.Client.SendMessageAsync(new WeComSendRequest { ToUsers = ["ZhangSan", "WangWu", "lisi"], Content = WeComContent.Text("x") }, Ct);

        Assert.True(result.Delivered);
        Assert.True(result.HasPartialFailure);
        Assert.Equal(["wangwu"], result.InvalidUsers);
        Assert.True(result.IsInvalidUser("WangWu"));
        Assert.False(result.IsInvalidUser("lisi"));
        Assert.Equal(["lisi", "zhangsan"], h.Server.Delivered.Select(d => d.Recipient).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SendMessage_AllUsersUnknown_ReturnsNotDeliveredInsteadOfThrowing()
    {
        await using var h = await WeComHarness.StartAsync(server: o => o.KnownUsers = ["zhangsan"]);

        var result = await h.Client.SendMessageAsync(new WeComSendRequest { ToUsers = ["WangWu", "zhaoliu"], Content = WeComContent.Text("x") }, Ct);

        Assert.False(result.Delivered);
        Assert.Null(result.MsgId);
        Assert.Equal(["wangwu", "zhaoliu"], result.InvalidUsers);
        Assert.Empty(h.Server.Deliveries);
    }

    [Fact]
    public async Task SendMessage_ResendWithDuplicateCheck_SetsTheFlagsAndTheMemberSeesItOnce()
    {
        await using var h = await WeComHarness.StartAsync();
        var request = WeComHarness.Text("zhangsan", "会议改到 15:00") with
        {
            EnableDuplicateCheck = true,
            DuplicateCheckInterval = TimeSpan.FromMinutes(10),
        };

        await h.Client.SendMessageAsync(request, Ct);
        await h.Client.SendMessageAsync(request, Ct); // the dispatcher's resend after a crash

        var requests = h.Server.RequestsTo(SendPath);
        Assert.All(requests, r =>
        {
            Assert.Equal(1, r.Body!["enable_duplicate_check"]!.GetValue<int>());
            Assert.Equal(600, r.Body!["duplicate_check_interval"]!.GetValue<int>());
        });
        Assert.Single(h.Server.Delivered);
        Assert.Equal(FakeWeComDropReason.Duplicate, Assert.Single(h.Server.Dropped).DropReason);
    }

    [Fact]
    public async Task SendMessage_InvalidRequests_AreRefusedBeforeCallingWeCom()
    {
        await using var h = await WeComHarness.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.SendMessageAsync(new WeComSendRequest { Content = WeComContent.Text("x") }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.SendMessageAsync(WeComHarness.Text("a|b", "x"), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.SendMessageAsync(WeComHarness.Text("zhangsan", new string('字', 683)), Ct)); // 2049 bytes
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.SendMessageAsync(
            WeComHarness.Text("zhangsan", "x") with { EnableDuplicateCheck = true, DuplicateCheckInterval = TimeSpan.FromHours(5) }, Ct));

        Assert.Empty(h.Server.Requests);
    }

    // ---- per-member limits: the dispatcher keeps WeCom from dropping messages --------------------------------------

    [Fact]
    public async Task SendMessage_BurstWithoutLimiter_WeComSilentlyDropsBeyond30PerMinute()
    {
        var time = new FakeTimeProvider();
        await using var h = await WeComHarness.StartAsync(time);

        for (var i = 0; i < 40; i++)
        {
            await h.Client.SendMessageAsync(WeComHarness.Text("zhangsan", $"提醒 {i}"), Ct); // every call "succeeds"
        }

        Assert.Equal(30, h.Server.Delivered.Count);
        Assert.Equal(10, h.Server.Dropped.Count(d => d.DropReason == FakeWeComDropReason.MemberRateLimit));
    }

    [Fact]
    public async Task SendMessage_PacedByPerMemberRateLimiter_NothingIsDropped()
    {
        var time = new FakeTimeProvider();
        await using var h = await WeComHarness.StartAsync(time);
        var limiter = PerMemberRateLimiter.ForMembers();
        var key = PerMemberRateLimiter.MemberKey(h.App.CorpId, h.App.AgentId, "ZhangSan");

        for (var i = 0; i < 75; i++)
        {
            while (!limiter.TryAcquire(key, time.GetUtcNow(), out var wait))
            {
                time.Advance(wait); // the dispatcher would schedule the message for later
            }

            await h.Client.SendMessageAsync(WeComHarness.Text("ZhangSan", $"提醒 {i}"), Ct);
        }

        Assert.Equal(75, h.Server.Delivered.Count);
        Assert.Empty(h.Server.Dropped);
    }

    // ---- template cards --------------------------------------------------------------------------------------------

    [Fact]
    public async Task SendMessage_ChoiceCard_PostsButtonInteractionCardAndReturnsResponseCode()
    {
        await using var h = await WeComHarness.StartAsync();
        var rendering = WeComCardRenderer.Render(SamplePrompt("task_20250301_0001"));

        var result = await h.Client.SendMessageAsync(new WeComSendRequest { ToUsers = ["zhangsan"], Content = rendering.Content }, Ct);

        Assert.True(rendering.IsCard);
        Assert.False(string.IsNullOrEmpty(result.ResponseCode));
        var body = Assert.Single(h.Server.RequestsTo(SendPath)).Body!;
        Assert.Equal("template_card", body["msgtype"]!.GetValue<string>());
        var card = body["template_card"]!;
        Assert.Equal("button_interaction", card["card_type"]!.GetValue<string>());
        Assert.Equal("整改材料确认", card["main_title"]!["title"]!.GetValue<string>());
        Assert.Equal("请确认本周整改材料", card["sub_title_text"]!.GetValue<string>());
        Assert.Equal("task_20250301_0001", card["task_id"]!.GetValue<string>());
        var buttons = card["button_list"]!.AsArray();
        Assert.Equal(3, buttons.Count);
        Assert.Equal("提交", buttons[0]!["text"]!.GetValue<string>());
        Assert.Equal("submit", buttons[0]!["key"]!.GetValue<string>());
        Assert.Equal(1, buttons[0]!["style"]!.GetValue<int>());
        Assert.Null(buttons[1]!["style"]);
        Assert.Null(card["replace_text"]);
    }

    [Fact]
    public async Task SendMessage_TaskIdReused_FailsWith42014()
    {
        await using var h = await WeComHarness.StartAsync();
        var content = WeComCardRenderer.Render(SamplePrompt("task_dup")).Content;
        await h.Client.SendMessageAsync(new WeComSendRequest { ToUsers = ["zhangsan"], Content = content }, Ct);

        var ex = await Assert.ThrowsAsync<WeComApiException>(
            () => h.Client.SendMessageAsync(new WeComSendRequest { ToUsers = ["lisi"], Content = content }, Ct));

        Assert.Equal(WeComErrorCodes.InvalidTaskId, ex.ErrCode);
    }

    [Fact]
    public async Task UpdateTemplateCard_GreyOut_PostsReplaceNameAndConsumesTheCode()
    {
        await using var h = await WeComHarness.StartAsync();
        var prompt = SamplePrompt("task_grey");
        var sent = await h.Client.SendMessageAsync(new WeComSendRequest { ToUsers = ["zhangsan"], Content = WeComCardRenderer.Render(prompt).Content }, Ct);
        var update = WeComCardUpdate.GreyOut(sent.ResponseCode!, WeComCardRenderer.ChosenCaption(prompt.Choices[0]), "zhangsan");

        await h.Client.UpdateTemplateCardAsync(update, Ct);

        var body = Assert.Single(h.Server.RequestsTo("/cgi-bin/message/update_template_card")).Body!;
        Assert.Equal(sent.ResponseCode, body["response_code"]!.GetValue<string>());
        Assert.Equal(1000002, body["agentid"]!.GetValue<long>());
        Assert.Equal("zhangsan", Assert.Single(body["userids"]!.AsArray())!.GetValue<string>());
        Assert.Equal("已选择：提交", body["button"]!["replace_name"]!.GetValue<string>());
        Assert.Null(body["template_card"]);
        var recorded = Assert.Single(h.Server.CardUpdates);
        Assert.Equal("task_grey", recorded.TaskId);

        // A response_code works once.
        var again = await Assert.ThrowsAsync<WeComApiException>(() => h.Client.UpdateTemplateCardAsync(update, Ct));
        Assert.Equal(FakeWeComServer.InvalidParameterErrCode, again.ErrCode);
    }

    [Fact]
    public async Task UpdateTemplateCard_Replace_PostsTheNewCard()
    {
        await using var h = await WeComHarness.StartAsync();
        var prompt = SamplePrompt("task_replace");
        var sent = await h.Client.SendMessageAsync(new WeComSendRequest { ToUsers = ["zhangsan"], Content = WeComCardRenderer.Render(prompt).Content }, Ct);

        await h.Client.UpdateTemplateCardAsync(
            WeComCardUpdate.Replace(sent.ResponseCode!, WeComCardRenderer.BuildAnsweredCard(prompt, prompt.Choices[1]), "zhangsan"), Ct);

        var card = Assert.Single(h.Server.CardUpdates).TemplateCard!;
        Assert.Equal("button_interaction", card["card_type"]!.GetValue<string>());
        Assert.Equal("已选择：修改", card["replace_text"]!.GetValue<string>());
        Assert.Equal("task_replace", card["task_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateTemplateCard_NeitherOrBoth_IsRefused()
    {
        await using var h = await WeComHarness.StartAsync();
        var card = WeComCardRenderer.BuildCard(SamplePrompt("t1"));

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.UpdateTemplateCardAsync(new WeComCardUpdate { ResponseCode = "c", UserIds = ["a"] }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.UpdateTemplateCardAsync(
            new WeComCardUpdate { ResponseCode = "c", UserIds = ["a"], ReplaceButtonName = "x", Card = card }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.UpdateTemplateCardAsync(new WeComCardUpdate { ResponseCode = "c", ReplaceButtonName = "x" }, Ct));
    }

    // ---- group chats -------------------------------------------------------------------------------------------------

    [Fact]
    public async Task AppChat_CreateThenSend_UsesAppchatApis()
    {
        await using var h = await WeComHarness.StartAsync();

        var chatId = await h.Client.AppChatCreateAsync(
            new WeComAppChatCreateRequest { Name = "防汛工作专班", Owner = "zhangsan", UserIds = ["zhangsan", "lisi", "wangwu"], ChatId = "fangxun2025" }, Ct);
        await h.Client.AppChatSendAsync(chatId, WeComContent.Markdown("**通知**：今晚 20:00 会商"), cancellationToken: Ct);

        Assert.Equal("fangxun2025", chatId);
        var chat = h.Server.AppChats[chatId];
        Assert.Equal(["zhangsan", "lisi", "wangwu"], chat.Members);
        var create = Assert.Single(h.Server.RequestsTo("/cgi-bin/appchat/create")).Body!;
        Assert.Equal("防汛工作专班", create["name"]!.GetValue<string>());
        Assert.Equal(3, create["userlist"]!.AsArray().Count);
        var message = Assert.Single(h.Server.AppChatMessages);
        Assert.Equal("markdown", message.MsgType);
        Assert.Equal("**通知**：今晚 20:00 会商", message.Content);
    }

    [Fact]
    public async Task AppChat_GeneratedChatIdAndErrors()
    {
        await using var h = await WeComHarness.StartAsync();

        var chatId = await h.Client.AppChatCreateAsync(new WeComAppChatCreateRequest { UserIds = ["a", "b"] }, Ct);
        var unknown = await Assert.ThrowsAsync<WeComApiException>(() => h.Client.AppChatSendAsync("nochat", WeComContent.Text("x"), cancellationToken: Ct));

        Assert.True(h.Server.AppChats.ContainsKey(chatId));
        Assert.Equal(FakeWeComServer.ChatNotFoundErrCode, unknown.ErrCode);
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.AppChatCreateAsync(new WeComAppChatCreateRequest { UserIds = ["a"] }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.AppChatCreateAsync(new WeComAppChatCreateRequest { UserIds = ["a", "b"], ChatId = "bad-id" }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.AppChatSendAsync(chatId, WeComContent.TemplateCard(WeComCardRenderer.BuildCard(SamplePrompt("t"))), cancellationToken: Ct));
    }

    [Fact]
    public async Task Webhook_TwentyPerMinute_TheTwentyFirstIsRateLimitedUntilTheWindowPasses()
    {
        var time = new FakeTimeProvider();
        await using var h = await WeComHarness.StartAsync(time);
        var url = h.Server.WebhookUrl("robot-key-1");
        var limiter = PerMemberRateLimiter.ForWebhooks();
        var key = WeComApiClient.WebhookRateKey(url);

        for (var i = 0; i < 20; i++)
        {
            Assert.Null(limiter.DelayFor(key, time.GetUtcNow()));
            await h.Client.WebhookSendAsync(url, WeComContent.Text($"告警 {i}"), ["zhangsan"], Ct);
            limiter.Record(key, time.GetUtcNow());
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(TimeSpan.FromSeconds(40), limiter.DelayFor(key, time.GetUtcNow()));
        var ex = await Assert.ThrowsAsync<WeComRateLimitedException>(() => h.Client.WebhookSendAsync(url, WeComContent.Text("多余"), cancellationToken: Ct));
        Assert.Equal(45009, ex.ErrCode);

        time.Advance(TimeSpan.FromSeconds(40));
        Assert.Null(limiter.DelayFor(key, time.GetUtcNow()));
        await h.Client.WebhookSendAsync(url, WeComContent.Markdown("**恢复**"), cancellationToken: Ct);

        Assert.Equal(21, h.Server.WebhookMessages.Count);
        var first = h.Server.RequestsTo("/cgi-bin/webhook/send")[0];
        Assert.Equal("robot-key-1", first.Query["key"]);
        Assert.False(first.Query.ContainsKey("access_token"));
        Assert.Equal("zhangsan", first.Body!["text"]!["mentioned_list"]![0]!.GetValue<string>());
        Assert.Equal(0, h.GetTokenCalls);
    }

    [Fact]
    public async Task Webhook_BadUrl_IsRefused()
    {
        await using var h = await WeComHarness.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.WebhookSendAsync(new Uri("http://example.com/cgi-bin/webhook/send?key=k"), WeComContent.Text("x"), cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.WebhookSendAsync(new Uri($"{h.Server.BaseUrl}/cgi-bin/webhook/send"), WeComContent.Text("x"), cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.WebhookSendAsync(h.Server.WebhookUrl("k"), WeComContent.Markdown(new string('a', 4097)), cancellationToken: Ct));
    }

    internal static WeComChoicePrompt SamplePrompt(string taskId) => new()
    {
        Title = "整改材料确认",
        Description = "请确认本周整改材料",
        TaskId = taskId,
        Choices = [new WeComChoice("提交", "submit") { Style = 1 }, new WeComChoice("修改", "edit"), new WeComChoice("取消", "cancel")],
    };
}
