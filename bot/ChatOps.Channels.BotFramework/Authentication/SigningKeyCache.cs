using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace ChatOps.Channels.BotFramework;

/// <summary>A published signing key with the channels it may vouch for.</summary>
internal sealed record SigningKeyEntry(SecurityKey Key, IReadOnlySet<string> Endorsements);

/// <summary>One fetch of an OpenID metadata document and its key set.</summary>
internal sealed record SigningKeySnapshot(
    IReadOnlyDictionary<string, SigningKeyEntry> Keys,
    IReadOnlySet<string> SigningAlgorithms,
    DateTimeOffset FetchedAt);

/// <summary>The metadata or key set could not be fetched and no usable keys are cached.</summary>
internal sealed class MetadataUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);

/// <summary>
/// Fetches an OpenID metadata document, then its <c>jwks_uri</c>, and caches the RSA keys with their
/// <c>endorsements</c>. Keys are fetched again after <see cref="BotAuthenticationOptions.KeyRefreshInterval"/>, and on
/// an unknown kid at most once per <see cref="BotAuthenticationOptions.MinimumKeyRefreshInterval"/>. When a refresh
/// fails, the last keys stay in use up to <see cref="BotAuthenticationOptions.MaximumKeyStaleness"/>.
/// </summary>
internal sealed class SigningKeyCache
{
    private const int MaxDocumentBytes = 1024 * 1024;

    private readonly Uri _metadataUrl;
    private readonly HttpClient _httpClient;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly TimeSpan _refreshInterval;
    private readonly TimeSpan _minimumRefreshInterval;
    private readonly TimeSpan _retryDelay;
    private readonly TimeSpan _maximumStaleness;
    private readonly TimeSpan _requestTimeout;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private volatile SigningKeySnapshot? _snapshot;
    private DateTimeOffset? _lastAttempt;
    private DateTimeOffset? _lastFailure;
    private string? _lastError;
    private long _generation;

    public SigningKeyCache(Uri metadataUrl, HttpClient httpClient, TimeProvider timeProvider, BotAuthenticationOptions options, ILogger logger)
    {
        _metadataUrl = metadataUrl;
        _httpClient = httpClient;
        _timeProvider = timeProvider;
        _logger = logger;
        _refreshInterval = options.KeyRefreshInterval;
        _minimumRefreshInterval = options.MinimumKeyRefreshInterval;
        _retryDelay = options.MetadataRetryDelay;
        _maximumStaleness = options.MaximumKeyStaleness;
        _requestTimeout = options.MetadataRequestTimeout;
    }

    public Uri MetadataUrl => _metadataUrl;

    /// <summary>Returns the cached keys, fetching them first if none are cached or they are due for refresh.</summary>
    public async ValueTask<SigningKeySnapshot> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && IsFresh(snapshot, _timeProvider.GetUtcNow()))
        {
            return snapshot;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            snapshot = _snapshot;
            var now = _timeProvider.GetUtcNow();
            if (snapshot is not null && IsFresh(snapshot, now))
            {
                return snapshot;
            }

            if (snapshot is not null && _lastAttempt is { } last && now - last < _minimumRefreshInterval)
            {
                // A refresh was tried a moment ago and failed: keep serving the old keys for now.
                return UseStale(snapshot, now, null);
            }

            if (snapshot is null && _lastFailure is { } failedAt && now - failedAt < _retryDelay)
            {
                throw new MetadataUnavailableException($"Signing keys from {_metadataUrl} are unavailable: {_lastError}");
            }

            try
            {
                return await FetchAsync(now, cancellationToken).ConfigureAwait(false);
            }
            catch (MetadataUnavailableException e) when (snapshot is not null)
            {
                return UseStale(snapshot, now, e);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Fetches the keys again because a token named a kid we do not know. Returns the new keys, or null when a fetch
    /// happened too recently (rate limit); throws <see cref="MetadataUnavailableException"/> when the fetch fails.
    /// </summary>
    public async ValueTask<SigningKeySnapshot?> RefreshForUnknownKeyAsync(SigningKeySnapshot seen, CancellationToken cancellationToken)
    {
        var generationBefore = Interlocked.Read(ref _generation);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _snapshot;
            if (current is not null && (!ReferenceEquals(current, seen) || Interlocked.Read(ref _generation) != generationBefore))
            {
                // Another request refreshed while we waited: let the caller look again.
                return current;
            }

            var now = _timeProvider.GetUtcNow();
            if (_lastAttempt is { } last && now - last < _minimumRefreshInterval)
            {
                return null;
            }

            return await FetchAsync(now, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool IsFresh(SigningKeySnapshot snapshot, DateTimeOffset now) => now - snapshot.FetchedAt < _refreshInterval;

    private SigningKeySnapshot UseStale(SigningKeySnapshot snapshot, DateTimeOffset now, Exception? error)
    {
        if (now - snapshot.FetchedAt >= _maximumStaleness)
        {
            throw new MetadataUnavailableException(
                $"Signing keys from {_metadataUrl} are {now - snapshot.FetchedAt} old and cannot be refreshed: {_lastError}",
                error);
        }

        if (error is not null)
        {
            _logger.LogWarning(
                error,
                "Refreshing signing keys from {MetadataUrl} failed; keeping keys fetched at {FetchedAt}",
                _metadataUrl,
                snapshot.FetchedAt);
        }

        return snapshot;
    }

    private async Task<SigningKeySnapshot> FetchAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        _lastAttempt = now;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_requestTimeout);

            Uri jwksUri;
            HashSet<string> algorithms;
            using (var metadata = await GetJsonAsync(_metadataUrl, timeout.Token).ConfigureAwait(false))
            {
                (jwksUri, algorithms) = ReadMetadata(metadata.RootElement);
            }

            Dictionary<string, SigningKeyEntry> keys;
            using (var jwks = await GetJsonAsync(jwksUri, timeout.Token).ConfigureAwait(false))
            {
                keys = ReadKeys(jwks.RootElement);
            }

            var snapshot = new SigningKeySnapshot(keys, algorithms, now);
            _snapshot = snapshot;
            Interlocked.Increment(ref _generation);
            _lastFailure = null;
            _lastError = null;
            _logger.LogInformation("Fetched {KeyCount} signing keys from {JwksUri}", keys.Count, jwksUri);
            return snapshot;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested
                                  && e is HttpRequestException or JsonException or InvalidDataException or FormatException
                                      or CryptographicException or OperationCanceledException)
        {
            _lastFailure = now;
            _lastError = e is OperationCanceledException ? "request timed out" : e.Message;
            _logger.LogWarning(e, "Fetching signing keys from {MetadataUrl} failed", _metadataUrl);
            throw new MetadataUnavailableException($"Signing keys from {_metadataUrl} are unavailable: {_lastError}", e);
        }
    }

    private async Task<JsonDocument> GetJsonAsync(Uri url, CancellationToken cancellationToken)
    {
        using var response = await _httpClient
            .GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {url} answered {(int)response.StatusCode}.", null, response.StatusCode);
        }

        if (response.Content.Headers.ContentLength > MaxDocumentBytes)
        {
            throw new InvalidDataException($"GET {url} answered a document larger than {MaxDocumentBytes} bytes.");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxDocumentBytes)
                {
                    throw new InvalidDataException($"GET {url} answered a document larger than {MaxDocumentBytes} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }

            return JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }
    }

    private static (Uri JwksUri, HashSet<string> Algorithms) ReadMetadata(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("jwks_uri", out var jwksProperty)
            || jwksProperty.ValueKind != JsonValueKind.String
            || !Uri.TryCreate(jwksProperty.GetString(), UriKind.Absolute, out var jwksUri)
            || (jwksUri.Scheme != Uri.UriSchemeHttps && jwksUri.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidDataException("The OpenID metadata has no absolute http(s) 'jwks_uri'.");
        }

        var algorithms = new HashSet<string>(StringComparer.Ordinal);
        if (root.TryGetProperty("id_token_signing_alg_values_supported", out var algs) && algs.ValueKind == JsonValueKind.Array)
        {
            foreach (var alg in algs.EnumerateArray())
            {
                if (alg.ValueKind == JsonValueKind.String && alg.GetString() is { Length: > 0 } name)
                {
                    algorithms.Add(name);
                }
            }
        }

        return (jwksUri, algorithms);
    }

    private Dictionary<string, SigningKeyEntry> ReadKeys(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("keys", out var keyArray)
            || keyArray.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("The key set has no 'keys' array.");
        }

        var keys = new Dictionary<string, SigningKeyEntry>(StringComparer.Ordinal);
        foreach (var jwk in keyArray.EnumerateArray())
        {
            if (jwk.ValueKind != JsonValueKind.Object
                || GetString(jwk, "kty") != "RSA"
                || GetString(jwk, "kid") is not { Length: > 0 } kid
                || (GetString(jwk, "use") is { } use && use != "sig"))
            {
                continue;
            }

            var key = CreateRsaKey(jwk, kid);
            if (key is null)
            {
                _logger.LogWarning("Signing key {KeyId} from {MetadataUrl} has neither n/e nor x5c; ignored", kid, _metadataUrl);
                continue;
            }

            var endorsements = new HashSet<string>(StringComparer.Ordinal);
            if (jwk.TryGetProperty("endorsements", out var endorsementArray) && endorsementArray.ValueKind == JsonValueKind.Array)
            {
                foreach (var endorsement in endorsementArray.EnumerateArray())
                {
                    if (endorsement.ValueKind == JsonValueKind.String && endorsement.GetString() is { Length: > 0 } value)
                    {
                        endorsements.Add(value);
                    }
                }
            }

            keys.TryAdd(kid, new SigningKeyEntry(key, endorsements));
        }

        if (keys.Count == 0)
        {
            throw new InvalidDataException("The key set has no usable RSA signing key.");
        }

        return keys;
    }

    private static RsaSecurityKey? CreateRsaKey(JsonElement jwk, string kid)
    {
        RSAParameters parameters;
        if (GetString(jwk, "n") is { Length: > 0 } n && GetString(jwk, "e") is { Length: > 0 } e)
        {
            parameters = new RSAParameters { Modulus = Base64UrlEncoder.DecodeBytes(n), Exponent = Base64UrlEncoder.DecodeBytes(e) };
        }
        else if (jwk.TryGetProperty("x5c", out var chain)
                 && chain.ValueKind == JsonValueKind.Array
                 && chain.GetArrayLength() > 0
                 && chain[0].ValueKind == JsonValueKind.String)
        {
            using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(chain[0].GetString()!));
            using var rsa = certificate.GetRSAPublicKey();
            if (rsa is null)
            {
                return null;
            }

            parameters = rsa.ExportParameters(includePrivateParameters: false);
        }
        else
        {
            return null;
        }

        return new RsaSecurityKey(parameters) { KeyId = kid };
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
