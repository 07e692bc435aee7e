using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ChatOps.Core.Attachments;

/// <summary>
/// Fetches the attachments of claimed inbox messages before the engine's turn, outside any transaction: the callback
/// stored only the channel's reference (so nothing is lost and WeCom gets its answer at once); here the bytes are
/// downloaded, checked (size, type) and stored under <see cref="InboundAttachment.KeyOf"/>. A key stored before (a
/// second claim after a crash, a retried delivery) is skipped, so a file is stored once. A failure that may pass is
/// tried <see cref="AttachmentOptions.FetchAttempts"/> times with back-off; what is still refused is recorded with its
/// reason and no bytes, and the turn tells the person. One message's trouble never stops the others: up to four files
/// are fetched at once, and what is not fetched within <see cref="AttachmentOptions.FetchDeadline"/> is recorded as
/// unavailable, so a silent channel never holds the claimed batch (its lease) for long.
/// </summary>
public sealed class AttachmentIntake(
    IAttachmentRepository repository,
    IEnumerable<IAttachmentFetcher> fetchers,
    IOptions<AttachmentOptions> options,
    TimeProvider time,
    ILogger<AttachmentIntake> logger) : IInboxPreparation
{
    private readonly Dictionary<string, IAttachmentFetcher> _fetchers = fetchers.ToDictionary(f => f.Channel, StringComparer.Ordinal);

    /// <summary>How many attachments are fetched at the same time.</summary>
    private const int ConcurrentFetches = 4;

    /// <inheritdoc/>
    public async Task PrepareAsync(IReadOnlyList<InboxItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var work = items.Select(i => i.Message).Where(m => m.HasAttachments)
            .SelectMany(m => Enumerable.Range(0, m.Attachments!.Count).Select(index => (Message: m, Index: index))).ToList();
        if (work.Count == 0)
        {
            return;
        }

        // The whole batch waits for this: past the deadline what is not fetched is recorded as unavailable.
        using var deadline = new CancellationTokenSource(options.Value.FetchDeadline, time);
        using var fetching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var gate = new SemaphoreSlim(ConcurrentFetches);
        await Task.WhenAll(work.Select(async w =>
        {
            try
            {
                await PrepareOneAsync(w.Message, w.Index, gate, fetching.Token, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The database refused the write: nothing recorded, the turn says "unavailable" and the person resends.
                logger.LogError(ex, "Attachment {Index} of {Key} could not be recorded", w.Index, w.Message.DedupeKey);
            }
        }));
    }

    /// <summary>
    /// Stores a file the person uploaded directly (the local web chat), checked like a fetched one, under the key of
    /// <paramref name="message"/>'s attachment <paramref name="index"/> (once: a second upload under the key is ignored).
    /// </summary>
    public async Task StoreUploadAsync(InboundMessage message, int index, FetchedFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(file);
        var key = InboundAttachment.KeyOf(message, index);
        var row = Check(key, message, file);
        await repository.AddAsync(row, row.IsStored ? file.Content : null, cancellationToken);
    }

    private async Task PrepareOneAsync(InboundMessage message, int index, SemaphoreSlim gate, CancellationToken fetching, CancellationToken cancellationToken)
    {
        var key = InboundAttachment.KeyOf(message, index);
        var attachment = message.Attachments![index];
        FetchedFile? file;
        AttachmentRefusal? refusal;
        try
        {
            await gate.WaitAsync(fetching);
            try
            {
                if (await repository.FindByKeyAsync(key, fetching) is not null)
                {
                    return;
                }

                (file, refusal) = await FetchAsync(message, attachment, fetching);
            }
            finally
            {
                gate.Release();
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Attachment {Key} not fetched within {Deadline}: recorded as unavailable", key, options.Value.FetchDeadline);
            (file, refusal) = (null, AttachmentRefusal.Unavailable);
        }

        var row = file is null
            ? Refused(key, message, attachment.Name, attachment.ContentType, 0, refusal!.Value)
            : Check(key, message, file);
        if (await repository.AddAsync(row, row.IsStored ? file!.Content : null, cancellationToken))
        {
            logger.LogInformation("Attachment {Key} ({Size} bytes) {Status}{Refusal}", key, row.Size, row.Status, row.Refusal is { } r ? ": " + r : "");
        }
    }

    private async Task<(FetchedFile? File, AttachmentRefusal? Refusal)> FetchAsync(InboundMessage message, InboundAttachment attachment, CancellationToken cancellationToken)
    {
        if (!_fetchers.TryGetValue(message.Channel, out var fetcher))
        {
            logger.LogWarning("No attachment fetcher for channel {Channel}", message.Channel);
            return (null, AttachmentRefusal.Unavailable);
        }

        var delay = options.Value.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await fetcher.FetchAsync(attachment, options.Value.MaxBytes, cancellationToken), null);
            }
            catch (AttachmentFetchException ex) when (ex.Refusal != AttachmentRefusal.Unavailable)
            {
                logger.LogInformation("Attachment of {Key} refused by {Channel}: {Refusal} ({Detail})", message.DedupeKey, message.Channel, ex.Refusal, ex.Message);
                return (null, ex.Refusal);
            }
            catch (Exception ex) when (ex is AttachmentFetchException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                if (attempt >= Math.Max(1, options.Value.FetchAttempts))
                {
                    logger.LogWarning(ex, "Attachment of {Key} on {Channel} unavailable after {Attempts} attempts", message.DedupeKey, message.Channel, attempt);
                    return (null, AttachmentRefusal.Unavailable);
                }

                logger.LogInformation("Attachment of {Key} on {Channel}: attempt {Attempt} failed ({Error}); retrying", message.DedupeKey, message.Channel, attempt, ex.Message);
                await Task.Delay(delay, time, cancellationToken);
                delay *= 2;
            }
        }
    }

    private StoredAttachment Check(string key, InboundMessage message, FetchedFile file)
    {
        if (file.Content.LongLength > options.Value.MaxBytes)
        {
            return Refused(key, message, file.FileName, file.ContentType, file.Content.LongLength, AttachmentRefusal.TooLarge);
        }

        if (file.Content.Length == 0)
        {
            return Refused(key, message, file.FileName, file.ContentType, 0, AttachmentRefusal.Empty);
        }

        if (AttachmentTypes.Accept(file.FileName, file.ContentType) is not { } accepted)
        {
            return Refused(key, message, file.FileName, file.ContentType, file.Content.LongLength, AttachmentRefusal.TypeNotAllowed);
        }

        return new StoredAttachment(0, key, message.Channel, message.SenderId, accepted.FileName, accepted.ContentType, file.Content.LongLength,
            AttachmentStatus.Stored, null, null, null, null, time.GetUtcNow(), Sha256: Convert.ToHexStringLower(SHA256.HashData(file.Content)));
    }

    private StoredAttachment Refused(string key, InboundMessage message, string fileName, string? contentType, long size, AttachmentRefusal refusal) =>
        new(0, key, message.Channel, message.SenderId, AttachmentTypes.CleanName(fileName), contentType ?? "application/octet-stream", size,
            AttachmentStatus.Refused, refusal, null, null, null, time.GetUtcNow());
}
