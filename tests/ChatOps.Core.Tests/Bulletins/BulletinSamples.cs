using ChatOps.Core.Bulletins;

namespace ChatOps.Core.Tests.Bulletins;

/// <summary>Bulletins shaped like seed 001 (the office's real 工作专报), shared by the renderer tests.</summary>
internal static class BulletinSamples
{
    public const string Office = "云南省推进爱国卫生“7个专项行动”领导小组办公室";

    public static readonly DateOnly IssueDate = new(2026, 11, 26);

    /// <summary>A full weekly issue: one key event, four provincial and three local items, statistics and footer.</summary>
    public static Bulletin Weekly() => new()
    {
        OfficeName = Office,
        IssueNumber = "第12期",
        Date = IssueDate,
        PeriodLabel = "2026年第48周（11月20日至11月26日）",
        KeyEvents =
        [
            "11月24日，省政府副秘书长主持召开会议，专题研究全省爱国卫生“7个专项行动”考核细则和暗访专题片制作有关工作。",
        ],
        ProvincialItems =
        [
            new("省爱卫办", "11月18日至20日，省爱卫办在石林县组织开展国家卫生县城（城市）省级暗访评估专家现场培训，为下一步全省暗访评估工作打下了坚实的技术基础。"),
            new("省住房城乡建设厅", "召开城镇生活垃圾处理监管及设施无害化等级评价专题培训，持续推动垃圾处理设施无害化评价工作。"),
            new("省市场监管局", "省市场监管局综合评估“净餐馆”专项行动“红黑榜”和第三方暗访情况，形成末位州市和县市区名单，以函的形式通报各州市人民政府。"),
            new("省水利厅", "近期，省水利厅制定印发《进一步做好农村供水保障工作行动方案》，进一步巩固拓展农村饮水安全。"),
        ],
        LocalItems =
        [
            new("大理州", "大理州委州政府主要领导及时作出批示，明确1名副州长牵头解决问题，派出工作组到祥云、弥渡、鹤庆三个县开展督导。")
            {
                ExtraParagraphs = ["先后印发《关于切实抓好爱国卫生“扫厕所”专项行动突出问题整改工作的通知》，要求其他县、市对照存在问题举一反三，立即进行自检自查。"],
            },
            new("昆明市", "昆明市城市管理局牵头制定生活垃圾中转站及城市公厕检查标准，建立市、县（市、区）、街道3级监督检查机制。"),
            new("昭通市盐津县", "组建爱卫创卫攻坚铁军，严格落实“一天一督查一交办，一周一整改一回头看”机制。"),
        ],
        Statistics = new BulletinStatistics
        {
            OnTime = ["省爱卫办", "省住房城乡建设厅", "省市场监管局", "昆明市", "大理州"],
            Late = ["省水利厅", "昭通市"],
            Missing = ["省教育厅"],
        },
        DistributionList =
        [
            "省委常委，省人民政府领导。",
            "国家卫生健康委办公厅。",
            "省委办公厅、省人大常委会办公厅、省政府办公厅、省政协办公厅，省委督查室、省政府督查室。",
            "云南省推进爱国卫生“7个专项行动”领导小组成员单位，各州、市、县、区推进爱国卫生“7个专项行动”领导小组办公室。",
        ],
    };

    /// <summary>An issue with nothing reported: only the office and the date.</summary>
    public static Bulletin Empty() => new()
    {
        OfficeName = Office,
        Date = IssueDate,
    };
}
