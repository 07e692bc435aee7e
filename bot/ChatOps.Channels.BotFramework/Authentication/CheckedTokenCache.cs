using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;

namespace ChatOps.Channels.BotFramework;

/// <summary>
/// A token whose signature, issuer, audience and lifetime <see cref="BotAuthenticator"/> checked, with what the checks
/// that depend on the request or the moment need again: the key that signed it (its endorsements), the key set it was
/// found in, and its lifetime.
/// </summary>
internal sealed record CheckedToken(
    BotTokenSource Source,
    ClaimsIdentity Identity,
    string Kid,
    SigningKeyEntry Key,
    SigningKeySnapshot Keys,
    DateTime? NotBefore,
    DateTime Expires)
{
    /// <summary>Whether the token is within its lifetime at <paramref name="now"/>, with <paramref name="skew"/> either side.</summary>
    public bool IsCurrent(DateTime now, TimeSpan skew) => (NotBefore is not { } from || from <= now + skew) && Expires >= now - skew;
}

/// <summary>
/// The tokens already checked, by their exact text, until they expire: the Bot Connector's tokens are valid for an hour,
/// and a token it sends again pays for the RS256 verification and the parsing of its claims only the first time
/// (38–67 µs and 8.7–9.5 KB a request, measured apart; under load 0.06–0.07 ms and 6–7 KB a turn: docs/benchmarks.md,
/// twenty-first session). A token enters only after it passed every check of the token itself; whatever depends on the
/// request or the moment is checked again on every use (<see cref="BotAuthenticator"/>): the lifetime against the
/// clock, the key still published in the same key set, the key's endorsement of the activity's channel and the
/// <c>serviceurl</c> claim. At most <see cref="Capacity"/> tokens: when full, the expired ones are dropped, and if none
/// had expired, all of them (they are checked again on next use).
/// </summary>
internal sealed class CheckedTokenCache
{
    private readonly ConcurrentDictionary<string, CheckedToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CheckedToken>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    /// <summary>Initializes a new instance of the <see cref="CheckedTokenCache"/> class.</summary>
    /// <param name="capacity">The most tokens kept; 0 keeps none.</param>
    public CheckedTokenCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        _bySpan = _tokens.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Gets the most tokens kept.</summary>
    public int Capacity { get; }

    /// <summary>Gets how many tokens are kept now.</summary>
    public int Count => _tokens.Count;

    /// <summary>Finds a checked token by its text, without copying the text out of the header.</summary>
    /// <param name="token">The token's text.</param>
    /// <param name="checkedToken">The token, when found.</param>
    /// <returns>Whether it was found.</returns>
    public bool TryGet(ReadOnlySpan<char> token, [MaybeNullWhen(false)] out CheckedToken checkedToken) =>
        _bySpan.TryGetValue(token, out checkedToken);

    /// <summary>Forgets a token (its lifetime ended, or the keys were fetched again since it was checked).</summary>
    /// <param name="token">The token's text.</param>
    public void Remove(ReadOnlySpan<char> token) => _bySpan.TryRemove(token, out _);

    /// <summary>Keeps a token that passed every check of the token itself.</summary>
    /// <param name="token">The token's text.</param>
    /// <param name="checkedToken">What the checks found.</param>
    /// <param name="now">The time, to drop expired tokens when full.</param>
    /// <param name="skew">The clock skew allowed.</param>
    public void Add(string token, CheckedToken checkedToken, DateTime now, TimeSpan skew)
    {
        if (Capacity == 0)
        {
            return;
        }

        if (_tokens.Count >= Capacity)
        {
            foreach (var (text, kept) in _tokens)
            {
                if (!kept.IsCurrent(now, skew))
                {
                    _tokens.TryRemove(text, out _);
                }
            }

            if (_tokens.Count >= Capacity)
            {
                _tokens.Clear();
            }
        }

        _tokens[token] = checkedToken;
    }
}
