using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace ChatOps.Channels.BotFramework.Tests.Fakes;

/// <summary>
/// A real 2048-bit RSA signing key as the Bot Connector publishes it: a kid, the public JWK, and the channels the
/// key is endorsed for. Shared by the authentication tests and any fake Bot Connector.
/// </summary>
public sealed class FakeSigningKey : IDisposable
{
    private FakeSigningKey(string keyId, RSA rsa, IEnumerable<string> endorsements)
    {
        KeyId = keyId;
        Rsa = rsa;
        Endorsements = [.. endorsements];
    }

    /// <summary>Gets the key id (<c>kid</c>).</summary>
    public string KeyId { get; }

    /// <summary>Gets the private key.</summary>
    public RSA Rsa { get; }

    /// <summary>Gets the channel ids the key may vouch for.</summary>
    public IReadOnlyList<string> Endorsements { get; }

    /// <summary>Creates a key.</summary>
    /// <param name="keyId">The kid; random when null.</param>
    /// <param name="endorsements">The channel ids, e.g. <c>msteams</c>, <c>webchat</c>.</param>
    /// <returns>The key.</returns>
    public static FakeSigningKey Create(string? keyId = null, params string[] endorsements) =>
        new(keyId ?? Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12)), RSA.Create(2048), endorsements);

    /// <summary>Creates another RSA key under the same kid: what a forger would sign with.</summary>
    /// <returns>The impostor key.</returns>
    public FakeSigningKey CreateImpostor() => new(KeyId, RSA.Create(2048), Endorsements);

    /// <summary>Signs with RSASSA-PKCS1-v1_5 and the given hash.</summary>
    /// <param name="data">The signing input.</param>
    /// <param name="hash">The hash algorithm (SHA-256 for RS256).</param>
    /// <returns>The signature.</returns>
    public byte[] Sign(byte[] data, HashAlgorithmName hash) => Rsa.SignData(data, hash, RSASignaturePadding.Pkcs1);

    /// <summary>Returns the public JWK with the Bot Framework's extra <c>endorsements</c> member.</summary>
    /// <returns>The JWK.</returns>
    public JsonObject ToJwk()
    {
        var parameters = Rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["x5t"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (Endorsements.Count > 0)
        {
            jwk["endorsements"] = new JsonArray([.. Endorsements.Select(e => JsonValue.Create(e))]);
        }

        return jwk;
    }

    /// <inheritdoc/>
    public void Dispose() => Rsa.Dispose();
}
