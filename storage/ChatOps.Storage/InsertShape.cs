using System.Text.RegularExpressions;

namespace ChatOps.Storage;

/// <summary>
/// A plain <c>INSERT INTO table (columns) VALUES (values)</c>, parsed once when a statement is declared, so that the
/// statements whose text differs only by how a database says "and return the id", "unless the key exists" or "else
/// update" are written once as the INSERT and each <see cref="Dialects.SqlDialect"/> says the rest
/// (<see cref="SqlStatement.InsertReturningId"/>, <see cref="SqlStatement.InsertIfAbsent"/>, <see cref="SqlStatement.Upsert"/>).
/// Values are parameters or literals (no nested parentheses); the key names columns of the INSERT.
/// </summary>
/// <param name="Text">The INSERT as written (trimmed).</param>
/// <param name="Table">The table inserted into.</param>
/// <param name="ColumnList">The column list as written, without the parentheses.</param>
/// <param name="ValueList">The value list as written, without the parentheses.</param>
/// <param name="Pairs">Each column with the value the INSERT gives it.</param>
/// <param name="Key">The columns of the unique key the dialect tests (empty for <see cref="SqlStatement.InsertReturningId"/>).</param>
internal sealed partial record InsertShape(
    string Text, string Table, string ColumnList, string ValueList, IReadOnlyList<(string Column, string Value)> Pairs, IReadOnlyList<string> Key)
{
    /// <summary>The columns outside the key, with their values: what an upsert updates.</summary>
    public IEnumerable<(string Column, string Value)> NonKey => Pairs.Where(p => !Key.Contains(p.Column, StringComparer.Ordinal));

    /// <summary>"k1 = v1 AND k2 = v2": the key's columns equal to the inserted values.</summary>
    public string KeyMatch => string.Join(" AND ", Key.Select(k => $"{k} = {ValueOf(k)}"));

    public static InsertShape Parse(string insert, string key = "")
    {
        var match = Pattern().Match(insert);
        if (!match.Success)
        {
            throw new ArgumentException($"Not a plain INSERT INTO t (columns) VALUES (values): {insert}", nameof(insert));
        }

        var columns = Split(match.Groups["columns"].Value);
        var values = Split(match.Groups["values"].Value);
        if (columns.Count != values.Count)
        {
            throw new ArgumentException($"{columns.Count} columns but {values.Count} values: {insert}", nameof(insert));
        }

        var keys = Split(key);
        if (keys.FirstOrDefault(k => !columns.Contains(k, StringComparer.Ordinal)) is { } missing)
        {
            throw new ArgumentException($"Key column {missing} is not inserted: {insert}", nameof(key));
        }

        return new InsertShape(
            insert.Trim(), match.Groups["table"].Value, match.Groups["columns"].Value.Trim(), match.Groups["values"].Value.Trim(),
            [.. columns.Zip(values)], keys);
    }

    private string ValueOf(string column) => Pairs.First(p => p.Column == column).Value;

    private static List<string> Split(string list) =>
        [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    [GeneratedRegex(@"^\s*INSERT INTO (?<table>\w+)\s*\((?<columns>[^()]*)\)\s*VALUES\s*\((?<values>[^()]*)\)\s*$", RegexOptions.Singleline)]
    private static partial Regex Pattern();
}
