namespace ChatOps.Core.Reports;

/// <summary>The report dialog's texts for list fields: short items and changing one item.</summary>
public static partial class ReportText
{
    /// <summary>The button that records a very short item anyway.</summary>
    public const string ConfirmShortItem = "确认记录";

    /// <summary>The button that drops it.</summary>
    public const string RetypeShortItem = "重新填写";

    /// <summary>What an over-long item is called.</summary>
    public const string ThisItem = "这一条内容";

    /// <summary>After 重新填写.</summary>
    public const string ShortItemDropped = "该条未记录，请重新输入。";

    /// <summary>Items held for the short-item question when the person answered something else instead: they are dropped.</summary>
    public static string HeldItemsNotRecorded(IEnumerable<string> held) => $"“{string.Join("”“", held)}”未记录。";

    /// <summary>The button that rewrites the whole list.</summary>
    public const string RewriteItems = "重写全部";

    /// <summary>The button back to the summary.</summary>
    public const string BackToSummary = "返回核对";

    /// <summary>How to change one item.</summary>
    public const string ItemEditHelp = "如需修改其中一条，请回复“修改第2条 新内容”；删除请回复“删除第2条”；增加请回复“增加 新内容”。";

    /// <summary>The summary's hint that pictures and files may be sent.</summary>
    public const string SummaryAttachmentHint = "\n如需附上现场照片或文件，直接发送即可。";

    /// <summary>An attachment sent while the dialog waits for an answer about something else (a choice of report, a conflict).</summary>
    public const string AttachAfterStep = "请先按上一条消息的提示操作，再发送附件。";

    /// <summary>What the number chooses when the summary asks which attachment to delete.</summary>
    public const string ChooseAttachmentToDelete = "删除附件，或回复“取消”";

    /// <summary>The summary's hint for list fields.</summary>
    public const string SummaryItemHint = "\n如只需改动工作进展中的某一条，可直接回复“修改第2条 新内容”“删除第2条”或“增加 新内容”。";

    /// <summary>"这一条只有 1 个字，确认记录吗？" (or 第2条 in a message of several).</summary>
    public static string ShortItem(int? number, int length) =>
        $"{(number is { } n ? $"第{n}条" : "这一条")}只有 {length} 个字，确认记录吗？";

    /// <summary>No item N.</summary>
    public static string NoSuchItem(string label, int count, int n) => $"{label}共{count}条，无第{n}条，请核对序号。";

    /// <summary>Deleting the only item of a required list.</summary>
    public static string KeepOneItem(string label) => $"{label}至少要保留一条。如需整体重写，请回复“修改”后选择该项。";

    /// <summary>What was changed.</summary>
    public static string ItemChanged(char op, int n) => op switch
    {
        'a' => $"已增加第{n}条。",
        'r' => $"已修改第{n}条。",
        _ => $"已删除第{n}条。",
    };
}
