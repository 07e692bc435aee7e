namespace ChatOps.Core.Attachments;

/// <summary>
/// Every Chinese text of inbound attachments and of the files the bot sends as download links, in one place to read and
/// reword. Outside it stays only the Razor markup of the console's attachment page (Attachment.cshtml).
/// </summary>
public static partial class AttachmentText
{
    /// <summary>The word 附件: a file's name when nothing usable is left of it, and the audit detail of a refused download.</summary>
    public const string Noun = "附件";

    /// <summary>The types a person may send, as the refusals name them.</summary>
    public const string AllowedTypes = "图片（JPG、PNG 等）、PDF 文件或 Word、Excel、PowerPoint、WPS、OFD 文档";

    /// <summary>An attachment sent outside any dialog that takes one.</summary>
    public const string NotInDialog = "已收到您发送的文件，但当前没有可添加附件的事项，该文件未保存。如需为报告添加附件，请先回复“填报”，在填报过程中发送；如需报送整改照片，请先回复“整改 #编号”，再发送照片。";

    /// <summary>An attachment sent while the report dialog is choosing the report.</summary>
    public const string ChooseReportFirst = "请先选择要填报的报告，再发送附件。";

    /// <summary>Asks which attachment to delete.</summary>
    public const string AskDelete = "请回复要删除的附件序号：";

    /// <summary>No attachment to delete.</summary>
    public const string NothingToDelete = "该报告暂无附件。";

    /// <summary>The button that deletes an attachment from the summary.</summary>
    public const string DeleteChoice = "删除附件";

    /// <summary>The console's heading and empty line.</summary>
    public const string None = "无附件";

    /// <summary>The download was refused.</summary>
    public const string Forbidden = "您没有查看该附件的权限。";

    /// <summary>The attachment does not exist or has no content any more.</summary>
    public const string NotFound = "该附件不存在或已删除。";

    /// <summary>A download link (<c>/files/…</c>) to a file that does not exist any more.</summary>
    public const string FileNotFound = "文件不存在或已删除。";

    /// <summary>A download link past its expiry.</summary>
    public const string LinkExpired = "下载链接已过期，请在聊天中重新获取。";

    /// <summary>A genuine download link whose person may no longer read the file.</summary>
    public const string FileNotAllowed = "您无权下载此文件。";

    /// <summary>A forged or damaged download link.</summary>
    public const string LinkInvalid = "下载链接无效。";

    /// <summary>The audit detail of a refused download link: 专报.docx（bulletin）.</summary>
    public static string FileRefusedDetail(string? fileName, string? kind) => $"{fileName}（{kind}）";

    /// <summary>One attachment: 现场照片.jpg（1.2 MB）.</summary>
    public static string Describe(StoredAttachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        return $"{attachment.FileName}（{Files.Size(attachment.Size)}）";
    }

    /// <summary>The summary's line: 附件：现场照片.jpg（1.2 MB）等 2 个; null when there are none.</summary>
    public static string? SummaryLine(IReadOnlyList<StoredAttachment> attachments)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        return attachments.Count switch
        {
            0 => null,
            1 => $"附件：{Describe(attachments[0])}",
            _ => string.Create(CultureInfo.InvariantCulture, $"附件：{Describe(attachments[0])}等 {attachments.Count} 个"),
        };
    }

    /// <summary>Every attachment on its own numbered line (for the reviewer, the verifier and the delete question).</summary>
    public static string NumberedList(IReadOnlyList<StoredAttachment> attachments)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        var b = new StringBuilder();
        for (var i = 0; i < attachments.Count; i++)
        {
            b.Append(CultureInfo.InvariantCulture, $"{i + 1}. {Describe(attachments[i])}\n");
        }

        return b.ToString().TrimEnd();
    }

    /// <summary>The reviewer's and verifier's paragraph: 附件（2 个）： and the list; empty when there are none.</summary>
    public static string Section(IReadOnlyList<StoredAttachment> attachments)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        return attachments.Count == 0
            ? ""
            : string.Create(CultureInfo.InvariantCulture, $"\n\n附件（{attachments.Count} 个，可在管理后台查看和下载）：\n{NumberedList(attachments)}");
    }

    /// <summary>What was attached this turn.</summary>
    public static string Received(IReadOnlyList<StoredAttachment> added, int total) => added.Count == 1
        ? string.Create(CultureInfo.InvariantCulture, $"已收到附件：{Describe(added[0])}，目前共 {total} 个附件。")
        : string.Create(CultureInfo.InvariantCulture, $"已收到 {added.Count} 个附件：{string.Join("、", added.Select(Describe))}，目前共 {total} 个附件。");

    /// <summary>Why an attachment was not kept.</summary>
    public static string Refused(string fileName, AttachmentRefusal refusal, long maxBytes) => refusal switch
    {
        AttachmentRefusal.TooLarge => $"“{fileName}”超过 {Files.Size(maxBytes)} 的大小限制，未保存。请压缩后重新发送。",
        AttachmentRefusal.TypeNotAllowed => $"“{fileName}”的文件类型不在允许范围内，未保存。可发送{AllowedTypes}。",
        AttachmentRefusal.NotFound => $"“{fileName}”已失效，无法获取，未保存。请重新发送。",
        AttachmentRefusal.Empty => $"“{fileName}”为空文件，未保存。",
        _ => $"暂时无法获取“{fileName}”，未保存。请稍后重新发送。",
    };

    /// <summary>After deleting one.</summary>
    public static string Deleted(StoredAttachment attachment, int left) =>
        string.Create(CultureInfo.InvariantCulture, $"已删除附件“{attachment.FileName}”，还有 {left} 个附件。");

    /// <summary>The name given to a picture the channel sent without one.</summary>
    public static string PictureName(DateTimeOffset at) => string.Create(CultureInfo.InvariantCulture, $"图片_{at:yyyyMMdd_HHmmss}");
}
