namespace ChatOps.Channels.WeCom.Api;

/// <summary>
/// WeCom's documented size and rate limits in one place. WeCom truncates over-long text silently, so the client
/// refuses it and <see cref="SplitUtf8"/> helps callers split instead of losing the end of a message.
/// </summary>
public static class WeComLimits
{
    /// <summary>message/send and appchat/send text content: 2048 bytes.</summary>
    public const int TextMaxBytes = 2048;

    /// <summary>message/send and appchat/send markdown content: 2048 bytes.</summary>
    public const int MarkdownMaxBytes = 2048;

    /// <summary>Group robot text content: 2048 bytes.</summary>
    public const int WebhookTextMaxBytes = 2048;

    /// <summary>Group robot markdown content: 4096 bytes.</summary>
    public const int WebhookMarkdownMaxBytes = 4096;

    /// <summary>message/send: at most 1000 users per call.</summary>
    public const int MaxUsersPerMessage = 1000;

    /// <summary>message/send: at most 100 parties or tags per call.</summary>
    public const int MaxPartiesOrTagsPerMessage = 100;

    /// <summary>duplicate_check_interval: at most 4 hours.</summary>
    public static readonly TimeSpan MaxDuplicateCheckInterval = TimeSpan.FromHours(4);

    /// <summary>Per member per app: 30 messages a minute (excess silently dropped).</summary>
    public const int MemberMessagesPerMinute = 30;

    /// <summary>Per member per app: 1000 messages an hour (excess silently dropped).</summary>
    public const int MemberMessagesPerHour = 1000;

    /// <summary>Group robot: 20 messages a minute.</summary>
    public const int WebhookMessagesPerMinute = 20;

    /// <summary>Template card: at most 6 buttons.</summary>
    public const int CardMaxButtons = 6;

    /// <summary>Template card: button text suggested ≤ 10 characters.</summary>
    public const int CardButtonTextMaxChars = 10;

    /// <summary>Template card: button key ≤ 1024 bytes.</summary>
    public const int CardButtonKeyMaxBytes = 1024;

    /// <summary>Template card: task_id ≤ 128 bytes.</summary>
    public const int CardTaskIdMaxBytes = 128;

    /// <summary>Template card: main_title.title suggested ≤ 36 characters.</summary>
    public const int CardTitleMaxChars = 36;

    /// <summary>Template card: sub_title_text suggested ≤ 160 characters.</summary>
    public const int CardSubTitleMaxChars = 160;

    /// <summary>appchat/create: chatid ≤ 32 characters of 0-9a-zA-Z.</summary>
    public const int AppChatIdMaxChars = 32;

    /// <summary>UTF-8 byte length.</summary>
    public static int Utf8Length(string text) => Encoding.UTF8.GetByteCount(text);

    /// <summary>
    /// Splits <paramref name="text"/> into parts of at most <paramref name="maxBytes"/> UTF-8 bytes, preferring line
    /// breaks and never splitting a surrogate pair. Returns the text itself when it fits.
    /// </summary>
    public static IReadOnlyList<string> SplitUtf8(string text, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 4);
        var parts = new List<string>();
        var rest = text.AsSpan();
        while (Encoding.UTF8.GetByteCount(rest) > maxBytes)
        {
            // Longest prefix that fits.
            int bytes = 0, cut = 0;
            while (cut < rest.Length)
            {
                var width = char.IsHighSurrogate(rest[cut]) && cut + 1 < rest.Length ? 2 : 1;
                var size = Encoding.UTF8.GetByteCount(rest.Slice(cut, width));
                if (bytes + size > maxBytes)
                {
                    break;
                }

                bytes += size;
                cut += width;
            }

            var newline = rest[..cut].LastIndexOf('\n');
            var end = newline > 0 ? newline + 1 : cut;
            parts.Add(rest[..end].TrimEnd('\n').ToString());
            rest = rest[end..];
        }

        if (rest.Length > 0 || parts.Count == 0)
        {
            parts.Add(rest.ToString());
        }

        return parts;
    }
}
