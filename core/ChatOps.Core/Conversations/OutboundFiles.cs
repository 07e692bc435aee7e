using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ChatOps.Core.Conversations;

/// <summary>
/// A file the bot sends (the 专报's Word file), as the outbox row carries it: a reference to a stored file, never its
/// bytes, so the row stays small. Each channel turns it into what it can show: WeCom uploads the bytes as media at send
/// time and sends a file message; Bot Framework and the local web chat show a signed, expiring download link.
/// </summary>
/// <param name="Id">The stored file's id (<see cref="IOutboundFileStore"/>).</param>
/// <param name="Name">File name as the person sees it (工作专报（2026年第48周）.docx).</param>
/// <param name="ContentType">MIME type.</param>
/// <param name="Size">Bytes.</param>
public sealed record OutboundFile(string Id, string Name, string ContentType, long Size);

/// <summary>
/// A stored outbound file's details: who it was made for, what it is, its size and the secret its links are signed with.
/// The bytes are read apart (<see cref="IOutboundFileStore.ReadContentAsync"/>), only when they are sent or downloaded.
/// </summary>
/// <param name="Id">Random id (32 hex digits).</param>
/// <param name="Kind">What it is (<see cref="IOutboundFileAccess.Kind"/>), e.g. <c>bulletin</c>: who may download it is that kind's rule.</param>
/// <param name="PersonId">The person it was sent to; a link works for that person only.</param>
/// <param name="Name">File name.</param>
/// <param name="ContentType">MIME type.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Secret">Random key (base64) the file's download links are signed with (HMAC-SHA256); never shown.</param>
/// <param name="CreatedAt">When it was stored.</param>
public sealed record StoredFile(string Id, string Kind, string PersonId, string Name, string ContentType, long Size, string Secret, DateTimeOffset CreatedAt)
{
    /// <summary>The reference an outbound message carries.</summary>
    public OutboundFile Reference => new(Id, Name, ContentType, Size);
}

/// <summary>Stores outbound files (implemented by storage). Saving joins the caller's unit of work, so the file and the outbox row that names it commit together.</summary>
public interface IOutboundFileStore
{
    /// <summary>Stores <paramref name="file"/> with its <paramref name="content"/> in <paramref name="work"/>'s transaction.</summary>
    Task SaveAsync(IUnitOfWork work, StoredFile file, byte[] content, CancellationToken cancellationToken = default);

    /// <summary>A stored file's details by id, without its bytes (its own connection), or null.</summary>
    Task<StoredFile?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>A stored file's bytes by id (its own connection), or null when it is gone.</summary>
    Task<byte[]?> ReadContentAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Deletes the files made before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteCreatedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}

/// <summary>Who may download the files of one kind: the feature's own rule (the bulletin's is <see cref="Reports.BulletinService.MayRead"/>).</summary>
public interface IOutboundFileAccess
{
    /// <summary>The <see cref="StoredFile.Kind"/> this rule covers.</summary>
    string Kind { get; }

    /// <summary>True when <paramref name="actor"/> may have the file now (checked again at download time).</summary>
    bool MayDownload(Actor actor);
}

/// <summary>Settings of the outbound files (section <c>Files</c>).</summary>
public sealed class OutboundFileOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Files";

    /// <summary>
    /// The bot's public address for download links that leave the host (Teams); falls back to the top-level
    /// <c>PublicBaseUrl</c>. Without either, Bot Framework cannot be sent a file link (the message fails with that reason).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long a download link works after it was sent (default 3 days, as long as a WeCom media id).</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(3);
}

/// <summary>Why a download was refused.</summary>
public enum FileRefusal
{
    /// <summary>Allowed.</summary>
    None,

    /// <summary>No such file.</summary>
    NotFound,

    /// <summary>The signature does not match (a changed or forged link).</summary>
    BadSignature,

    /// <summary>The link's time is over.</summary>
    Expired,

    /// <summary>The person no longer may have it (left the directory, lost the role the file's rule asks).</summary>
    NotAllowed,
}

/// <summary>
/// The outbound-file use cases: store a file for a person inside a unit of work and give the reference a message
/// carries; sign a download link for that person (HMAC-SHA256 over id, person and expiry with the file's own secret, so
/// any instance can check it without a shared key); and open a download, checking signature, expiry and — again, at
/// download time — the rule of the file's kind for the person the link was made for.
/// </summary>
public sealed class OutboundFiles(
    IOutboundFileStore store, IDirectoryRepository directory, IEnumerable<IOutboundFileAccess> rules, IOptions<OutboundFileOptions> options, TimeProvider time)
{
    /// <summary>The path the host serves downloads on: <c>/files/{id}/{name}?p=…&amp;e=…&amp;s=…</c>.</summary>
    public const string RoutePrefix = "/files";

    /// <summary>The Word content type.</summary>
    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>True when links can be made for people outside this host: <c>Files:PublicBaseUrl</c> (or <c>PublicBaseUrl</c>) is set.</summary>
    public bool HasPublicAddress => HasRoot(null);

    /// <summary>
    /// Stores <paramref name="content"/> for <paramref name="personId"/> in <paramref name="work"/> and returns the reference
    /// to send. A kind without a registered <see cref="IOutboundFileAccess"/> is refused here, before anything is queued:
    /// nobody could say who may download it.
    /// </summary>
    /// <exception cref="InvalidOperationException">No download rule is registered for <paramref name="kind"/>.</exception>
    public async Task<OutboundFile> StoreAsync(
        IUnitOfWork work, string kind, string personId, string name, string contentType, byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(content);
        if (RuleOf(kind) is null)
        {
            throw new InvalidOperationException(
                $"No download rule (IOutboundFileAccess) is registered for files of kind '{kind}': register one before sending such files.");
        }

        var file = new StoredFile(
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), kind, personId, name, contentType,
            content.LongLength, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), time.GetUtcNow());
        await store.SaveAsync(work, file, content, cancellationToken);
        return file.Reference;
    }

    /// <summary>The stored details of a reference, without the bytes (null when the file is gone).</summary>
    public Task<StoredFile?> FindAsync(OutboundFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        return store.FindAsync(file.Id, cancellationToken);
    }

    /// <summary>The bytes of a stored file (null when it is gone): read only when they are sent or downloaded.</summary>
    public Task<byte[]?> ReadAsync(StoredFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        return store.ReadContentAsync(file.Id, cancellationToken);
    }

    /// <summary>
    /// A download link of <paramref name="file"/> for <paramref name="personId"/>, valid <see cref="OutboundFileOptions.LinkLifetime"/>
    /// from now: absolute on <paramref name="baseUrl"/> (or the configured public address when null); null when the file
    /// is gone or no base address is known.
    /// </summary>
    public async Task<string?> LinkAsync(OutboundFile file, string personId, string? baseUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        return HasRoot(baseUrl) && await store.FindAsync(file.Id, cancellationToken) is { } stored ? Link(stored, personId, baseUrl) : null;
    }

    /// <summary>
    /// A download link of the stored <paramref name="file"/> (details already read) for <paramref name="personId"/>, as
    /// <see cref="LinkAsync"/>; null when no base address is known.
    /// </summary>
    public string? Link(StoredFile file, string personId, string? baseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        if (!HasRoot(baseUrl))
        {
            return null;
        }

        var root = (baseUrl ?? options.Value.PublicBaseUrl)!.TrimEnd('/');
        var expires = (time.GetUtcNow() + options.Value.LinkLifetime).ToUnixTimeSeconds();
        return string.Create(CultureInfo.InvariantCulture,
            $"{root}{RoutePrefix}/{file.Id}/{Uri.EscapeDataString(file.Name)}?p={Uri.EscapeDataString(personId)}&e={expires}&s={Sign(file, personId, expires)}");
    }

    /// <summary>
    /// Checks a download link and the person's right to the file now (a kind without a registered
    /// <see cref="IOutboundFileAccess"/> is refused); the file's details and bytes when allowed — the bytes are read only
    /// then. A genuine link of a person no longer allowed (<see cref="FileRefusal.NotAllowed"/>) gives the details without
    /// the bytes, for the audit line of the refusal.
    /// </summary>
    public async Task<(StoredFile? File, byte[]? Content, FileRefusal Refusal)> OpenAsync(
        string id, string? personId, long expires, string? signature, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64 || await store.FindAsync(id, cancellationToken) is not { } file)
        {
            return (null, null, FileRefusal.NotFound);
        }

        if (string.IsNullOrEmpty(personId) || string.IsNullOrEmpty(signature) || !SignatureMatches(file, personId, expires, signature))
        {
            return (null, null, FileRefusal.BadSignature);
        }

        if (DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(expires, 0, 253402300799)) <= time.GetUtcNow())
        {
            return (null, null, FileRefusal.Expired);
        }

        if (personId != file.PersonId || await directory.FindPersonAsync(personId, cancellationToken) is not { } person
            || RuleOf(file.Kind) is not { } rule || !rule.MayDownload(Actor.Of(person, "download")))
        {
            return (file, null, FileRefusal.NotAllowed);
        }

        return await store.ReadContentAsync(file.Id, cancellationToken) is { } content
            ? (file, content, FileRefusal.None)
            : (null, null, FileRefusal.NotFound);
    }

    /// <summary>
    /// A file message (<see cref="OutboundMessage.File"/>) as a channel without files shows it: the caption and a Markdown
    /// link named by the file's name and size (工作专报….docx（35 KB）), with <paramref name="note"/> (why a link) between
    /// them when given. The one shape the local web chat, Bot Framework without cards and the WeCom fallback send.
    /// </summary>
    public static OutboundMessage LinkMessage(OutboundMessage message, string link, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(link);
        var file = message.File ?? throw new ArgumentException("The message carries no file.", nameof(message));
        var why = string.IsNullOrWhiteSpace(note) ? "" : "\n\n" + MarkdownText.Escape(note);
        return OutboundMessage.Markdown($"{MarkdownText.Escape(message.Text)}{why}\n\n[{MarkdownText.Escape(SizedName(file))}]({link})");
    }

    /// <summary>The file's name with its size as the office reads it: 工作专报….docx（35 KB）.</summary>
    public static string SizedName(OutboundFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return ConversationText.SizedFileName(file.Name, file.Size);
    }

    private IOutboundFileAccess? RuleOf(string kind) => rules.FirstOrDefault(r => r.Kind == kind);

    private bool HasRoot(string? baseUrl) => !string.IsNullOrWhiteSpace(baseUrl ?? options.Value.PublicBaseUrl);

    private static string Sign(StoredFile file, string personId, long expires)
    {
        var mac = HMACSHA256.HashData(Convert.FromBase64String(file.Secret), Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{file.Id}\n{personId}\n{expires}")));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static bool SignatureMatches(StoredFile file, string personId, long expires, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(file, personId, expires)), Encoding.ASCII.GetBytes(signature));
}
