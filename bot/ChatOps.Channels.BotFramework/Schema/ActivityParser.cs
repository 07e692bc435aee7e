using System.Buffers;
using System.Text.Unicode;

namespace ChatOps.Channels.BotFramework;

/// <summary>
/// Turns a request body into an <see cref="Activity"/>, rejecting with <see cref="InvalidActivityException"/> what is
/// not JSON, too large, or lacks the fields the bot needs to answer (type; for messages conversation.id, from.id,
/// serviceUrl and channelId). Unknown fields are accepted, as the protocol requires.
/// </summary>
public static class ActivityParser
{
    /// <summary>The default body limit: 1 MiB, well above what channels send (Teams caps messages near 100 KB).</summary>
    public const int DefaultMaxBytes = 1024 * 1024;

    /// <summary>Parses and checks an activity from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The body.</param>
    /// <param name="maxBytes">The largest body accepted.</param>
    /// <returns>The activity.</returns>
    /// <exception cref="InvalidActivityException">The body is not a usable activity.</exception>
    public static Activity Parse(ReadOnlySpan<byte> utf8Json, int maxBytes = DefaultMaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        if (utf8Json.Length > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        if (!Utf8.IsValid(utf8Json))
        {
            throw new InvalidActivityException(InvalidActivityReason.NotJson, null, "The request body is not valid UTF-8.");
        }

        var first = FirstNonWhitespace(utf8Json);
        if (first < 0)
        {
            throw new InvalidActivityException(InvalidActivityReason.NotJson, null, "The request body is empty.");
        }

        if (utf8Json[first] != (byte)'{')
        {
            throw new InvalidActivityException(InvalidActivityReason.NotJson, null, "The request body is not a JSON object.");
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(utf8Json, BotFrameworkJson.Options);
        }
        catch (JsonException e)
        {
            throw IsWellFormedJson(utf8Json)
                ? new InvalidActivityException(
                    InvalidActivityReason.InvalidField,
                    TrimPath(e.Path),
                    $"The activity field '{TrimPath(e.Path)}' has an unexpected JSON type.",
                    e)
                : new InvalidActivityException(
                    InvalidActivityReason.NotJson,
                    null,
                    $"The request body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).",
                    e);
        }

        if (activity is null)
        {
            throw new InvalidActivityException(InvalidActivityReason.NotJson, null, "The request body is not a JSON object.");
        }

        Validate(activity);
        return activity;
    }

    /// <summary>Reads at most <paramref name="maxBytes"/> from a stream and parses the activity (synchronous I/O).</summary>
    /// <param name="body">The body stream.</param>
    /// <param name="maxBytes">The largest body accepted.</param>
    /// <returns>The activity.</returns>
    /// <exception cref="InvalidActivityException">The body is not a usable activity.</exception>
    public static Activity Parse(Stream body, int maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        using var buffer = new BodyBuffer(maxBytes);
        while (buffer.Advance(body.Read(buffer.Free.Span)))
        {
        }

        return Parse(buffer.Content, maxBytes);
    }

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> from a stream asynchronously (an ASP.NET request body) and parses the
    /// activity. The limit is enforced while reading, whatever Content-Length says.
    /// </summary>
    /// <param name="body">The body stream.</param>
    /// <param name="maxBytes">The largest body accepted.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The activity.</returns>
    /// <exception cref="InvalidActivityException">The body is not a usable activity.</exception>
    public static async Task<Activity> ParseAsync(Stream body, int maxBytes = DefaultMaxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        using var buffer = new BodyBuffer(maxBytes);
        while (buffer.Advance(await body.ReadAsync(buffer.Free, cancellationToken).ConfigureAwait(false)))
        {
        }

        return Parse(buffer.Content, maxBytes);
    }

    private static void Validate(Activity activity)
    {
        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            throw Missing("type");
        }

        if (activity.ServiceUrl is not null && !IsHttpUrl(activity.ServiceUrl))
        {
            throw new InvalidActivityException(
                InvalidActivityReason.InvalidField,
                "serviceUrl",
                "The activity field 'serviceUrl' is not an absolute http(s) URL.");
        }

        if (!activity.IsMessage)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            throw Missing("conversation.id");
        }

        if (string.IsNullOrWhiteSpace(activity.From?.Id))
        {
            throw Missing("from.id");
        }

        if (string.IsNullOrWhiteSpace(activity.ServiceUrl))
        {
            throw Missing("serviceUrl");
        }

        if (string.IsNullOrWhiteSpace(activity.ChannelId))
        {
            throw Missing("channelId");
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static InvalidActivityException Missing(string field) =>
        new(InvalidActivityReason.MissingField, field, $"The activity has no '{field}'.");

    private static InvalidActivityException TooLarge(int maxBytes) =>
        new(InvalidActivityReason.TooLarge, null, $"The request body is larger than {maxBytes} bytes.");

    private static string? TrimPath(string? path) =>
        path is null ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static int FirstNonWhitespace(ReadOnlySpan<byte> utf8Json)
    {
        for (var i = 0; i < utf8Json.Length; i++)
        {
            if (utf8Json[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsWellFormedJson(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(
            utf8Json,
            new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// A pooled buffer a body is read into, by the synchronous and the asynchronous parse alike: it grows up to one
    /// byte beyond the limit, so that an oversized body is detected rather than truncated.
    /// </summary>
    private sealed class BodyBuffer(int maxBytes) : IDisposable
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes + 1, 16 * 1024));
        private int _length;

        /// <summary>Where the next read goes (grown first when the buffer is full).</summary>
        public Memory<byte> Free
        {
            get
            {
                if (_length == _buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)_buffer.Length * 2, (long)maxBytes + 1));
                    _buffer.AsSpan(0, _length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(_buffer);
                    _buffer = larger;
                }

                return _buffer.AsMemory(_length);
            }
        }

        /// <summary>What has been read so far.</summary>
        public ReadOnlySpan<byte> Content => _buffer.AsSpan(0, _length);

        /// <summary>Counts a read of <paramref name="read"/> bytes; false at the end of the body, an error past the limit.</summary>
        public bool Advance(int read)
        {
            _length += read;
            return _length > maxBytes ? throw TooLarge(maxBytes) : read > 0;
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
    }
}
