using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace ChatOps.Testing;

/// <summary>
/// A real 2048-bit RSA signing key as the Bot Connector publishes it: a kid, the public JWK, and the channels the
/// key is endorsed for. Shared by the authentication tests and any fake Bot Connector. Key material comes from a small
/// pool generated once per test run (generating RSA keys costs ~0.4 s each); keys in the pool are distinct.
/// </summary>
public sealed class FakeSigningKey : IDisposable
{
    private const int PoolSize = 8;

    private static readonly Lazy<RSAParameters[]> Pool = new(() =>
    {
        var pool = new RSAParameters[PoolSize];
        Parallel.For(0, PoolSize, i =>
        {
            using var rsa = RSA.Create(2048);
            pool[i] = rsa.ExportParameters(includePrivateParameters: true);
        });
        return pool;
    });

    private static int _nextPooled = -1;

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
    public static FakeSigningKey Create(string? keyId = null, params string[] endorsements)
    {
        var index = (int)((uint)Interlocked.Increment(ref _nextPooled) % PoolSize);
        return new(keyId ?? NewKeyId(), RSA.Create(Pool.Value[index]), endorsements);
    }

    /// <summary>Creates a key with newly generated material (slow; for tests that need a key nobody else has).</summary>
    /// <param name="keyId">The kid; random when null.</param>
    /// <param name="endorsements">The channel ids.</param>
    /// <returns>The key.</returns>
    public static FakeSigningKey CreateUnique(string? keyId = null, params string[] endorsements) =>
        new(keyId ?? NewKeyId(), RSA.Create(2048), endorsements);

    /// <summary>Creates another RSA key under the same kid: what a forger would sign with.</summary>
    /// <returns>The impostor key, guaranteed to have different material.</returns>
    public FakeSigningKey CreateImpostor()
    {
        var modulus = Rsa.ExportParameters(includePrivateParameters: false).Modulus!;
        var other = Pool.Value.First(p => !p.Modulus!.AsSpan().SequenceEqual(modulus));
        return new(KeyId, RSA.Create(other), Endorsements);
    }

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

    private static string NewKeyId() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12));
}
