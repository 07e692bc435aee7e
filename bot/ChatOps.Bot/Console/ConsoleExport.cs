using MiniExcelLibs;

namespace ChatOps.Bot.OfficeConsole;

/// <summary>
/// The console's .xlsx exports (MiniExcel). Text that a spreadsheet would take for a formula (starting with = + - @,
/// a tab or a carriage return) is prefixed with an apostrophe, so an exported name can never run as a formula.
/// </summary>
public static class ConsoleExport
{
    /// <summary>The .xlsx media type.</summary>
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>One sheet with a header row.</summary>
    public static byte[] Xlsx(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var sheet = rows.Select(row =>
        {
            var line = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                line[header[i]] = i < row.Count ? Neutralise(row[i]) : null;
            }

            return line;
        }).ToList();
        if (sheet.Count == 0)
        {
            sheet.Add(header.ToDictionary(h => h, _ => (object?)null, StringComparer.Ordinal));
        }

        using var stream = new MemoryStream();
        stream.SaveAs(sheet, sheetName: "Sheet1");
        return stream.ToArray();
    }

    /// <summary>Neutralises one cell: strings that start like a formula get a leading apostrophe.</summary>
    public static object? Neutralise(object? value) =>
        value is string s && s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + s : value;
}
