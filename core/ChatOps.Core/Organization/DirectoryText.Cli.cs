namespace ChatOps.Core.Organization;

/// <summary>What the directory's command-line verbs print (import, export, liaison history, delegates, group conversations).</summary>
public static partial class DirectoryText
{
    /// <summary>No liaison change filed yet.</summary>
    public const string NoLiaisonChanges = "没有联络员调整记录。";

    /// <summary>The bot is in no group conversation yet.</summary>
    public const string NoConversations = "机器人尚未加入任何群聊。";

    /// <summary>The usage line of change-liaison.</summary>
    public const string ChangeLiaisonUsage = "change-liaison UNIT_CODE PERSON_ID --reason 原因 [--by 备案人]";

    /// <summary>The usage line of name-delegate.</summary>
    public const string NameDelegateUsage = "name-delegate UNIT_CODE PERSON_ID [--by 指定人]";

    /// <summary>How to register the listed conversations.</summary>
    public const string RegisterConversations = "请在名录 groups 中登记：kind 填 botframework，address 填上面的会话 id。";

    /// <summary>What an export wrote.</summary>
    public static string Exported(DirectorySnapshot snapshot, string path)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return $"已导出 {snapshot.Units.Count} 个单位、{snapshot.People.Count} 名人员、{snapshot.Groups.Count} 个群聊到 {path}";
    }

    /// <summary>One filed liaison change.</summary>
    public static string HistoryLine(string at, string unit, string from, string to, string filedBy, string reason) =>
        $"{at}  {unit}  {from} → {to}  备案人：{filedBy}  原因：{reason}";

    /// <summary>A person not on file (the delegate to name).</summary>
    public static string PersonNotOnFile(string id) => $"人员“{id}”不在名录中。";

    /// <summary>A delegate named.</summary>
    public static string DelegateNamed(Person person, Unit unit)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(unit);
        return $"已指定{person.Name}可代{unit.Name}填报（每期仍只报送一份）。";
    }

    /// <summary>Whether a group conversation is registered.</summary>
    public static string ConversationState(bool removed, bool registered) =>
        removed ? "（机器人已被移出）" : registered ? "（已登记）" : "（未登记）";
}
