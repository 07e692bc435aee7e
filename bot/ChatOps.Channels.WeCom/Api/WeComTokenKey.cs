namespace ChatOps.Channels.WeCom.Api;

/// <summary>Identifies one app's access_token: WeCom issues tokens per app, so the cache is keyed by corp id and agent id.</summary>
/// <param name="CorpId">The corp id.</param>
/// <param name="AgentId">The app's agent id.</param>
public readonly record struct WeComTokenKey(string CorpId, string AgentId)
{
    /// <summary>The key of the app's token in the shared <see cref="Core.Conversations.IAccessTokenCache"/>: "wecom:{corp}:{agent}".</summary>
    public string CacheKey => $"wecom:{CorpId}:{AgentId}";

    /// <inheritdoc />
    public override string ToString() => $"{CorpId}:{AgentId}";
}
