namespace ChatOps.Core.Reports;

/// <summary>
/// The office's own items for 一、行动要情 of a period's bulletin (what the leading group did that week: meetings,
/// inspections), which no unit reports. Keyed on the period's full key (<c>2026-W40+W41</c> for a merged period).
/// Implementations are stateless: each call opens and disposes its own connection, outside any unit of work.
/// </summary>
public interface IBulletinHeadlineStore
{
    /// <summary>The period's items in the order they were added.</summary>
    Task<IReadOnlyList<string>> ListAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default);

    /// <summary>Adds an item at the end, recording who added it and when.</summary>
    Task AddAsync(string cycleKey, string periodKey, string text, string by, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Removes every item of the period.</summary>
    Task ClearAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default);
}
