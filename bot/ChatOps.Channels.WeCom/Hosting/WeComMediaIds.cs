using System.Collections.Concurrent;

namespace ChatOps.Channels.WeCom.Hosting;

/// <summary>
/// The media ids of the outbound files this instance uploaded, per file and app, kept a little less than WeCom keeps
/// them (3 days): a resend of a file message after an unknown outcome sends the same media_id again, so WeCom's duplicate
/// check recognises it (a new upload would give a new id and the person the file twice).
/// </summary>
internal sealed class WeComMediaIds
{
    /// <summary>How long an id is reused: WeCom's 3 days less an hour of margin.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(3) - TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<(string FileId, string App), (string MediaId, DateTimeOffset UploadedAt)> _ids = new();

    /// <summary>The media id of <paramref name="fileId"/> uploaded through <paramref name="app"/> less than <see cref="Lifetime"/> ago, or null.</summary>
    public string? Find(string fileId, string app, DateTimeOffset now) =>
        _ids.TryGetValue((fileId, app), out var known) && now - known.UploadedAt < Lifetime ? known.MediaId : null;

    /// <summary>Remembers an upload (and forgets those past their lifetime).</summary>
    public void Remember(string fileId, string app, string mediaId, DateTimeOffset now)
    {
        foreach (var entry in _ids)
        {
            if (now - entry.Value.UploadedAt >= Lifetime)
            {
                _ids.TryRemove(entry);
            }
        }

        _ids[(fileId, app)] = (mediaId, now);
    }
}
