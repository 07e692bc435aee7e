namespace ChatOps.Core.Organization;

/// <summary>
/// The directory's Chinese texts that the use cases, the console page and the CLI show: refusals, the summary of an
/// import, the warnings, the liaison change (联络员调整备案) and its audit detail — one place to review the wording —
/// with DirectoryText.Access (the console and its API), .Cli (the verbs), .Export (the console's sheets) and .Files
/// (the files' readers). Outside it stay only the words the readers match and write back: the unit kinds' and roles'
/// names and aliases (Vocabulary) and the CSV headers (CsvColumns).
/// </summary>
public static partial class DirectoryText
{
    /// <summary>Only office staff change the directory.</summary>
    public const string OnlyOffice = "只有领导小组办公室人员可以修改名录。";

    /// <summary>A liaison change without its reason.</summary>
    public const string ReasonRequired = "请说明联络员调整的原因。";

    /// <summary>Nothing changed.</summary>
    public const string NoChanges = "名录无变化。";

    /// <summary>No old liaison.</summary>
    public const string Nobody = "（无）";

    /// <summary>The console's notice after a liaison change.</summary>
    public const string LiaisonFiled = "联络员调整已备案。";

    /// <summary>No file chosen.</summary>
    public const string ChooseFile = "请选择要导入的名录文件（.csv、.yaml、.yml 或 .xlsx）。";

    /// <summary>A file over the console's limit.</summary>
    public const string FileTooLarge = "文件超过 5 MB，请拆分后导入。";

    /// <summary>The reason filed with an import's liaison changes.</summary>
    public static string ImportReason(string fileName) => $"名录导入：{fileName}";

    /// <summary>A unit not on file.</summary>
    public static string UnitUnknown(string code) => $"单位“{code}”不在名录中。";

    /// <summary>A person not on file.</summary>
    public static string PersonUnknown(string id) => $"人员“{id}”不在名录中，请先把新联络员加入名录。";

    /// <summary>A liaison from another unit.</summary>
    public static string NotOfUnit(Person person, Unit unit) => $"{person.Name}不属于{unit.Name}，联络员须由本单位人员担任。";

    /// <summary>Already the liaison.</summary>
    public static string AlreadyLiaison(Person person, Unit unit) => $"{person.Name}已是{unit.Name}的联络员。";

    /// <summary>The sample directory does not read.</summary>
    public static string SampleInvalid(string path, DirectoryFileError error) => $"示例名录 {path} 有误：{error}";

    /// <summary>The audit detail of a liaison change.</summary>
    public static string LiaisonDetail(LiaisonReplacement change, string reason) => $"{change.OldPersonId ?? Nobody} → {change.NewPersonId}：{reason}";

    /// <summary>The CLI's confirmation of a liaison change.</summary>
    public static string LiaisonChanged(LiaisonReplacement change) => $"已备案：{change.UnitCode} 联络员由 {change.OldPersonId ?? Nobody} 调整为 {change.NewPersonId}。";

    /// <summary>The console's notice after an import.</summary>
    public static string Imported(string summary) => $"导入完成：{summary}";

    /// <summary>One error of a file, as the console lists it.</summary>
    public static string FileErrorAt(DirectoryFileError e) => $"第{e.Position.Line}行第{e.Position.Column}列：{e.Message}";

    /// <summary>A file that cannot be read at all.</summary>
    public static string Unreadable(string fileName) => $"无法读取文件“{fileName}”：请确认是有效的 .xlsx、.csv 或 .yaml 文件。";

    /// <summary>The CLI's count of errors.</summary>
    public static string ErrorCount(int count) => $"共 {count} 处错误，未导入任何内容。";

    /// <summary>The CLI's line per warning.</summary>
    public static string Hint(string warning) => $"提示：{warning}";

    /// <summary>What an import changed.</summary>
    public static string Summary(DirectoryChanges c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.IsEmpty
            ? NoChanges
            : $"单位：新增 {c.UnitsAdded}，修改 {c.UnitsToSave.Count - c.UnitsAdded}，停用 {c.UnitsToDeactivate.Count}；" +
              $"人员：新增 {c.PeopleAdded}，修改 {c.PeopleToSave.Count - c.PeopleAdded}，停用 {c.PeopleToDeactivate.Count}；" +
              $"群聊：新增 {c.GroupsAdded}，修改 {c.GroupsToSave.Count - c.GroupsAdded}，停用 {c.GroupsToDeactivate.Count}；" +
              $"联络员变更 {c.LiaisonChanges.Count}。";
    }

    /// <summary>A unit whose every reviewing leader is also its liaison.</summary>
    public static string SelfReview(Unit unit, IEnumerable<Person> leaders) =>
        $"{unit.Name}（{unit.Code}）的分管领导{string.Join("、", leaders.Select(l => l.Name))}同时是联络员：" +
        "本人报送的报告不能由本人审核，将由领导小组办公室代为审核。建议另行指定分管领导或联络员。";
}
