namespace ChatOps.Core.Organization;

/// <summary>Where something stands in a directory file: the file name, 1-based line and column.</summary>
public sealed record SourcePosition(string File, int Line, int Column)
{
    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>One problem found in a directory file, with its position so the office can find it in Excel or an editor.</summary>
public sealed record DirectoryFileError(SourcePosition Position, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Position}: {Message}";
}

/// <summary>The outcome of reading a directory file: a snapshot when the whole file is valid, otherwise every error.</summary>
/// <param name="Snapshot">The directory the file describes; null when there are errors.</param>
/// <param name="IncludesGroups">False for CSV, which lists people only: groups in the database are left alone.</param>
public sealed record DirectoryReadResult(DirectorySnapshot? Snapshot, bool IncludesGroups, IReadOnlyList<DirectoryFileError> Errors)
{
    /// <summary>True when the file can be imported.</summary>
    public bool IsValid => Errors.Count == 0 && Snapshot is not null;
}

/// <summary>
/// Reads and writes the directory files offices edit: YAML (units, people, groups) and CSV (one row per person,
/// as kept in Excel). Reading validates every row and reports every problem before anything is written.
/// </summary>
public static class DirectoryFile
{
    /// <summary>Picks the format from the file's extension (.yaml/.yml or .csv).</summary>
    public static DirectoryFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".yaml" or ".yml" => DirectoryFormat.Yaml,
        ".csv" => DirectoryFormat.Csv,
        ".xlsx" => DirectoryFormat.Xlsx,
        var ext => throw new ArgumentException(DirectoryText.FormatUnsupported(ext), nameof(path)),
    };

    /// <summary>Reads a file from disk; CSV may be UTF-8 (with or without BOM) or GB18030 as Excel saves it on Chinese Windows.</summary>
    public static Task<DirectoryReadResult> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        ReadAsync(path, GroupKinds.None, cancellationToken);

    /// <summary>Reads a file from disk; groups may be of the <paramref name="kinds"/> the channels registered.</summary>
    public static async Task<DirectoryReadResult> ReadAsync(string path, GroupKinds kinds, CancellationToken cancellationToken = default)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return Read(Path.GetFileName(path), bytes, FormatOf(path), kinds);
    }

    /// <summary>
    /// Reads file content already in memory (e.g. an upload). A group's kind must be one of <paramref name="kinds"/>
    /// (the channels' registered kinds; none when omitted).
    /// </summary>
    public static DirectoryReadResult Read(string fileName, byte[] content, DirectoryFormat format, GroupKinds? kinds = null)
    {
        var text = format == DirectoryFormat.Xlsx ? XlsxDirectory.ToCsv(content) : DecodeText(content);
        var reader = format == DirectoryFormat.Yaml
            ? YamlDirectoryReader.Read(fileName, text, kinds ?? GroupKinds.None)
            : CsvDirectoryReader.Read(fileName, text);
        return DirectoryValidator.Validate(reader);
    }

    /// <summary>Writes a snapshot; CSV is written with a UTF-8 BOM so Excel opens the Chinese text correctly.</summary>
    public static async Task WriteAsync(string path, DirectorySnapshot snapshot, CancellationToken cancellationToken = default)
    {
        var format = FormatOf(path);
        if (format == DirectoryFormat.Xlsx)
        {
            throw new ArgumentException(DirectoryText.XlsxExportInConsole, nameof(path));
        }

        var text = format == DirectoryFormat.Yaml ? YamlDirectoryWriter.Write(snapshot) : CsvDirectoryWriter.Write(snapshot);
        var encoding = format == DirectoryFormat.Csv ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: true) : new UTF8Encoding(false);
        await File.WriteAllTextAsync(path, text, encoding, cancellationToken);
    }

    /// <summary>
    /// Text of a file an office saved: UTF-8 (with or without BOM), or GB18030 as Excel on Chinese Windows writes CSV.
    /// Used by every import that takes spreadsheets exported as text (directory, problem lists).
    /// </summary>
    internal static string DecodeText(byte[] content)
    {
        if (content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF)
        {
            return Encoding.UTF8.GetString(content, 3, content.Length - 3);
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030").GetString(content);
        }
    }
}

/// <summary>Directory file formats.</summary>
public enum DirectoryFormat
{
    /// <summary>YAML: units, people and groups.</summary>
    Yaml,

    /// <summary>CSV: one row per person; units are taken from the rows.</summary>
    Csv,

    /// <summary>Excel workbook (first sheet): the same columns as CSV, read row by row (line = row number).</summary>
    Xlsx,
}
