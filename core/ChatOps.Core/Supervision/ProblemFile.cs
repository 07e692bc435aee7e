using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ChatOps.Core.Supervision;

/// <summary>
/// Reads the spreadsheets inspectors produce (.csv as UTF-8 or GB18030, .xlsx: the first worksheet) into rows with their
/// line numbers. Headers are matched by the names offices use (县（市、区）, 点位, 问题描述, 责任单位, 整改时限, 问题来源,
/// 举报人, 联系电话) or English ones; checking the values against the directory is the service's job.
/// </summary>
public static class ProblemFile
{
    private static readonly (string Key, string[] Names)[] Columns =
    [
        ("unit", ["县（市、区）", "县(市、区)", "县市区", "县区", "单位", "所属单位", "单位代码", "被举报地", "unit"]),
        ("place", ["点位", "地点", "问题点位", "具体位置", "place"]),
        ("description", ["问题描述", "问题", "投诉内容", "举报内容", "内容", "description"]),
        ("responsible", ["责任单位", "责任部门", "responsible"]),
        ("deadline", ["整改时限", "时限", "完成时限", "整改期限", "deadline"]),
        ("source", ["问题来源", "来源", "发现途径", "source"]),
        ("reporter", ["举报人", "投诉人", "reporter"]),
        ("contact", ["联系电话", "联系方式", "contact"]),
    ];

    private static readonly string[] Required = ["unit", "description", "deadline"];

    /// <summary>Reads a file; every problem is returned with its line (nothing is partially accepted by the caller).</summary>
    public static async Task<(IReadOnlyList<ItemDraft> Rows, IReadOnlyList<string> Errors)> ReadAsync(string path, string defaultSource, CancellationToken cancellationToken = default)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var table = Path.GetExtension(path).Equals(".xlsx", StringComparison.OrdinalIgnoreCase) ? ReadXlsx(bytes) : ReadCsv(DirectoryFile.DecodeText(bytes));
        return ToDrafts(table, defaultSource);
    }

    /// <summary>Rows (line number, cells) to drafts; the first row is the header.</summary>
    public static (IReadOnlyList<ItemDraft> Rows, IReadOnlyList<string> Errors) ToDrafts(IReadOnlyList<(int Line, string[] Cells)> table, string defaultSource)
    {
        var errors = new List<string>();
        if (table.Count == 0)
        {
            return ([], [SupervisionText.EmptyFile]);
        }

        var header = table[0].Cells.Select(c => c.Trim()).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, names) in Columns)
        {
            var at = Array.FindIndex(header, h => names.Any(n => string.Equals(h, n, StringComparison.OrdinalIgnoreCase)));
            if (at >= 0)
            {
                index[key] = at;
            }
        }

        foreach (var missing in Required.Where(r => !index.ContainsKey(r)))
        {
            errors.Add(SupervisionText.MissingColumn(table[0].Line, Columns.First(c => c.Key == missing).Names[0]));
        }

        if (errors.Count > 0)
        {
            return ([], errors);
        }

        string? Cell(string[] cells, string key) =>
            index.TryGetValue(key, out var i) && i < cells.Length && !string.IsNullOrWhiteSpace(cells[i]) ? cells[i].Trim() : null;

        var rows = new List<ItemDraft>();
        foreach (var (line, cells) in table.Skip(1))
        {
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            rows.Add(new ItemDraft(line, Cell(cells, "unit") ?? "", Cell(cells, "place"), Cell(cells, "description") ?? "", Cell(cells, "responsible"),
                Cell(cells, "deadline") ?? "", Cell(cells, "source") ?? defaultSource, Cell(cells, "reporter"), Cell(cells, "contact")));
        }

        return (rows, errors);
    }

    private static List<(int Line, string[] Cells)> ReadCsv(string text)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = true, TrimOptions = TrimOptions.Trim, BadDataFound = null, HasHeaderRecord = false };
        using var csv = new CsvReader(new StringReader(text), config);
        var table = new List<(int, string[])>();
        while (csv.Read())
        {
            table.Add((csv.Parser.RawRow, csv.Parser.Record ?? []));
        }

        return table;
    }

    private static List<(int Line, string[] Cells)> ReadXlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException(SupervisionText.NotExcel);
        var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException(SupervisionText.NoWorksheet);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var table = new List<(int, string[])>();
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = ColumnIndex(cell.CellReference?.Value);
                while (column >= 0 && cells.Count < column)
                {
                    cells.Add("");
                }

                cells.Add(CellText(cell, shared));
            }

            table.Add(((int)(row.RowIndex?.Value ?? (uint)(table.Count + 1)), cells.ToArray()));
        }

        return table;
    }

    private static string CellText(Cell cell, List<string> shared)
    {
        var value = cell.CellValue?.Text ?? cell.InnerText;
        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Count)
        {
            return shared[i];
        }

        return cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? "" : value;
    }

    private static int ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return -1;
        }

        var n = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            n = (n * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return n - 1;
    }
}
