using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace ChatOps.Bot.OfficeConsole;

/// <summary>The console's own style sheet, embedded in the assembly (Console/wwwroot): nothing from a CDN, no web fonts.</summary>
public sealed class ConsoleAssets
{
    private const string Prefix = "ChatOps.Bot.Console.wwwroot.";
    private readonly Dictionary<string, (byte[] Content, string Type, string ETag)> _assets;

    private ConsoleAssets(Dictionary<string, (byte[], string, string)> assets) => _assets = assets;

    /// <summary>Reads the embedded files.</summary>
    public static ConsoleAssets Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var assets = new Dictionary<string, (byte[], string, string)>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            var file = name[Prefix.Length..];
            var type = Path.GetExtension(file) == ".css" ? "text/css; charset=utf-8" : "application/octet-stream";
            assets[file] = (content, type, $"\"{Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 8))}\"");
        }

        return new ConsoleAssets(assets);
    }

    /// <summary>Answers with a file, with an ETag, or 404.</summary>
    public IResult Serve(HttpContext context, string file)
    {
        if (!_assets.TryGetValue(file, out var asset))
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.ETag = asset.ETag;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return context.Request.Headers.IfNoneMatch.ToString() == asset.ETag
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(asset.Content, asset.Type);
    }
}
