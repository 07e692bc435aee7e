namespace ChatOps.Core.Attachments;

/// <summary>Reading a downloaded or uploaded body with the size limit, for the channels' fetchers and the upload.</summary>
public static class AttachmentStreams
{
    /// <summary>
    /// The whole of <paramref name="stream"/>, refused as <see cref="AttachmentRefusal.TooLarge"/> as soon as it (or its
    /// declared length) passes <paramref name="maxBytes"/>: never more than the limit is held in memory. A broken-off
    /// read is <see cref="AttachmentRefusal.Unavailable"/>.
    /// </summary>
    public static async Task<byte[]> ReadLimitedAsync(Stream stream, long? declaredLength, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (declaredLength > maxBytes)
        {
            throw new AttachmentFetchException(AttachmentRefusal.TooLarge, $"Declared length {declaredLength} exceeds {maxBytes}");
        }

        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new AttachmentFetchException(AttachmentRefusal.TooLarge, $"The body exceeds {maxBytes} bytes");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (IOException ex)
        {
            throw new AttachmentFetchException(AttachmentRefusal.Unavailable, "The download broke off: " + ex.GetType().Name, ex);
        }
    }
}
