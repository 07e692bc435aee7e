using System.Globalization;
using System.Text;

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

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new WeComCallbackException(
                    WeComCallbackFailureReason.TooLarge,
                    string.Create(CultureInfo.InvariantCulture, $"The request body exceeds {maxBytes} bytes."));
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
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
    }
}
