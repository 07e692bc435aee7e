using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace ChatOps.Testing;

/// <summary>
/// Builds compact JWS tokens byte by byte, so tests control every header and claim: real RS256 signatures, and the
/// bad ones (HS256, <c>none</c>, wrong key) an attacker would send.
/// </summary>
public static class FakeTokenSigner
{
    /// <summary>Signs claims with an RSA key (RS256 unless told otherwise).</summary>
    /// <param name="key">The signing key; its kid goes into the header unless <paramref name="keyId"/> is given.</param>
    /// <param name="claims">The payload.</param>
    /// <param name="algorithm">RS256, RS384 or RS512.</param>
    /// <param name="keyId">The kid to put in the header.</param>
    /// <returns>The compact token.</returns>
    public static string Sign(FakeSigningKey key, JsonObject claims, string algorithm = "RS256", string? keyId = null)
    {
        var hash = algorithm switch
        {
            "RS256" => HashAlgorithmName.SHA256,
            "RS384" => HashAlgorithmName.SHA384,
            "RS512" => HashAlgorithmName.SHA512,
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Only RS256/384/512."),
        };
        return Encode(Header(algorithm, keyId ?? key.KeyId), claims, input => key.Sign(input, hash));
    }

    /// <summary>Signs claims with HMAC-SHA256 (a symmetric algorithm the bot must refuse).</summary>
    /// <param name="secret">The HMAC key.</param>
    /// <param name="claims">The payload.</param>
    /// <param name="keyId">The kid to put in the header.</param>
    /// <returns>The compact token.</returns>
    public static string SignHs256(byte[] secret, JsonObject claims, string keyId) =>
        Encode(Header("HS256", keyId), claims, input => HMACSHA256.HashData(secret, input));

    /// <summary>Makes an unsigned token (<c>alg: none</c>, empty signature).</summary>
    /// <param name="claims">The payload.</param>
    /// <param name="keyId">The kid to put in the header.</param>
    /// <returns>The compact token.</returns>
    public static string Unsigned(JsonObject claims, string? keyId) => Encode(Header("none", keyId), claims, null);

    /// <summary>Encodes header and payload and appends the signature made by <paramref name="sign"/> (none if null).</summary>
    /// <param name="header">The JOSE header.</param>
    /// <param name="payload">The claims.</param>
    /// <param name="sign">Signs the ASCII signing input.</param>
    /// <returns>The compact token.</returns>
    public static string Encode(JsonObject header, JsonObject payload, Func<byte[], byte[]>? sign)
    {
        var signingInput = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(header.ToJsonString()))
            + "."
            + Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = sign is null ? string.Empty : Base64UrlEncoder.Encode(sign(Encoding.ASCII.GetBytes(signingInput)));
        return signingInput + "." + signature;
    }

    /// <summary>Returns a JOSE header as the Bot Connector writes it.</summary>
    /// <param name="algorithm">The alg.</param>
    /// <param name="keyId">The kid (also written as x5t), or null.</param>
    /// <returns>The header.</returns>
    public static JsonObject Header(string algorithm, string? keyId)
    {
        var header = new JsonObject { ["alg"] = algorithm, ["typ"] = "JWT" };
        if (keyId is not null)
        {
            header["kid"] = keyId;
            header["x5t"] = keyId;
        }

        return header;
    }
}
