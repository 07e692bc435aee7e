using System.Text.Json.Nodes;

namespace ChatOps.Testing;

/// <summary>
/// The keys a fake OpenID endpoint publishes (a JWKS document); thread-safe so tests can rotate keys while the server
/// answers requests.
/// </summary>
public sealed class FakeKeySet
{
    private readonly Lock _lock = new();
    private readonly List<FakeSigningKey> _keys = [];

    /// <summary>Gets a snapshot of the published keys.</summary>
    public IReadOnlyList<FakeSigningKey> Keys
    {
        get
        {
            lock (_lock)
            {
                return [.. _keys];
            }
        }
    }

    /// <summary>Publishes a key.</summary>
    /// <param name="key">The key.</param>
    public void Add(FakeSigningKey key)
    {
        lock (_lock)
        {
            _keys.Add(key);
        }
    }

    /// <summary>Stops publishing a key.</summary>
    /// <param name="keyId">The kid.</param>
    /// <returns>Whether a key was removed.</returns>
    public bool Remove(string keyId)
    {
        lock (_lock)
        {
            return _keys.RemoveAll(k => k.KeyId == keyId) > 0;
        }
    }

    /// <summary>Returns the JWKS document: <c>{"keys":[...]}</c>.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJwksJson() =>
        new JsonObject { ["keys"] = new JsonArray([.. Keys.Select(k => (JsonNode)k.ToJwk())]) }.ToJsonString();
}
