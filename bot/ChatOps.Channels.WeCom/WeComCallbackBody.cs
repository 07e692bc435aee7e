using System.Buffers;

namespace ChatOps.Channels.WeCom;

/// <summary>
/// Reads a callback request body with a hard size limit, so an oversized POST is refused while streaming
/// (<see cref="WeComCallbackFailureReason.TooLarge"/>) instead of being buffered whole before any check.
/// </summary>
public static class WeComCallbackBody
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads <paramref name="body"/> as UTF-8, failing with TooLarge beyond <paramref name="maxBytes"/> bytes and with
    /// MalformedXml when the bytes are not UTF-8.
    /// </summary>
    public static async Task<string> ReadAsStringAsync(
        Stream body,
        int maxBytes = WeComCryptoOptions.DefaultMaxBodyLength,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);

        // A pooled buffer, grown by doubling: a callback (about 1 KB) costs no buffer allocation of its own.
        var buffer = ArrayPool<byte>.Shared.Rent(4 * 1024);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > maxBytes)
                {
                    throw new WeComCallbackException(
                        WeComCallbackFailureReason.TooLarge,
                        string.Create(CultureInfo.InvariantCulture, $"The request body exceeds {maxBytes} bytes."));
                }
            }

            var bytes = buffer.AsSpan(0, length);
            if (bytes.StartsWith(Utf8Bom))
            {
                bytes = bytes[Utf8Bom.Length..];
            }

            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new WeComCallbackException(WeComCallbackFailureReason.MalformedXml, "The request body is not valid UTF-8.", ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
