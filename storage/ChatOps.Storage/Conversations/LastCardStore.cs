namespace ChatOps.Storage.Conversations;

/// <summary>
/// The last card per person (<see cref="LastCard"/>), one row each in <c>last_cards</c>. The outbox records a card
/// here in the transaction that queues it (<see cref="Add"/>); the engine reads and clears it.
/// </summary>
internal sealed class LastCardStore(Session s) : ILastCardStore
{
    public static readonly SqlStatement UpsertLastCard = SqlStatement.Upsert(nameof(UpsertLastCard), "person_id",
        "INSERT INTO last_cards (person_id, choices, card_id, sent_at) VALUES (@PersonId, @Choices, @CardId, @SentAt)");

    public static readonly SqlStatement SelectLastCard = SqlStatement.Portable(nameof(SelectLastCard),
        "SELECT person_id, choices, card_id, sent_at FROM last_cards WHERE person_id = @PersonId");

    public static readonly SqlStatement DeleteLastCard = SqlStatement.Portable(nameof(DeleteLastCard),
        "DELETE FROM last_cards WHERE person_id = @PersonId");

    /// <summary>The upsert as a batch for many cards (<see cref="OutboxStore.EnqueueManyAsync"/>).</summary>
    public static RowBatch Batch(Session session) =>
        session.Batch(UpsertLastCard, "@PersonId", "@Choices", "@CardId", "@SentAt");

    /// <summary>Adds <paramref name="card"/> to a batch from <see cref="Batch"/>.</summary>
    public static void Add(RowBatch cards, LastCard card) =>
        cards.Add(card.PersonId, ChatOpsJson.Serialize(card.Choices), card.CardId, card.SentAt);

    public Task<LastCard?> FindAsync(string personId, CancellationToken cancellationToken = default) =>
        s.QuerySingleOrDefaultAsync<LastCard>(SelectLastCard, new { PersonId = personId }, cancellationToken);

    public Task ClearAsync(string personId, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(DeleteLastCard, new { PersonId = personId }, cancellationToken);
}
