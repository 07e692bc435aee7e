using ChatOps.Core.Reports;

namespace ChatOps.Core.Circulars;

/// <summary>
/// Every Chinese text of circulars, in one class so the wording can be read and revised in one place: what the use
/// cases answer (this file), the documents, cards and reminders recipients read (<c>CircularText.Documents.cs</c>),
/// the office's standing and overview (<c>CircularText.Standing.cs</c>), the compose dialog
/// (<c>CircularText.Dialog.cs</c>) and the chat replies (<c>CircularText.Chat.cs</c>). The texts that depend on the
/// office (its name, time zone) or on the public address of attachments are instance members; the rest are static.
/// Outside it stay the words the parsers match (<see cref="CircularFeature"/>, the dialog's typed answers, the kinds'
/// aliases and the targets' kind words) and the kinds' number templates, which are configuration
/// (<see cref="CircularKinds"/>); the kinds' default names are here, though configuration may rename them.
/// </summary>
public sealed partial class CircularText
{
    private readonly OfficeProfile _office;
    private readonly CircularOptions _options;

    /// <summary>Initializes the texts for the office and its circular options.</summary>
    public CircularText(OfficeProfile office, CircularOptions options)
    {
        _office = office;
        _options = options;
    }

    /// <summary>The default name of the kind <c>circular</c>: 通报 (shown on cards and lists, and typed to choose the kind).</summary>
    public const string CircularKindName = "通报";

    /// <summary>The default name of the kind <c>notice</c>.</summary>
    public const string NoticeKindName = "通知";

    /// <summary>The default name of the kind <c>document</c>.</summary>
    public const string DocumentKindName = "文件";

    /// <summary>The default name of the kind <c>minutes</c>.</summary>
    public const string MinutesKindName = "会议纪要";

    /// <summary>The default name of the kind <c>bulletin</c>.</summary>
    public const string BulletinKindName = "工作专报";

    /// <summary>The name of a stored circular whose kind was later removed from configuration.</summary>
    public const string GenericKindName = "公文";

    /// <summary>Only office staff compose.</summary>
    public const string OnlyOfficeComposes = "只有领导小组办公室人员可以拟发通报。";

    /// <summary>Only office staff send.</summary>
    public const string OnlyOfficeSends = "只有领导小组办公室人员可以发送通报。";

    /// <summary>Only office staff stop reminders.</summary>
    public const string OnlyOfficeStops = "只有领导小组办公室人员可以停止提醒。";

    /// <summary>Only office staff resend.</summary>
    public const string OnlyOfficeResends = "只有领导小组办公室人员可以重发通报。";

    /// <summary>Only office staff attach files.</summary>
    public const string OnlyOfficeAttaches = "只有领导小组办公室人员可以添加附件。";

    /// <summary>Only office staff see who acknowledged.</summary>
    public const string OnlyOfficeViews = "只有领导小组办公室人员可以查看通报的确认情况。";

    /// <summary>Only office staff remind now (立即提醒).</summary>
    public const string OnlyOfficeReminds = "只有领导小组办公室人员可以提醒未回执人员。";

    /// <summary>立即提醒 for a circular not issued.</summary>
    public const string NotIssuedYet = "该公文尚未印发，不能提醒。";

    /// <summary>立即提醒 when everyone has acknowledged.</summary>
    public const string NobodyToRemind = "所有人员均已回执，无需提醒。";

    /// <summary>An empty title.</summary>
    public const string TitleEmpty = "标题不能为空。";

    /// <summary>An empty body.</summary>
    public const string BodyEmpty = "正文不能为空。";

    /// <summary>An attachment without a file name.</summary>
    public const string FileNameMissing = "请提供附件的文件名。";

    /// <summary>An empty attachment.</summary>
    public const string FileEmpty = "附件为空文件，请重新选择。";

    /// <summary>Returned by the signer.</summary>
    public const string ReturnedNotice = "已退回，并已通知拟稿人。";

    /// <summary>An empty number.</summary>
    public const string NumberEmpty = "文号不能为空。";

    /// <summary>No target chosen.</summary>
    public const string NoTargets = "请至少选择一个发送对象（群聊、成员单位、角色或全体人员）。";

    /// <summary>The unit line of people without a unit in the standing.</summary>
    public const string OtherPeople = "其他人员（办公室、领导等）";

    /// <summary>A recipient whose 收到 card could not be queued.</summary>
    public const string NoChannelForCard = "无可用渠道，确认消息未发出";

    /// <summary>A 1:1 recipient no enabled channel reaches.</summary>
    public const string PersonUnreachable = "该人员在已启用的渠道上没有账号";

    /// <summary>A circular as the office refers to it: 《关于……的通报》（云爱卫专项办通〔2026〕12号）.</summary>
    public static string Reference(Circular c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return $"《{c.Title}》（{c.Number}）";
    }

    /// <summary>No circular with that id.</summary>
    public static string NotFound(long id) => string.Create(CultureInfo.InvariantCulture, $"未找到编号为 #{id} 的通报。");

    /// <summary>An unknown kind.</summary>
    public static string UnknownKind(string kind, IEnumerable<CircularKind> all) => $"公文类别“{kind}”不存在，可选：{string.Join("、", all.Select(k => k.Name))}。";

    /// <summary>A title over the limit.</summary>
    public static string TitleTooLong(int max, int length) => $"标题过长（最多{max}字，现为{length}字）。";

    /// <summary>A body over the limit.</summary>
    public static string BodyTooLong(int max, int length) => $"正文过长（最多{max}字，现为{length}字），较长的内容请作为附件发送。";

    /// <summary>A number over the limit.</summary>
    public static string NumberTooLong(int length) => $"文号过长（最多64字，现为{length}字）。";

    /// <summary>A number another document holds.</summary>
    public static string NumberTaken(string number, Circular? holder, string suggestion) =>
        $"文号“{number}”已被{(holder is null ? "另一份公文" : Reference(holder))}使用，建议使用“{suggestion}”。";

    /// <summary>A signer who may not sign the kind.</summary>
    public static string SignerNotAllowed(string wanted, CircularKind kind, IEnumerable<Person> candidates) =>
        $"“{wanted}”不能签发{kind.Name}，可由{string.Join("、", candidates.Select(p => p.Name))}签发。";

    /// <summary>Several may sign: the office must name one.</summary>
    public static string ChooseSigner(SignOffBy rule, IEnumerable<Person> candidates) =>
        $"请指定签发人（{SignOffTitle(rule)}）：{string.Join("、", candidates.Select(p => $"{p.Name}（{p.Id}）"))}。";

    /// <summary>The sign-off rule's title as the office says it.</summary>
    public static string SignOffTitle(SignOffBy rule) => rule switch
    {
        SignOffBy.OfficeHead => "办公室主任",
        SignOffBy.GroupLeader => "领导小组组长",
        SignOffBy.MeetingHost => "会议召集人",
        _ => "无需签发",
    };

    /// <summary>Why nobody can sign off, for the office.</summary>
    public static string NobodyToSign(CircularKind kind, SignOffBy rule)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var how = rule switch
        {
            SignOffBy.OfficeHead => "请在名录中为办公室主任同时设置“办公室”和“主持人”角色，或配置 Circulars:OfficeHead",
            SignOffBy.GroupLeader => "请在名录中设置“组长”角色",
            _ => "请在名录中设置“主持人”角色",
        };
        return $"{kind.Name}须由{SignOffTitle(rule)}签发，但名录中没有{SignOffTitle(rule)}。{how}。";
    }

    /// <summary>Issued at once (no sign-off needed).</summary>
    public static string Issued(Circular c, IssueSummary summary) => $"已印发{Reference(c)}：{summary.Describe()}。";

    /// <summary>The signer left the directory.</summary>
    public static string SignerGone(string signerId) => $"签发人“{signerId}”已不在名录中，请重新拟稿。";

    /// <summary>The signer has no account on an enabled channel.</summary>
    public static string SignerUnreachable(Person signer) => $"签发人{signer.Name}在已启用的渠道上没有账号，无法送签，请核对名录。";

    /// <summary>The audit detail of a new draft: 通报 云爱卫专项办通〔2026〕12号《关于……的通报》.</summary>
    public static string CreatedDetail(CircularKind kind, string number, string title) => $"{kind.Name} {number}《{title}》";

    /// <summary>The audit detail of 送签.</summary>
    public static string SentToSignerDetail(Person signer) => $"送{signer.Name}签发";

    /// <summary>Sent for sign-off.</summary>
    public static string SentForSignOff(Circular c, Person signer, SignOffBy rule) =>
        $"已送{signer.Name}（{SignOffTitle(rule)}）签发{Reference(c)}。签发后立即印发，届时会通知您。";

    /// <summary>How a message to one person begins: 余波同志：</summary>
    public static string Address(string name) => $"{name}同志：\n";

    /// <summary>The composer is told of the signature.</summary>
    public static string SignedNotice(Circular c, string composer, string signer, IssueSummary summary) => Address(composer) + string.Create(CultureInfo.InvariantCulture,
        $"{Reference(c)}已经{signer}签发并印发：{summary.Describe()}。回复“通报情况 #{c.Id}”可随时查看确认情况。");

    /// <summary>The signer is told it is done.</summary>
    public static string Signed(Circular c, IssueSummary summary) => $"已签发，{Reference(c)}已印发（{summary.Describe()}）。";

    /// <summary>The composer is told of the return.</summary>
    public static string ReturnedToComposer(Circular c, string composer, string signer, string comment) =>
        Address(composer) + $"{Reference(c)}已被{signer}退回。\n退回意见：{comment}\n文号已释放。请按意见修改后，回复“通报”重新拟稿。";

    /// <summary>Reminders stopped before.</summary>
    public static string AlreadyStopped(Circular c, string when) => $"{Reference(c)}的提醒已于{when}停止。";

    /// <summary>Reminders stopped now.</summary>
    public static string Stopped(Circular c, int missing) =>
        $"已停止{Reference(c)}的提醒" + (missing > 0 ? $"，仍有 {missing} 人未确认收到（仍可随时确认）。" : "。");

    /// <summary>The withdrawal's comment stored with the circular.</summary>
    public static string WithdrawnBy(string name) => $"{name}撤回";

    /// <summary>The signer is told of the withdrawal.</summary>
    public static string WithdrawnToSigner(Circular c, string signer, string by) => Address(signer) + $"{Reference(c)}已由办公室{by}撤回，无需签发。";

    /// <summary>Withdrawn.</summary>
    public static string Withdrawn(Circular c) => $"已撤回{Reference(c)}，文号已释放。";

    /// <summary>The audit detail of a resend.</summary>
    public static string ResentDetail(int queued) => $"重发 {queued} 条";

    /// <summary>What 重发 did.</summary>
    public static string Resent(Circular c, int queued) => queued == 0
        ? $"{Reference(c)}没有需要重发的消息（发送失败且现在可以送达的）。"
        : $"已重新发送{Reference(c)}的 {queued} 条消息。";

    /// <summary>Only drafts take attachments.</summary>
    public static string OnlyDraftsTakeFiles(string state) => $"只有草稿可以添加附件；{state}";

    /// <summary>An attachment over the limit.</summary>
    public static string FileTooLarge(long max, long size) => $"附件过大（最大 {Files.Size(max)}，现为 {Files.Size(size)}）。";

    /// <summary>An upload over the limit, before it is read.</summary>
    public static string FileTooLarge(long max) => $"附件过大（最大 {Files.Size(max)}）。";

    /// <summary>The audit detail of an attachment.</summary>
    public static string AttachedDetail(string name, long size, string hash) => $"{name}（{Files.Size(size)}，SHA-256 {hash}）";

    /// <summary>Attached.</summary>
    public static string Attached(string name) => $"已添加附件{name}。";

    /// <summary>The signer named on the circular is someone else (or nobody).</summary>
    public static string NotTheSigner(CircularKind kind, string? named) => named is null
        ? $"这份{kind.Name}无需签发。"
        : $"这份{kind.Name}须由{named}签发，您无权处理。";

    /// <summary>Where a circular stands, as a sentence for someone who tried to act on it.</summary>
    public string State(Circular c, string signer) => c.Status switch
    {
        CircularStatus.Draft => $"{Reference(c)}尚未发送。",
        CircularStatus.PendingSignOff => $"{Reference(c)}已送{signer}签发，正在等待签发。",
        CircularStatus.Returned => $"{Reference(c)}已被{signer}退回，请重新拟稿。",
        CircularStatus.Withdrawn => $"{Reference(c)}已撤回。",
        _ => $"{Reference(c)}已于{PeriodText.When(c.IssuedAt!.Value, _office)}印发。",
    };

    /// <summary>The fall-back signer name in <see cref="State"/>.</summary>
    public const string SignerFallback = "签发人";

    /// <summary>A group whose channel is not enabled.</summary>
    public static string ChannelDisabled(string channel) => $"未启用{ConversationText.ChannelName(channel)}，无法发送到该群";

    /// <summary>A recipient whose 收到 card failed for good.</summary>
    public static string CardFailed(string? error) => $"确认消息发送失败：{error}";

    /// <summary>An unknown target.</summary>
    public static string UnknownTarget(CircularTarget t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t.Kind switch
        {
            TargetKind.Group => $"群聊“{t.Code}”不在名录中。",
            TargetKind.Unit => $"成员单位“{t.Code}”不在名录中。",
            TargetKind.Role => $"角色“{t.Code}”不存在，可选：{Vocabulary.RoleChoices}。",
            _ => $"人员“{t.Code}”不在名录中。",
        };
    }

    /// <summary>A targeted group with no members on file.</summary>
    public static string GroupWithoutMembers(string group) => $"“{group}”在名录中没有登记成员，群内无人需要确认收到。";

    /// <summary>A targeted unit without a liaison.</summary>
    public static string UnitWithoutLiaison(string unit) => $"{unit}没有联络员，无法送达。";

    /// <summary>What issuing queued, in one line.</summary>
    public static string Describe(IssueSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return $"发送群聊 {s.Groups} 个、个人 {s.Direct} 人，需确认收到 {s.Recipients} 人" +
            (s.Unreachable > 0 ? $"；{s.Unreachable} 个对象无法送达，详见“通报情况”" : "");
    }

    /// <summary>The targets as the office reads them: 2个群聊（联络员群、通知群），45家成员单位的联络员，全体人员.</summary>
    public static string Targets(IReadOnlyList<string> groups, IReadOnlyList<string> units, bool allUnits, IEnumerable<string> roles,
        IReadOnlyList<string> people, bool everyone)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(people);
        var parts = new List<string>();
        if (groups.Count > 0)
        {
            parts.Add($"{groups.Count}个群聊（{Few(groups)}）");
        }

        if (units.Count > 0)
        {
            parts.Add(allUnits ? $"全部{units.Count}家成员单位的联络员" : $"{units.Count}家成员单位的联络员（{Few(units)}）");
        }

        parts.AddRange(roles);
        if (people.Count > 0)
        {
            parts.Add(Few(people));
        }

        if (everyone)
        {
            parts.Add(Everyone);
        }

        return parts.Count == 0 ? "（未选择）" : string.Join("，", parts);
    }

    /// <summary>Everyone, as a target.</summary>
    public const string Everyone = "全体人员";

    /// <summary>All holders of a role, as a target.</summary>
    public static string AllOfRole(Roles role) => $"全体{Vocabulary.Name(role)}";

    private static string Few(IReadOnlyList<string> names) =>
        names.Count <= 3 ? string.Join("、", names) : $"{string.Join("、", names.Take(3))}等";
}
