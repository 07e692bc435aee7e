namespace ChatOps.Core.Organization;

/// <summary>
/// What the directory files' readers report (YAML, CSV and .xlsx alike): each message names the field and says what
/// is expected, and is shown after the file, line and column. The same problem reads the same in every format.
/// </summary>
public static partial class DirectoryText
{
    /// <summary>A YAML file without a document.</summary>
    public const string FileEmpty = "文件为空。";

    /// <summary>A CSV or .xlsx file without a header row.</summary>
    public const string HeaderMissing = "文件为空：第 1 行应为表头（单位代码、单位名称、单位类别、姓名、角色等）。";

    /// <summary>A YAML file whose top level is not a mapping.</summary>
    public const string YamlTopLevel = "文件顶层应包含 units、people、groups 三部分。";

    /// <summary>A person without a name (CSV).</summary>
    public const string NameMissing = "缺少姓名。";

    /// <summary>A person without an id (CSV).</summary>
    public const string CsvIdMissing = "缺少人员编号（或企业微信账号）。";

    /// <summary>A person without an id (YAML).</summary>
    public const string YamlIdMissing = "缺少人员编号 id（或企业微信账号 wecom）。";

    /// <summary>Field labels for "缺少…".</summary>
    public const string UnitName = "单位名称";

    /// <summary>Field labels for "缺少…".</summary>
    public const string UnitCode = "单位代码";

    /// <summary>Field labels for "缺少…".</summary>
    public const string UnitKindLabel = "单位类别";

    /// <summary>Field labels for "缺少…".</summary>
    public const string PersonName = "姓名";

    /// <summary>Field labels for "缺少…".</summary>
    public const string GroupCode = "群代码";

    /// <summary>Field labels for "缺少…".</summary>
    public const string GroupName = "群名称";

    /// <summary>Field labels for "缺少…".</summary>
    public const string GroupKindLabel = "群类型";

    /// <summary>Field labels for "缺少…".</summary>
    public const string GroupAddress = "群地址（chatid、webhook 或会话 id）";

    /// <summary>The file cannot be parsed as YAML.</summary>
    public static string YamlSyntax(string detail) => $"YAML 格式错误：{detail}";

    /// <summary>An unknown top-level section.</summary>
    public static string UnknownSection(string? name) => $"未知的部分“{name}”：顶层只能有 units、people、groups。";

    /// <summary>A section that is not a list.</summary>
    public static string NotAList(string section) => $"{section} 应是一个列表（每项以“- ”开头）。";

    /// <summary>A list item that is not a mapping.</summary>
    public static string NotAMapping(string section) => $"{section} 的每一项应是“字段: 值”的形式。";

    /// <summary>An unknown field in a YAML item.</summary>
    public static string UnknownField(string name, IEnumerable<string> known) => $"未知字段“{name}”，可用字段：{string.Join("、", known)}。";

    /// <summary>A YAML field holding a list or mapping where one value is expected.</summary>
    public static string NotAScalar(string field) => $"字段 {field} 应是单个值。";

    /// <summary>A required field left out.</summary>
    public static string FieldMissing(string label, string field) => $"缺少{label}（{field}）。";

    /// <summary>A yes/no field with another value (YAML).</summary>
    public static string NotABool(string field, string? text) => $"字段 {field} 应为 true 或 false（是/否），而不是“{text}”。";

    /// <summary>An unknown CSV column.</summary>
    public static string UnknownColumn(string header, IEnumerable<string> columns) => $"未知的列“{header}”，可用的列：{string.Join("、", columns)}。";

    /// <summary>A CSV column given twice.</summary>
    public static string DuplicateColumn(string header) => $"列“{header}”重复。";

    /// <summary>A required CSV column left out.</summary>
    public static string ColumnMissing(string column) => $"缺少必需的列“{column}”。";

    /// <summary>The 上报需审核 column with another value than yes or no.</summary>
    public static string ReviewNotYesNo(string text) => $"“上报需审核”应填“是”或“否”，而不是“{text}”。";

    /// <summary>A unit's first row without its name.</summary>
    public static string UnitNameMissing(string code) => $"单位“{code}”第一次出现，须填写单位名称。";

    /// <summary>A unit's first row without its kind.</summary>
    public static string UnitKindMissing(string code) => $"单位“{code}”第一次出现，须填写单位类别（{Vocabulary.UnitKindChoices}）。";

    /// <summary>Rows of one unit that disagree.</summary>
    public static string UnitRowsDisagree(string code, int line) => $"单位“{code}”的名称、类别、上级或审核设置与第 {line} 行不一致。";

    /// <summary>An unknown unit kind.</summary>
    public static string UnitKindInvalid(string text) => $"单位类别“{text}”无效，应为：{Vocabulary.UnitKindChoices}。";

    /// <summary>An unknown role.</summary>
    public static string RoleInvalid(string text) => $"角色“{text}”无效，应为：{Vocabulary.RoleChoices}。";

    /// <summary>An unknown group kind.</summary>
    public static string GroupKindInvalid(string text, string choices) => $"群类型“{text}”无效，应为：{choices}。";

    /// <summary>A unit code defined twice.</summary>
    public static string UnitCodeTaken(string code, int line) => $"单位代码“{code}”重复（已在第 {line} 行定义）。";

    /// <summary>A parent unit not in the file.</summary>
    public static string ParentUnknown(string code) => $"上级单位“{code}”不在名录中。";

    /// <summary>A person id used twice.</summary>
    public static string PersonIdTaken(string id, int line) => $"人员编号“{id}”重复（已在第 {line} 行使用）。";

    /// <summary>A channel account used by two people.</summary>
    public static string AccountTaken(string channel, string account, int line, string holder) =>
        $"{AccountLabel(channel)}“{account}”重复（第 {line} 行的{holder}已使用）。";

    /// <summary>A person's unit not in the file.</summary>
    public static string PersonUnitUnknown(string code) => $"单位“{code}”不在名录中。";

    /// <summary>A liaison or reviewing leader without a unit.</summary>
    public static string UnitRequired(string name) => $"{name}是联络员或分管领导，必须填写所在单位。";

    /// <summary>A second liaison for a unit.</summary>
    public static string SecondLiaison(string unit, string liaison, int line) =>
        $"单位“{unit}”已有联络员{liaison}（第 {line} 行），每个成员单位只能确定 1 名联络员。";

    /// <summary>A unit without a liaison.</summary>
    public static string NoLiaison(Unit unit) => $"单位“{unit.Name}”（{unit.Code}）没有联络员，每个成员单位须确定 1 名联络员。";

    /// <summary>A group code defined twice.</summary>
    public static string GroupCodeTaken(string code, int line) => $"群代码“{code}”重复（已在第 {line} 行定义）。";

    /// <summary>A group member not among the people.</summary>
    public static string MemberUnknown(string id) => $"群成员“{id}”不在名录的人员中。";

    /// <summary>A file name whose extension is no directory format.</summary>
    public static string FormatUnsupported(string extension) => $"不支持的名录文件格式“{extension}”，请使用 .yaml、.yml、.csv 或 .xlsx 文件。";

    /// <summary>Export to .xlsx from the command line.</summary>
    public const string XlsxExportInConsole = "名录导出为 .xlsx 请使用办公室工作台“名录”页；此处请使用 .yaml 或 .csv 文件。";

    /// <summary>The comment at the top of an exported YAML directory.</summary>
    public const string YamlHeader = "# ChatOps 名录：成员单位、人员与群聊。导入：import-directory 本文件。";

    /// <summary>Yes and no in the 上报需审核 column of an export.</summary>
    public static string YesNo(bool value) => value ? "是" : "否";

    /// <summary>A channel account as the files name it.</summary>
    public static string AccountLabel(string channel) => channel switch
    {
        ChannelNames.WeCom => "企业微信账号",
        ChannelNames.BotFramework => "Bot Framework 账号",
        _ => channel + " 账号",
    };
}
