namespace ChatOps.Storage.BotFramework;

/// <summary>
/// Conversation references and sent cards in the bot's database, so that proactive messages reach people after restarts
/// and from any instance. Stateless: each call is one read or one write (<see cref="Database.WriteAsync{T}"/>: on SQLite
/// in the write turn); upserts and takes are single statements, so two instances saving the same reference or taking
/// the same card never both win.
/// </summary>
internal sealed class ConversationReferenceStore(Database db) : IConversationReferenceStore
{
    /// <summary>Cards nobody answered are forgotten after this long (their buttons are stale by then anyway).</summary>
    private static readonly TimeSpan SentCardRetention = TimeSpan.FromDays(30);

    public async Task SaveAsync(ConversationReferenceRecord reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        await db.ExecuteAsync(ConversationReferenceSql.Upsert, new
        {
            reference.Channel,
            reference.ChannelId,
            reference.ConversationId,
            reference.UserId,
            reference.AlternateUserId,
            reference.IsGroup,
            reference.ServiceUrl,
            reference.TenantId,
            reference.BotId,
            Reference = reference.Json,
            reference.UpdatedAt,
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<ConversationReferenceRecord>> ListForUserAsync(string channel, string userId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(userId))
        {
            return [];
        }

        await using var c = await db.OpenAsync(cancellationToken);
        var rows = await c.QueryAsync<ReferenceRow>(new CommandDefinition(db.Sql(ConversationReferenceSql.ListForUser),
            new { Channel = channel, UserId = userId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<ConversationReferenceRecord?> FindConversationAsync(string channel, string conversationId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var row = await c.QueryFirstOrDefaultAsync<ReferenceRow>(new CommandDefinition(db.Sql(ConversationReferenceSql.FindConversation),
            new { Channel = channel, ConversationId = conversationId }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<ConversationReferenceRecord>> ListGroupConversationsAsync(string channel, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var rows = await c.QueryAsync<ReferenceRow>(new CommandDefinition(db.Sql(ConversationReferenceSql.ListGroups),
            new { Channel = channel }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<bool> MarkUserUnreachableAsync(string channel, string userId, string reason, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(userId))
        {
            return false;
        }

        return await db.ExecuteAsync(ConversationReferenceSql.MarkUserUnreachable,
            new { Channel = channel, UserId = userId, Reason = Truncate(reason), At = at }, cancellationToken) > 0;
    }

    public async Task<bool> MarkConversationUnreachableAsync(string channel, string conversationId, string reason, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        return await db.ExecuteAsync(ConversationReferenceSql.MarkConversationUnreachable,
            new { Channel = channel, ConversationId = conversationId, Reason = Truncate(reason), At = at }, cancellationToken) > 0;
    }

    public async Task SaveSentCardAsync(string channel, string conversationId, string activityId, string payload, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await db.WriteAsync(async s =>
        {
            await s.ExecuteAsync(ConversationReferenceSql.PurgeSentCards, new { Before = at - SentCardRetention }, cancellationToken);
            return await s.ExecuteAsync(ConversationReferenceSql.InsertSentCard,
                new { Channel = channel, ConversationId = conversationId, ActivityId = activityId, Payload = payload, At = at }, cancellationToken);
        }, cancellationToken);
    }

    public Task<string?> TakeSentCardAsync(string channel, string conversationId, string activityId, CancellationToken cancellationToken = default) =>
        db.WriteAsync(s => s.QuerySingleOrDefaultAsync<string>(ConversationReferenceSql.TakeSentCard,
            new { Channel = channel, ConversationId = conversationId, ActivityId = activityId }, cancellationToken), cancellationToken);

    private static string Truncate(string reason) => reason.Length <= 400 ? reason : reason[..400];

    private sealed class ReferenceRow
    {
        public string Channel { get; set; } = "";

        public string ChannelId { get; set; } = "";

        public string ConversationId { get; set; } = "";

        public string UserId { get; set; } = "";

        public string? AlternateUserId { get; set; }

        public bool IsGroup { get; set; }

        public string ServiceUrl { get; set; } = "";

        public string? TenantId { get; set; }

        public string? BotId { get; set; }

        public string Reference { get; set; } = "";

        public DateTimeOffset UpdatedAt { get; set; }

        public bool Unreachable { get; set; }

        public string? UnreachableReason { get; set; }

        public ConversationReferenceRecord ToRecord() => new(
            Channel, UserId, ConversationId, IsGroup, ServiceUrl, ChannelId, TenantId, BotId, Reference, UpdatedAt, AlternateUserId, Unreachable,
            UnreachableReason);
    }
}

/// <summary>Statements of <see cref="ConversationReferenceStore"/>.</summary>
internal static class ConversationReferenceSql
{
    private const string Columns = """
        channel, channel_id, conversation_id, user_id, alternate_user_id, is_group, service_url, tenant_id, bot_id, reference,
        updated_at, unreachable, unreachable_reason
        """;

    public static readonly SqlStatement Upsert = new(nameof(Upsert),
        Sqlite: """
        INSERT INTO conversation_references (channel, channel_id, conversation_id, user_id, alternate_user_id, is_group, service_url,
            tenant_id, bot_id, reference, updated_at, unreachable)
        VALUES (@Channel, @ChannelId, @ConversationId, @UserId, @AlternateUserId, @IsGroup, @ServiceUrl, @TenantId, @BotId, @Reference,
            @UpdatedAt, 0)
        ON CONFLICT (channel, channel_id, conversation_id, user_id) DO UPDATE SET alternate_user_id = excluded.alternate_user_id,
            is_group = excluded.is_group, service_url = excluded.service_url, tenant_id = excluded.tenant_id, bot_id = excluded.bot_id,
            reference = excluded.reference, updated_at = excluded.updated_at, unreachable = 0, unreachable_reason = NULL,
            unreachable_at = NULL
        """,
        SqlServer: """
        UPDATE conversation_references WITH (UPDLOCK, SERIALIZABLE)
        SET alternate_user_id = @AlternateUserId, is_group = @IsGroup, service_url = @ServiceUrl, tenant_id = @TenantId, bot_id = @BotId,
            reference = @Reference, updated_at = @UpdatedAt, unreachable = 0, unreachable_reason = NULL, unreachable_at = NULL
        WHERE channel = @Channel AND channel_id = @ChannelId AND conversation_id = @ConversationId AND user_id = @UserId;
        IF @@ROWCOUNT = 0
            INSERT INTO conversation_references (channel, channel_id, conversation_id, user_id, alternate_user_id, is_group, service_url,
                tenant_id, bot_id, reference, updated_at, unreachable)
            VALUES (@Channel, @ChannelId, @ConversationId, @UserId, @AlternateUserId, @IsGroup, @ServiceUrl, @TenantId, @BotId, @Reference,
                @UpdatedAt, 0);
        """);

    /// <summary>
    /// The rows of a user, found by either of their ids. Written as one look-up per index (<see cref="UserRows"/>):
    /// SQLite plans <c>channel = @Channel AND (user_id = @UserId OR alternate_user_id = @UserId)</c> as a walk over
    /// every reference of the channel, and this runs for each message sent to a person.
    /// </summary>
    public static readonly SqlStatement ListForUser = SqlStatement.Portable(nameof(ListForUser), $"""
        SELECT {Columns}
        FROM conversation_references
        WHERE id IN ({UserRows})
        ORDER BY updated_at DESC, id DESC
        """);

    public static readonly SqlStatement FindConversation = new(nameof(FindConversation),
        Sqlite: $"""
        SELECT {Columns}
        FROM conversation_references
        WHERE channel = @Channel AND conversation_id = @ConversationId
        ORDER BY CASE WHEN user_id = '' THEN 0 ELSE 1 END, updated_at DESC, id DESC
        LIMIT 1
        """,
        SqlServer: $"""
        SELECT TOP (1) {Columns}
        FROM conversation_references
        WHERE channel = @Channel AND conversation_id = @ConversationId
        ORDER BY CASE WHEN user_id = N'' THEN 0 ELSE 1 END, updated_at DESC, id DESC
        """);

    public static readonly SqlStatement ListGroups = SqlStatement.Portable(nameof(ListGroups), $"""
        SELECT {Columns}
        FROM conversation_references
        WHERE channel = @Channel AND is_group = 1 AND user_id = ''
        ORDER BY updated_at DESC, id DESC
        """);

    public static readonly SqlStatement MarkUserUnreachable = SqlStatement.Portable(nameof(MarkUserUnreachable), $"""
        UPDATE conversation_references SET unreachable = 1, unreachable_reason = @Reason, unreachable_at = @At
        WHERE id IN ({UserRows}) AND unreachable = 0
        """);

    /// <summary>The ids of a user's rows by their user id and by their alternate id, each through its own index.</summary>
    private const string UserRows = """
        SELECT id FROM conversation_references WHERE channel = @Channel AND user_id = @UserId
        UNION ALL
        SELECT id FROM conversation_references WHERE channel = @Channel AND alternate_user_id = @UserId
        """;

    public static readonly SqlStatement MarkConversationUnreachable = SqlStatement.Portable(nameof(MarkConversationUnreachable), """
        UPDATE conversation_references SET unreachable = 1, unreachable_reason = @Reason, unreachable_at = @At
        WHERE channel = @Channel AND conversation_id = @ConversationId AND unreachable = 0
        """);

    public static readonly SqlStatement InsertSentCard = SqlStatement.Upsert(nameof(InsertSentCard), "channel, conversation_id, activity_id", """
        INSERT INTO sent_cards (channel, conversation_id, activity_id, payload, sent_at)
        VALUES (@Channel, @ConversationId, @ActivityId, @Payload, @At)
        """);

    public static readonly SqlStatement PurgeSentCards = SqlStatement.Portable(nameof(PurgeSentCards),
        "DELETE FROM sent_cards WHERE sent_at < @Before");

    public static readonly SqlStatement TakeSentCard = new(nameof(TakeSentCard),
        Sqlite: """
        DELETE FROM sent_cards WHERE channel = @Channel AND conversation_id = @ConversationId AND activity_id = @ActivityId
        RETURNING payload
        """,
        SqlServer: """
        DELETE FROM sent_cards
        OUTPUT deleted.payload
        WHERE channel = @Channel AND conversation_id = @ConversationId AND activity_id = @ActivityId
        """);
}
