using ChatOps.Core.Circulars;

namespace ChatOps.Storage.Circulars;

/// <summary>Circulars over Dapper inside one unit of work (see <see cref="CircularSql"/>).</summary>
internal sealed class CircularStore(Session s) : ICircularStore
{
    public async Task<long> InsertAsync(Circular circular, CancellationToken cancellationToken = default) =>
        await s.ExecuteScalarAsync<long>(CircularSql.Insert, Parameters(circular), cancellationToken);

    public Task UpdateAsync(Circular circular, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(CircularSql.Update, Parameters(circular), cancellationToken);

    public async Task<Circular?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        await s.QuerySingleOrDefaultAsync<Circular>(CircularSql.SelectById, new { Id = id }, cancellationToken);

    public async Task<IReadOnlyList<Circular>> ListRecentAsync(int limit, CancellationToken cancellationToken = default) =>
        [.. await s.QueryAsync<Circular>(CircularSql.SelectRecent, new { Limit = limit }, cancellationToken)];

    public async Task<int> MaxSequenceAsync(string kind, int year, CancellationToken cancellationToken = default) =>
        (int)await s.ExecuteScalarAsync<long>(CircularSql.MaxSequence, new { Kind = kind, Year = year }, cancellationToken);

    public Task<long?> FindHolderOfNumberAsync(string normalizedNumber, CancellationToken cancellationToken = default) =>
        s.ExecuteScalarAsync<long?>(CircularSql.SelectHolder, new { NumberKey = normalizedNumber }, cancellationToken);

    public async Task<long> AddAttachmentAsync(CircularAttachment attachment, byte[] content, CancellationToken cancellationToken = default) =>
        await s.ExecuteScalarAsync<long>(CircularSql.InsertAttachment, new
        {
            attachment.CircularId,
            attachment.FileName,
            attachment.ContentType,
            attachment.Size,
            attachment.Sha256,
            Content = content,
            attachment.UploadedBy,
            attachment.UploadedAt,
        }, cancellationToken);

    public async Task<IReadOnlyList<CircularAttachment>> ListAttachmentsAsync(long circularId, CancellationToken cancellationToken = default) =>
        [.. (await s.QueryAsync<AttachmentRow>(CircularSql.SelectAttachments, new { CircularId = circularId }, cancellationToken)).Select(r => r.ToAttachment())];

    public async Task<(CircularAttachment Attachment, byte[] Content)?> FindAttachmentAsync(
        long? circularId, long? attachmentId, string? sha256, CancellationToken cancellationToken = default)
    {
        var row = attachmentId is { } id
            ? await s.QuerySingleOrDefaultAsync<AttachmentRow>(CircularSql.SelectAttachmentById, new { CircularId = circularId, Id = id }, cancellationToken)
            : await s.QuerySingleOrDefaultAsync<AttachmentRow>(CircularSql.SelectIssuedAttachmentByHash, new { Sha256 = sha256 }, cancellationToken);
        return row is null ? null : (row.ToAttachment(), row.Content ?? []);
    }

    public async Task AddDeliveriesAsync(IReadOnlyList<CircularDelivery> deliveries, CancellationToken cancellationToken = default)
    {
        var rows = s.Batch(CircularSql.InsertDelivery, "@CircularId", "@TargetKey", "@Ordinal", "@GroupCode", "@PersonId", "@Channel", "@Address", "@DedupeKey", "@Error");
        for (var i = 0; i < deliveries.Count; i++)
        {
            var d = deliveries[i];
            rows.Add(d.CircularId, d.TargetKey, i, d.GroupCode, d.PersonId, d.Channel, d.Address, d.DedupeKey, d.Error);
        }

        await rows.ExecuteAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CircularDeliveryStatus>> ListDeliveriesAsync(long circularId, CancellationToken cancellationToken = default) =>
        [.. (await s.QueryAsync<DeliveryRow>(CircularSql.SelectDeliveries, new { CircularId = circularId }, cancellationToken)).Select(r => r.ToStatus())];

    public Task UpdateDeliveryAsync(long circularId, string targetKey, string? dedupeKey, string? error, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(CircularSql.UpdateDelivery, new { CircularId = circularId, TargetKey = targetKey, DedupeKey = dedupeKey, Error = error }, cancellationToken);

    public async Task AddRecipientsAsync(IReadOnlyList<CircularRecipient> recipients, CancellationToken cancellationToken = default)
    {
        var rows = s.Batch(CircularSql.InsertRecipient, "@CircularId", "@PersonId", "@Ordinal", "@UnitCode", "@ViaGroup", "@PromptKey");
        for (var i = 0; i < recipients.Count; i++)
        {
            var r = recipients[i];
            rows.Add(r.CircularId, r.PersonId, i, r.UnitCode, r.ViaGroup, r.PromptKey);
        }

        await rows.ExecuteAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CircularRecipient>> ListRecipientsAsync(long circularId, CancellationToken cancellationToken = default) =>
        [.. await s.QueryAsync<CircularRecipient>(CircularSql.SelectRecipients, new { CircularId = circularId }, cancellationToken)];

    public Task UpdatePromptAsync(long circularId, string personId, string? promptKey, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(CircularSql.UpdatePrompt, new { CircularId = circularId, PersonId = personId, PromptKey = promptKey }, cancellationToken);

    public async Task<CircularRecipient?> FindRecipientAsync(long circularId, string personId, CancellationToken cancellationToken = default) =>
        await s.QuerySingleOrDefaultAsync<CircularRecipient>(CircularSql.SelectRecipient, new { CircularId = circularId, PersonId = personId }, cancellationToken);

    public async Task<IReadOnlyList<Circular>> ListUnacknowledgedAsync(string personId, CancellationToken cancellationToken = default) =>
        [.. await s.QueryAsync<Circular>(CircularSql.SelectUnacknowledged, new { PersonId = personId }, cancellationToken)];

    public async Task<Circular?> FindLastAcknowledgedAsync(string personId, CancellationToken cancellationToken = default) =>
        await s.QuerySingleOrDefaultAsync<Circular>(CircularSql.SelectLastAcknowledged, new { PersonId = personId }, cancellationToken);

    public async Task<bool> AcknowledgeAsync(long circularId, string personId, DateTimeOffset at, AckMethod method, string channel, CancellationToken cancellationToken = default) =>
        await s.ExecuteAsync(CircularSql.Acknowledge, new
        {
            CircularId = circularId,
            PersonId = personId,
            At = at,
            Method = method.ToString(),
            Channel = channel,
        }, cancellationToken) == 1;

    public async Task<int> CountUnacknowledgedAsync(long circularId, CancellationToken cancellationToken = default) =>
        (int)await s.ExecuteScalarAsync<long>(CircularSql.CountUnacknowledged, new { CircularId = circularId }, cancellationToken);

    public async Task MarkRemindedAsync(long circularId, IReadOnlyCollection<string> personIds, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var rows = s.Batch(CircularSql.MarkReminded, "@CircularId", "@PersonId", "@At");
        foreach (var personId in personIds)
        {
            rows.Add(circularId, personId, at);
        }

        await rows.ExecuteAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Circular>> ListDueForReminderAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
        [.. await s.QueryAsync<Circular>(CircularSql.SelectDue, new { Now = now, Limit = limit }, cancellationToken)];

    public async Task<bool> TryMarkReminderDoneAsync(long circularId, string step, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await s.ExecuteAsync(CircularSql.InsertReminderStep, new { CircularId = circularId, Step = step, At = at }, cancellationToken) == 1;

    public Task AuditAsync(CircularAuditEntry entry, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(CircularSql.InsertAudit, new
        {
            entry.CircularId,
            entry.Action,
            entry.ActorId,
            entry.At,
            Detail = entry.Detail is { Length: > 2000 } d ? d[..2000] : entry.Detail,
        }, cancellationToken);

    public async Task<IReadOnlyList<CircularAuditEntry>> ListAuditAsync(long circularId, CancellationToken cancellationToken = default) =>
        [.. await s.QueryAsync<CircularAuditEntry>(CircularSql.SelectAudit, new { CircularId = circularId }, cancellationToken)];

    private static object Parameters(Circular c) => new
    {
        c.Id,
        c.Kind,
        c.Title,
        c.Body,
        c.Number,
        NumberKey = c.HoldsNumber ? CircularNumbering.Normalize(c.Number) : null,
        c.NumberYear,
        NumberSeq = c.NumberSequence,
        Targets = ChatOpsJson.Serialize(c.Targets),
        c.Major,
        Status = c.Status.ToString(),
        c.ComposedBy,
        c.ComposedAt,
        c.SignerId,
        c.SignedAt,
        c.Comment,
        c.IssuedAt,
        c.RemindersStoppedAt,
        c.RemindersStoppedBy,
        c.NextReminderAt,
        c.UpdatedAt,
    };

    private sealed class AttachmentRow
    {
        public long Id { get; set; }

        public long CircularId { get; set; }

        public string FileName { get; set; } = "";

        public string ContentType { get; set; } = "";

        public long Size { get; set; }

        public string Sha256 { get; set; } = "";

        public string UploadedBy { get; set; } = "";

        public DateTimeOffset UploadedAt { get; set; }

        public byte[]? Content { get; set; }

        public CircularAttachment ToAttachment() => new(Id, CircularId, FileName, ContentType, Size, Sha256, UploadedBy, UploadedAt);
    }

    private sealed class DeliveryRow
    {
        public long CircularId { get; set; }

        public string TargetKey { get; set; } = "";

        public string? GroupCode { get; set; }

        public string? PersonId { get; set; }

        public string? Channel { get; set; }

        public string? Address { get; set; }

        public string? DedupeKey { get; set; }

        public string? Error { get; set; }

        public string? OutboxStatus { get; set; }

        public int? Attempts { get; set; }

        public string? LastError { get; set; }

        public DateTimeOffset? SentAt { get; set; }

        public CircularDeliveryStatus ToStatus() => new(
            new CircularDelivery(CircularId, TargetKey, GroupCode, PersonId, Channel, Address, DedupeKey, Error),
            OutboxStatus is null ? null : Enum.Parse<OutboxStatus>(OutboxStatus),
            Attempts ?? 0,
            LastError,
            SentAt);
    }
}
