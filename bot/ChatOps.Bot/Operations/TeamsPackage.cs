using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOps.Bot.Operations;

/// <summary>The Teams app package cannot be built from the settings; the message names the key.</summary>
public sealed class TeamsPackageException(string message) : Exception(message);

/// <summary>
/// The .zip Teams installs the bot from: <c>manifest.json</c> (schema v1.29: the bot's app id, personal/team/groupChat
/// scopes, valid domains, Chinese names with English in <c>en-us.json</c> through localizationInfo) and the two icons
/// (color 192×192, outline 32×32 transparent). Settings: <c>BotFramework:AppId</c> (required), <c>Teams:AppId</c> (the
/// Teams app's own id; default the bot's), <c>Teams:ShortName</c>/<c>ShortNameEnglish</c>, <c>Teams:Developer</c>,
/// <c>Teams:WebsiteUrl</c>, <c>Teams:AccentColor</c>, and the domain from <c>--domain</c> or <c>PublicBaseUrl</c>.
/// </summary>
public sealed class TeamsPackage
{
    /// <summary>The manifest schema version written.</summary>
    public const string ManifestVersion = "1.29";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private TeamsPackage(JsonObject manifest, JsonObject english, byte[] color, byte[] outline, string botId)
    {
        Manifest = manifest;
        English = english;
        ColorIcon = color;
        OutlineIcon = outline;
        BotId = botId;
    }

    /// <summary>manifest.json.</summary>
    public JsonObject Manifest { get; }

    /// <summary>en-us.json, the English strings.</summary>
    public JsonObject English { get; }

    /// <summary>color.png, 192×192.</summary>
    public byte[] ColorIcon { get; }

    /// <summary>outline.png, 32×32, white on transparent.</summary>
    public byte[] OutlineIcon { get; }

    /// <summary>The bot's Microsoft App ID.</summary>
    public string BotId { get; }

    /// <summary>Builds the package from configuration; <paramref name="domain"/> and <paramref name="version"/> override it.</summary>
    public static TeamsPackage FromConfiguration(IConfiguration configuration, string? domain = null, string? version = null)
    {
        var botId = configuration["BotFramework:AppId"]?.Trim();
        if (string.IsNullOrEmpty(botId) || !Guid.TryParse(botId, out _))
        {
            throw new TeamsPackageException(HostText.TeamsBotIdRequired);
        }

        var appId = configuration["Teams:AppId"]?.Trim() is { Length: > 0 } teamsId ? teamsId : botId;
        if (!Guid.TryParse(appId, out _))
        {
            throw new TeamsPackageException(HostText.TeamsAppIdNotGuid(appId));
        }

        domain ??= Uri.TryCreate(configuration["PublicBaseUrl"] ?? configuration["Circulars:PublicBaseUrl"], UriKind.Absolute, out var baseUrl) ? baseUrl.Host : null;
        if (string.IsNullOrWhiteSpace(domain) || domain.Contains('/', StringComparison.Ordinal) || domain.Contains(':', StringComparison.Ordinal))
        {
            throw new TeamsPackageException(HostText.TeamsDomainRequired);
        }

        version ??= "1.0.0";
        if (!System.Text.RegularExpressions.Regex.IsMatch(version, @"^\d+\.\d+\.\d+$"))
        {
            throw new TeamsPackageException(HostText.TeamsBadVersion(version));
        }

        var office = configuration["Office:Name"] ?? HostText.TeamsDefaultOffice;
        var shortName = Limit(configuration["Teams:ShortName"] ?? HostText.TeamsDefaultShortName, 30);
        var shortEnglish = Limit(configuration["Teams:ShortNameEnglish"] ?? "ChatOps Office Assistant", 30);
        var developer = Limit(configuration["Teams:Developer"] ?? office, 32);
        var website = configuration["Teams:WebsiteUrl"] ?? $"https://{domain}/";
        var accent = configuration["Teams:AccentColor"] ?? "#C7000B";
        if (!System.Text.RegularExpressions.Regex.IsMatch(accent, "^#[0-9a-fA-F]{6}$"))
        {
            throw new TeamsPackageException(HostText.TeamsBadAccent(accent));
        }

        var manifest = new JsonObject
        {
            ["$schema"] = $"https://developer.microsoft.com/en-us/json-schemas/teams/v{ManifestVersion}/MicrosoftTeams.schema.json",
            ["manifestVersion"] = ManifestVersion,
            ["version"] = version,
            ["id"] = appId,
            ["localizationInfo"] = new JsonObject
            {
                ["defaultLanguageTag"] = "zh-cn",
                ["additionalLanguages"] = new JsonArray(new JsonObject { ["languageTag"] = "en-us", ["file"] = "en-us.json" }),
            },
            ["developer"] = new JsonObject
            {
                ["name"] = developer,
                ["websiteUrl"] = website,
                ["privacyUrl"] = configuration["Teams:PrivacyUrl"] ?? website,
                ["termsOfUseUrl"] = configuration["Teams:TermsOfUseUrl"] ?? website,
            },
            ["name"] = new JsonObject { ["short"] = shortName, ["full"] = Limit($"{office}{shortName}", 100) },
            ["description"] = new JsonObject
            {
                ["short"] = Limit(HostText.TeamsShortDescription, 80),
                ["full"] = Limit(HostText.TeamsFullDescription(office), 4000),
            },
            ["icons"] = new JsonObject { ["color"] = "color.png", ["outline"] = "outline.png" },
            ["accentColor"] = accent.ToUpperInvariant(),
            ["bots"] = new JsonArray(new JsonObject
            {
                ["botId"] = botId,
                ["scopes"] = new JsonArray("personal", "team", "groupChat"),
                ["supportsFiles"] = false,
                ["isNotificationOnly"] = false,
            }),
            ["permissions"] = new JsonArray("identity", "messageTeamMembers"),
            ["validDomains"] = new JsonArray(domain),
        };
        var english = new JsonObject
        {
            ["$schema"] = $"https://developer.microsoft.com/en-us/json-schemas/teams/v{ManifestVersion}/MicrosoftTeams.Localization.schema.json",
            ["name.short"] = shortEnglish,
            ["name.full"] = Limit($"{shortEnglish} of the leading group's office", 100),
            ["description.short"] = "Weekly report prompts, meeting leave requests, circular sign-off",
            ["description.full"] = "The office's bot: prompts each member unit's liaison to report on time and collects the report by dialog; meeting notices and leave requests; circulars pushed and acknowledged.",
        };
        var rgb = (byte.Parse(accent[1..3], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            byte.Parse(accent[3..5], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            byte.Parse(accent[5..7], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        return new TeamsPackage(manifest, english, PngIcon.Color(192, rgb), PngIcon.Outline(32), botId);
    }

    /// <summary>The package as Teams uploads it: the four files at the zip's root.</summary>
    public byte[] ToZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "manifest.json", JsonSerializer.SerializeToUtf8Bytes(Manifest, Json));
            Add(zip, "en-us.json", JsonSerializer.SerializeToUtf8Bytes(English, Json));
            Add(zip, "color.png", ColorIcon);
            Add(zip, "outline.png", OutlineIcon);
        }

        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        stream.Write(content);
    }

    private static string Limit(string text, int max) => text.Length <= max ? text : text[..max];
}
