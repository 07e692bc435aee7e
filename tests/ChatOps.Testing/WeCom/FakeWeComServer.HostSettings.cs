namespace ChatOps.Testing;

public sealed partial class FakeWeComServer
{
    /// <summary>
    /// The configuration that points the bot's single WeCom app at this fake (corp id, agent, secret, callback token
    /// and key, API base URL), as an operator's appsettings would; <paramref name="more"/> is added or overrides.
    /// </summary>
    public Dictionary<string, string?> BotSettings(IEnumerable<KeyValuePair<string, string?>>? more = null)
    {
        var app = CreateAppOptions();
        var settings = new Dictionary<string, string?>
        {
            ["WeCom:CorpId"] = app.CorpId,
            ["WeCom:AgentId"] = app.AgentId,
            ["WeCom:Secret"] = app.Secret,
            ["WeCom:Token"] = app.Token,
            ["WeCom:EncodingAESKey"] = app.EncodingAESKey,
            ["WeCom:ApiBaseUrl"] = BaseUrl,
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }
}
