using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace ChatOps.Bot.Tests.Operations;

/// <summary>The teams-package verb: a .zip Teams accepts, checked against the published manifest schema v1.29.</summary>
public class TeamsPackageTests
{
    private const string BotId = "6f2c1a7e-0b4d-4e3a-9c55-2d8b1e0f7a31";

    private static async Task<JsonSchema> SchemaAsync() =>
        await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Operations", "TeamsSchema", "MicrosoftTeams.schema.json"));

    [Fact]
    public async Task TeamsPackage_WritesManifestValidAgainstSchema_AndTheTwoIcons()
    {
        var folder = Directory.CreateTempSubdirectory("chatops-teams-").FullName;

        var result = await BotProcess.RunAsync(folder, "teams-package", "--out", "chatops-teams.zip", "--domain", "bot.example.gov.cn",
            $"--BotFramework:AppId={BotId}", "--BotFramework:AppPassword=secret");

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        using var zip = ZipFile.OpenRead(Path.Combine(folder, "chatops-teams.zip"));
        Assert.Equal(["color.png", "en-us.json", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        var manifestText = await ReadTextAsync(zip, "manifest.json");
        var errors = (await SchemaAsync()).Validate(manifestText);
        Assert.Empty(errors.Select(e => $"{e.Path}: {e.Kind}"));

        var manifest = JsonNode.Parse(manifestText)!;
        Assert.Equal("1.29", manifest["manifestVersion"]!.GetValue<string>());
        var bot = manifest["bots"]![0]!;
        Assert.Equal(BotId, bot["botId"]!.GetValue<string>());
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(["bot.example.gov.cn"], manifest["validDomains"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("工作督办助手", manifest["name"]!["short"]!.GetValue<string>());
        Assert.Equal("zh-cn", manifest["localizationInfo"]!["defaultLanguageTag"]!.GetValue<string>());
        var english = JsonNode.Parse(await ReadTextAsync(zip, "en-us.json"))!;
        Assert.Equal("ChatOps Office Assistant", english["name.short"]!.GetValue<string>());

        var color = Decode(await ReadBytesAsync(zip, "color.png"));
        var outline = Decode(await ReadBytesAsync(zip, "outline.png"));
        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        Assert.Equal(255, color.Alpha(0, 0));
        Assert.Equal(0, outline.Alpha(0, 0));
        Assert.Contains(Enumerable.Range(0, 32 * 32), i => outline.Alpha(i % 32, i / 32) == 255 && outline.Pixel(i % 32, i / 32) == (255, 255, 255));
        Assert.All(Enumerable.Range(0, 32 * 32), i => Assert.True(outline.Alpha(i % 32, i / 32) == 0 || outline.Pixel(i % 32, i / 32) == (255, 255, 255)));
    }

    [Fact]
    public async Task Schema_RejectsAManifestWithoutDeveloper_SoTheCheckAboveCanFail()
    {
        var folder = Directory.CreateTempSubdirectory("chatops-teams-").FullName;
        await BotProcess.RunAsync(folder, "teams-package", "--out", "p.zip", "--domain", "bot.example.gov.cn", $"--BotFramework:AppId={BotId}", "--BotFramework:AppPassword=s");
        using var zip = ZipFile.OpenRead(Path.Combine(folder, "p.zip"));
        var manifest = JsonNode.Parse(await ReadTextAsync(zip, "manifest.json"))!.AsObject();
        manifest.Remove("developer");
        manifest["bots"]![0]!["scopes"]!.AsArray().Add("everyone");

        var errors = (await SchemaAsync()).Validate(manifest.ToJsonString());

        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public async Task TeamsPackage_WithoutBotAppId_RefusesWithTheKey()
    {
        var folder = Directory.CreateTempSubdirectory("chatops-teams-").FullName;

        var result = await BotProcess.RunAsync(folder, "teams-package", "--out", "p.zip", "--domain", "bot.example.gov.cn");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("BotFramework:AppId", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "p.zip")));
    }

    private static async Task<string> ReadTextAsync(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<byte[]> ReadBytesAsync(ZipArchive zip, string name)
    {
        using var buffer = new MemoryStream();
        await using (var entry = zip.GetEntry(name)!.Open())
        {
            await entry.CopyToAsync(buffer, TestContext.Current.CancellationToken);
        }

        return buffer.ToArray();
    }

    /// <summary>Decodes the RGBA, filter-0 PNGs the package writes (IHDR checked: 8-bit RGBA).</summary>
    private static Image Decode(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20));
        Assert.Equal((8, 6), (png[24], png[25]));
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            if (type == "IDAT")
            {
                idat.Write(png, at + 8, length);
            }

            at += 12 + length;
        }

        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        return new Image(width, height, raw.ToArray());
    }

    private sealed record Image(int Width, int Height, byte[] Raw)
    {
        private int Offset(int x, int y) => (y * ((Width * 4) + 1)) + 1 + (x * 4);

        public int Alpha(int x, int y) => Raw[Offset(x, y) + 3];

        public (int R, int G, int B) Pixel(int x, int y) => (Raw[Offset(x, y)], Raw[Offset(x, y) + 1], Raw[Offset(x, y) + 2]);
    }
}
