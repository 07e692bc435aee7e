using CsvHelper;
using MiniExcelLibs;

namespace ChatOps.Core.Organization;

/// <summary>
/// The directory as offices keep it in Excel: the first sheet of an .xlsx with the CSV columns (单位代码, 姓名, 角色 …).
/// Converted row for row to CSV text and read by the CSV reader, so every error names the sheet's row number.
/// </summary>
internal static class XlsxDirectory
{
    public static string ToCsv(byte[] content)
    {
        using var input = new MemoryStream(content);
        var rows = input.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var row in rows)
            {
                var values = row.Values.Select(Cell).ToList();
                for (var i = 0; i < width; i++)
                {
                    csv.WriteField(i < values.Count ? values[i] : "");
                }

                csv.NextRecord();
            }
        }

        return text.ToString();
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        bool b => DirectoryText.YesNo(b),
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)?.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ') ?? "",
    };
}
