using System.Security.Cryptography;
using ChatOps.Core.Conversations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOps.Core.Attachments;

/// <summary>
/// Fetches the attachments of claimed inbox messages before the engine's turn, outside any transaction: the callback
/// stored only the channel's reference (so nothing is lost and WeCom gets its answer at once); here the bytes are
/// downloaded, checked (size, type) and stored under <see cref="InboundAttachment.KeyOf"/>. A key stored before (a
/// second claim after a crash, a retried delivery) is skipped, so a file is stored once. A failure that may pass is
/// tried <see cref="AttachmentOptions.FetchAttempts"/> times with back-off; what is still refused is recorded with its
/// reason and no bytes, and the turn tells the person. One message's trouble never stops the others.
/// </summary>
public sealed class AttachmentIntake(
    IAttachmentRepository repository,
    IEnumerable<IAttachmentFetcher> fetchers,
    IOptions<AttachmentOptions> options,
    TimeProvider time,
    ILogger<AttachmentIntake> logger) : IInboxPreparation
{
    private readonly Dictionary<string, IAttachmentFetcher> _fetchers = fetchers.ToDictionary(f => f.Channel, StringComparer.Ordinal);

    /// <summary>The largest file accepted.</summary>
    public long MaxBytes => options.Value.MaxBytes;

    /// <inheritdoc/>
    public async Task PrepareAsync(IReadOnlyList<InboxItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var message in items.Select(i => i.Message).Where(m => m.HasAttachments))
        {
            for (var index = 0; index < message.Attachments!.Count; index++)
            {
                try
                {
                    await PrepareOneAsync(message, index, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // The database refused the write: nothing recorded, the turn says "unavailable" and the person resends.
                    logger.LogError(ex, "Attachment {Index} of {Key} could not be recorded", index, message.DedupeKey);
                }
            }
        }
    }

    /// <summary>
    /// Stores a file the person uploaded directly (the local web chat), checked like a fetched one, under the key of
    /// <paramref name="message"/>'s attachment <paramref name="index"/>; returns what was recorded.
    /// </summary>
    public async Task<StoredAttachment> StoreUploadAsync(InboundMessage message, int index, FetchedFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(file);
        var key = InboundAttachment.KeyOf(message, index);
        var row = Check(key, message, file);
        await repository.AddAsync(row, row.IsStored ? file.Content : null, cancellationToken);
        return (await repository.FindByKeyAsync(key, cancellationToken))!;
    }

    private async Task PrepareOneAsync(InboundMessage message, int index, CancellationToken cancellationToken)
    {
        var key = InboundAttachment.KeyOf(message, index);
        if (await repository.FindByKeyAsync(key, cancellationToken) is not null)
        {
            return;
        }

        var attachment = message.Attachments![index];
        var (file, refusal) = await FetchAsync(message, attachment, cancellationToken);
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
