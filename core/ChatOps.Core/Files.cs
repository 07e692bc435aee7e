namespace ChatOps.Core;

/// <summary>File names and sizes as people see them: one rule for the chat's attachments and the circulars' files.</summary>
public static class Files
{
    /// <summary>The longest file name kept (the extension is kept when a longer one is cut).</summary>
    public const int MaxNameLength = 120;

    /// <summary>
    /// A file name safe to store and offer as a download: no folders, no control characters nor <c>"&lt;&gt;|:*?</c>, at
    /// most <see cref="MaxNameLength"/> characters; empty when nothing is left.
    /// </summary>
    public static string CleanName(string? fileName)
    {
        var name = (fileName ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string([.. name.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?'))]).Trim();
        if (name.Length > MaxNameLength)
        {
            var extension = Path.GetExtension(name);
            name = extension.Length < MaxNameLength ? name[..(MaxNameLength - extension.Length)] + extension : name[..MaxNameLength];
        }

        return name;
    }

    /// <summary>A size as people read it: 350 字节, 35 KB, 1.2 MB, 20 MB.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => ConversationText.Bytes(bytes),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (int)Math.Round(bytes / 1024.0))} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MB"),
    };
}
