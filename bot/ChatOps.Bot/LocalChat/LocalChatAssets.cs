using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace ChatOps.Bot.LocalChat;

/// <summary>
/// The chat page's files, embedded in the assembly (LocalChat/wwwroot) so the page never depends on the working
/// folder, and served with an ETag and strict security headers (no inline script, nothing loaded from elsewhere).
/// </summary>
internal sealed class LocalChatAssets
{
    /// <summary>Only our own files; no inline script or style; no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string Prefix = "ChatOps.Bot.LocalChat.wwwroot.";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    private readonly Dictionary<string, Asset> _assets;

    private LocalChatAssets(Dictionary<string, Asset> assets) => _assets = assets;

    /// <summary>Reads every embedded file of the page.</summary>
    public static LocalChatAssets Load()
    {
        var assembly = typeof(LocalChatAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var file = name[Prefix.Length..];
            assets[file] = Read(assembly, name, file);
        }

        if (!assets.ContainsKey("index.html"))
        {
            throw new InvalidOperationException($"The local chat page is missing from {assembly.GetName().Name} (embedded resource {Prefix}index.html).");
        }

        return new LocalChatAssets(assets);
    }

    /// <summary>Answers with the file named <paramref name="file"/> (e.g. "app.js"), or 404.</summary>
    public IResult Serve(HttpContext context, string file)
    {
        if (!_assets.TryGetValue(file, out var asset))
        {
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        var ifNoneMatch = context.Request.Headers.IfNoneMatch.ToString();
        return ifNoneMatch.Length > 0 && ifNoneMatch.Split(',').Any(t => t.Trim() == asset.ETag)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(asset.Content, asset.ContentType);
    }

    private static Asset Read(Assembly assembly, string resource, string file)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var content = copy.ToArray();
        var type = ContentTypes.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream");
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 8))}\"").ToString();
        return new Asset(content, type, etag);
    }

    private sealed record Asset(byte[] Content, string ContentType, string ETag);
}
