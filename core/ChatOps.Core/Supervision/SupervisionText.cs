using ChatOps.Core.Calendar;

namespace ChatOps.Core.Supervision;

/// <summary>
/// Every Chinese text of problem lists, complaints and 督办 tasks, in one class so the wording is reviewed in one place:
/// this file (names, lists, the item card, refusals, dialog prompts, 帮助 and the notices), SupervisionText.UseCases (the
/// use cases' answers and the import's errors), .Chat (the chat list and the cards with buttons), .Documents (the
/// monthly 通报 draft and the bulletin's paragraph) and .Operators (the console and the CLI). Outside it stay only the
/// words the parsers match (the chat's command words and regexes, the import's column headers, the date patterns) and
/// the CLI verbs' usage lines.
/// </summary>
public static partial class SupervisionText
{
    /// <summary>The kind as the office names it.</summary>
    public static string KindName(SupervisionKind kind) => kind switch
    {
        SupervisionKind.Problem => "问题",
        SupervisionKind.Complaint => "投诉举报",
        _ => "督办事项",
    };

    /// <summary>The status as shown.</summary>
    public static string StatusName(ItemStatus status) => status switch
    {
        ItemStatus.Open => "整改中",
        ItemStatus.Submitted => "待核验",
        _ => "已销号",
    };

    /// <summary>A date as 6月30日 (with the year when it is not <paramref name="year"/>).</summary>
    public static string Date(DateOnly date, int? year = null) =>
        ChineseDates.Date(date, withYear: year != date.Year);

    /// <summary>“#12 问题（文山市·城北农贸市场）”.</summary>
    public static string Ref(SupervisionItem item, string unitName) =>
        $"#{item.Id} {KindName(item.Kind)}（{unitName}{(string.IsNullOrWhiteSpace(item.Place) ? "" : "·" + item.Place)}）";

    /// <summary>One line of a list.</summary>
    public static string Line(SupervisionItem item, string unitName, DateOnly today)
    {
        var overdue = item.IsOverdue(today) && item.Status == ItemStatus.Open ? "，**已逾期**" : "";
        var extension = item.RequestedDeadline is { } d ? $"，申请延期至{Date(d, today.Year)}待批" : "";
        return $"- #{item.Id} {unitName}{Place(item)}：{item.Description}（{StatusName(item.Status)}，时限{Date(item.Deadline, today.Year)}{overdue}{extension}）";
    }

    /// <summary>The full card of an item, with its history.</summary>
    public static string Detail(SupervisionItem item, string unitName, IReadOnlyList<SupervisionEntry> history, Func<string, string> personName, bool showReporter)
    {
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"**{KindName(item.Kind)} #{item.Id}**（{StatusName(item.Status)}）\n");
        b.Append(CultureInfo.InvariantCulture, $"单位：{unitName}\n");
        if (!string.IsNullOrWhiteSpace(item.Place))
        {
            b.Append(CultureInfo.InvariantCulture, $"点位：{item.Place}\n");
        }

        b.Append(CultureInfo.InvariantCulture, $"内容：{item.Description}\n");
        if (!string.IsNullOrWhiteSpace(item.ResponsibleUnit))
        {
            b.Append(CultureInfo.InvariantCulture, $"责任单位：{item.ResponsibleUnit}\n");
        }

        if (!string.IsNullOrWhiteSpace(item.DoneCriteria))
        {
            b.Append(CultureInfo.InvariantCulture, $"完成标准：{item.DoneCriteria}\n");
        }

        b.Append(CultureInfo.InvariantCulture, $"整改时限：{Date(item.Deadline)}\n来源：{item.Source}\n");
        if (showReporter && item.ReporterName is not null)
        {
            b.Append(CultureInfo.InvariantCulture, $"举报人：{item.ReporterName} {item.ReporterContact}（仅办公室可见）\n");
        }

        foreach (var e in history)
        {
            var at = e.At.ToOffset(TimeSpan.FromHours(8));
            b.Append(CultureInfo.InvariantCulture, $"- {ChineseDates.MonthDay(DateOnly.FromDateTime(at.DateTime))} {at:HH:mm} {personName(e.PersonId)}{EntryVerb(e.Action)}：{e.Text}\n");
        }

        return b.ToString().TrimEnd();
    }

    private static string Place(SupervisionItem item) => string.IsNullOrWhiteSpace(item.Place) ? "" : "·" + item.Place;

    private static string EntryVerb(string action) => action switch
    {
        "progress" => "报送进展",
        "rectified" => "报送整改情况",
        "extension-requested" => "申请延期",
        "extension-approved" => "同意延期",
        "extension-refused" => "不同意延期",
        "returned" => "退回整改",
        "closed" => "核验销号",
        _ => action,
    };

    /// <summary>No item with that id.</summary>
    public const string NotFound = "未找到该编号的问题或督办事项，请核对编号。";

    /// <summary>The item belongs to a unit the person neither reports for nor supervises.</summary>
    public const string NotYours = "该事项不属于您所在单位，无法查看或报送。";

    /// <summary>销号 or 退回整改 of a problem or complaint by someone not in the county's 督战组.</summary>
    public const string OnlyVerifier = "只有该县（市、区）的督战组成员可以核验销号或退回。";

    /// <summary>销号 or 退回整改 of a 督办 task by someone not in the office.</summary>
    public const string OnlyOfficeVerifies = "督办事项由领导小组办公室核验办结。";

    /// <summary>An office-only use case (tasks, milestones, 督战组 assignments, the monthly 通报) asked by someone else.</summary>
    public const string OnlyOffice = "只有领导小组办公室人员可以进行此项操作。";

    /// <summary>An import by someone neither in the office nor in a 督战组.</summary>
    public const string OnlyOfficeOrSupervisor = "只有领导小组办公室或督战组可以导入问题清单。";

    /// <summary>A report or verification of an item already closed.</summary>
    public const string AlreadyClosed = "该事项已销号，无需再处理。";

    /// <summary>销号 of an item the unit has not reported rectified.</summary>
    public const string NotSubmitted = "该事项尚未报送整改情况，不能销号。须由责任单位报送整改情况后，再由督战组核验销号。";

    /// <summary>同意延期 or 不同意延期 with no request pending.</summary>
    public const string NoExtensionPending = "该事项没有待审批的延期申请。";

    /// <summary>An empty report, reason or comment.</summary>
    public const string EmptyText = "内容不能为空，请重新输入。";

    /// <summary>A report, reason or comment over 1000 characters (the dialog stays open).</summary>
    public const string TooLong = "内容过长（最多 1000 字），请精简后重新输入。";

    /// <summary>A deadline that cannot be read or is in the past.</summary>
    public static string BadDate(string text) => $"“{text}”不是有效的日期，请按 2026-06-30 或 6月30日 的格式填写，且不早于今天。";

    /// <summary>整改 #id or 办结 #id: asks the text of the rectification or completion.</summary>
    public const string AskRectification = "请简要说明整改情况（采取的措施、完成时间、现场情况等）。\n如有现场照片，请在发送文字说明之前直接发送，可发送多张。";

    /// <summary>After a photo of the rectification: the dialog waits for more photos or the text.</summary>
    public const string PhotoReceivedHint = "请继续发送照片，或回复整改情况的文字说明后一并报送。";

    /// <summary>A photo sent while the dialog asks for a date, a reason or a comment.</summary>
    public const string PhotoNotHere = "此步骤只需回复文字。现场照片请在报送整改情况时发送。";

    /// <summary>进展 #id: asks the progress.</summary>
    public const string AskProgress = "请简要说明目前的工作进展。";

    /// <summary>申请延期 #id: asks the new deadline.</summary>
    public const string AskExtensionDate = "请填写申请延期到哪一天（如 2026-06-30 或 6月30日）。";

    /// <summary>After the new deadline: asks the reason.</summary>
    public const string AskExtensionReason = "请说明申请延期的原因。";

    /// <summary>退回整改 #id: asks the verifier's comment.</summary>
    public const string AskReturnComment = "请填写退回意见（哪些方面还不符合要求）。";

    /// <summary>取消 during a supervision dialog.</summary>
    public const string Cancelled = "已取消，未作任何更改。";

    /// <summary>帮助's line for a liaison.</summary>
    public const string HelpLiaison = "**问题清单**：查看本单位的问题清单和督办事项；**整改 #编号**：报送整改情况；**进展 #编号**：报送进展；**申请延期 #编号**";

    /// <summary>帮助's line for a 督战组 member.</summary>
    public const string HelpSupervisor = "**问题清单**、**整改率**：查看督战县（市、区）的问题和整改率；**销号 #编号**、**退回整改 #编号**：核验整改情况";

    /// <summary>帮助's line for office staff.</summary>
    public const string HelpOffice = "**整改率**：各县（市、区）问题清单整改率与目标对比；**问题清单**：全部问题、投诉和督办事项";

    // Notices. Each goes to one person, who is addressed by name (<see cref="Address"/>) before the text.

    /// <summary>“曹海燕同志：” on a line of its own, as every message to one person begins.</summary>
    public static string Address(string name) => $"{name}同志：\n";

    /// <summary>To a unit's liaison after an import or an entry: how many new problems or complaints it has.</summary>
    public static string NewItems(int count, SupervisionKind kind, string unitName) =>
        $"{unitName}新增{(kind == SupervisionKind.Complaint ? "群众投诉举报事项" : "问题清单事项")}{count}项，请回复“问题清单”查看，并在时限内整改；整改完成后回复“整改 #编号”报送整改情况。";

    /// <summary>To a unit's liaison: a 督办 task assigned to the unit.</summary>
    public static string NewTask(SupervisionItem task, string unitName) =>
        $"领导小组办公室交办督办事项 #{task.Id}（{unitName}）：{task.Description}\n完成标准：{task.DoneCriteria ?? "按要求落实"}\n办结时限：{Date(task.Deadline)}\n请按时落实，期间可回复“进展 #{task.Id}”报送进展，完成后回复“办结 #{task.Id}”。";

    /// <summary>To the verifiers: the unit reported the item rectified or done (the text of the 整改核验 card).</summary>
    public static string Submitted(SupervisionItem item, string unitName, string text) =>
        $"{Ref(item, unitName)}已报送整改情况：{text}\n请核验。核验通过请点“销号”，不符合要求请点“退回整改”并说明意见。";

    /// <summary>To the verifiers: the unit asks for more time (the text of the 延期申请 card).</summary>
    public static string ExtensionRequested(SupervisionItem item, string unitName, DateOnly to, string reason) =>
        $"{Ref(item, unitName)}申请将整改时限由{Date(item.Deadline)}延至{Date(to)}，原因：{reason}";

    /// <summary>To the unit's liaison: the extension request approved or refused.</summary>
    public static string ExtensionDecided(SupervisionItem item, bool approved, DateOnly to) => approved
        ? $"#{item.Id} 的延期申请已同意，整改时限调整为{Date(to)}。"
        : $"#{item.Id} 的延期申请未获同意，请按原时限{Date(item.Deadline)}完成整改。";

    /// <summary>To the unit's liaison: the item returned with the verifier's comment.</summary>
    public static string Returned(SupervisionItem item, string comment) =>
        $"#{item.Id}（{item.Description}）经核验未通过，已退回整改。意见：{comment}\n整改后请再次回复“整改 #{item.Id}”报送。";

    /// <summary>To the unit's liaison: the item closed.</summary>
    public static string Closed(SupervisionItem item) => $"#{item.Id}（{item.Description}）已核验销号。";

    /// <summary>To the liaison in the three days before a deadline (the text of the 整改提醒 card).</summary>
    public static string Reminder(SupervisionItem item, string unitName) =>
        $"{Ref(item, unitName)}的整改时限为{Date(item.Deadline)}，目前尚未报送整改情况。请抓紧整改，完成后回复“整改 #{item.Id}”；确需延期的，请回复“申请延期 #{item.Id}”并说明原因。";

    /// <summary>To the unit's 分管领导 and liaison once the item is overdue.</summary>
    public static string OverdueToLeader(SupervisionItem item, string unitName) =>
        $"{Ref(item, unitName)}已超过整改时限（{Date(item.Deadline)}），至今尚未完成，请督促落实。\n内容：{item.Description}";

    /// <summary>To the office three days after the leader was told.</summary>
    public static string OverdueToOffice(SupervisionItem item, string unitName, int days) =>
        $"{Ref(item, unitName)}已逾期{days}天，已提醒该单位分管领导，至今仍未完成。\n内容：{item.Description}";

    /// <summary>The weekly summary of a county (每周一分析、一报告).</summary>
    public static string Weekly(CountyRate rate, IReadOnlyList<string> overdueLines, int submitted, int year)
    {
        var b = new StringBuilder($"**{rate.UnitName}问题清单整改周报**\n");
        b.Append(CultureInfo.InvariantCulture, $"问题总数{rate.Total}个，已销号{rate.Closed}个，整改达标率{rate.Percent:0.#}%");
        b.Append(rate.Milestone is { } m ? $"（目标：{Date(m.Date, year)}前达{m.Percent}%{(rate.Behind ? "，**未达目标**" : "，已达目标")}）" : "");
        b.Append(CultureInfo.InvariantCulture, $"；待核验{submitted}个，逾期{rate.Overdue}个。\n");
        if (rate.Next is { } n)
        {
            b.Append(CultureInfo.InvariantCulture, $"下一目标：{Date(n.Date, year)}前达{n.Percent}%。\n");
        }

        foreach (var line in overdueLines)
        {
            b.Append(line).Append('\n');
        }

        return b.ToString().TrimEnd();
    }

    /// <summary>The rates table for the office and the 督战组.</summary>
    public static string Rates(IReadOnlyList<CountyRate> rates, int year)
    {
        if (rates.Count == 0)
        {
            return "目前没有问题清单。";
        }

        var b = new StringBuilder("**问题清单整改达标率**\n");
        foreach (var r in rates)
        {
            var target = r.Milestone is { } m ? $"，目标{m.Percent}%（{Date(m.Date, year)}）" : "";
            b.Append(CultureInfo.InvariantCulture, $"- {r.UnitName}：{r.Closed}/{r.Total}，{r.Percent:0.#}%{target}{(r.Behind ? "，**滞后**" : "")}{(r.Overdue > 0 ? $"，逾期{r.Overdue}个" : "")}\n");
        }

        return b.ToString().TrimEnd();
    }
}
