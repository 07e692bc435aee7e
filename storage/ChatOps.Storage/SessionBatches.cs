namespace ChatOps.Storage;

/// <summary>Many rows of one statement inside a unit of work.</summary>
internal static class SessionBatches
{
    /// <summary>
    /// Runs <paramref name="statement"/> once per item, with the parameters made from the item and its position (Dapper
    /// runs a list of parameter objects row by row on the session's transaction); nothing at all for no items.
    /// </summary>
    public static Task ExecuteEachAsync<T>(
        this Session session, SqlStatement statement, IReadOnlyCollection<T> items, Func<T, int, object> parameters, CancellationToken cancellationToken) =>
        items.Count == 0 ? Task.CompletedTask : session.ExecuteAsync(statement, items.Select(parameters).ToList(), cancellationToken);
}
