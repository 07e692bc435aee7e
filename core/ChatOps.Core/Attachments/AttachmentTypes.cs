namespace ChatOps.Core.Attachments;

/// <summary>
/// The file types a person may attach: pictures, PDF and office documents (Microsoft Office, WPS, OFD). The extension
/// decides; a file without a known extension is judged by its declared content type and given the extension.
/// </summary>
public static class AttachmentTypes
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
        [".gif"] = "image/gif",
        [".bmp"] = "image/bmp",
        [".webp"] = "image/webp",
        [".heic"] = "image/heic",
        [".pdf"] = "application/pdf",
        [".doc"] = "application/msword",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xls"] = "application/vnd.ms-excel",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".ppt"] = "application/vnd.ms-powerpoint",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".wps"] = "application/kswps",
        [".et"] = "application/kset",
        [".dps"] = "application/ksdps",
        [".ofd"] = "application/ofd",
    };

    /// <summary>
    /// The accepted (file name, content type) for a file, or null when its type is not allowed. A name without an
    /// allowed extension but with an allowed declared type gets that type's extension (WeCom pictures, pasted images).
    /// </summary>
    public static (string FileName, string ContentType)? Accept(string fileName, string? declaredType)
    {
        var name = CleanName(fileName);
        if (ByExtension.TryGetValue(Path.GetExtension(name), out var type))
        {
            return (name, type);
        }

        var declared = declaredType?.Split(';')[0].Trim().ToLowerInvariant();
        var match = ByExtension.FirstOrDefault(kv => kv.Value == declared);
        return match.Key is null ? null : (name + match.Key, match.Value);
    }

    /// <summary>A file name safe to store and show (<see cref="Files.CleanName"/>); 附件 when nothing is left.</summary>
    public static string CleanName(string fileName) => Files.CleanName(fileName) is { Length: > 0 } name ? name : AttachmentText.Noun;
}
