using ChatOps.Core.Calendar;
using ChatOps.Core.Reports.Overview;

namespace ChatOps.Core.Reports;

/// <summary>The monthly 信息报送情况通报 drafted from the month's figures.</summary>
public static partial class ReportText
{
    /// <summary>
    /// The month's 信息报送情况通报 drafted from its <see cref="ComplianceMonth"/> (seed 000 第二十条(四) 信息沟通和相关材料
    /// 报送情况): the office edits it, has it signed and sends it as a 通报 (the circulars feature). Only a draft: nothing
    /// here is sent.
    /// </summary>
    public static class ComplianceCircular
    {
        /// <summary>Longest list of units named in one paragraph; the rest are counted (keeps the body within a circular's limit).</summary>
        public const int MaxNamed = 30;

        /// <summary>The title: 关于2026年11月信息报送情况的通报.</summary>
        public static string Title(ComplianceMonth month)
        {
            ArgumentNullException.ThrowIfNull(month);
            return $"关于{ChineseDates.YearMonth(month.Year, month.Month)}信息报送情况的通报";
        }

        /// <summary>The body (Markdown paragraphs) as the office would write it.</summary>
        public static string Body(ComplianceMonth month, string officeName, DateOnly date)
        {
            ArgumentNullException.ThrowIfNull(month);
            var c = CultureInfo.InvariantCulture;
            var ym = ChineseDates.YearMonth(month.Year, month.Month);
            var text = new StringBuilder();
            text.AppendLine("各成员单位，各州、市领导小组办公室：").AppendLine();
            text.Append(c, $"根据领导小组工作规则关于信息报送和通报制度的规定，现将{ym}各地各部门工作信息报送情况通报如下。").AppendLine().AppendLine();
            text.AppendLine("一、总体情况").AppendLine();
            var cycles = month.Periods.GroupBy(p => p.Cycle.Name).Select(g => string.Create(c, $"{g.Key}{g.Count()}期"));
            text.Append(c, $"{ym}共组织报送{string.Join("、", cycles)}，应报送{month.Due}份，按时报送{month.OnTime}份，迟报{month.Late}份，未报送{month.Missing}份");
            text.Append(month.Returned > 0 ? string.Create(c, $"，经审核退回修改{month.Returned}次") : "");
            text.Append(c, $"，按时报送率{ComplianceMonth.Percent(month.Rate)}。").AppendLine().AppendLine();

            var full = month.Rows.Where(r => r.Due > 0 && r.OnTime == r.Due).Select(r => r.Unit.Name).ToList();
            text.AppendLine("二、按时报送情况").AppendLine();
            text.AppendLine(full.Count == 0
                ? "本月没有全部按时报送的单位。"
                : $"{Names(full)}等{full.Count}个单位全部按时报送，信息质量较好，予以通报表扬。").AppendLine();

            var poor = month.Rows.Where(r => r.Late + r.Missing > 0).OrderByDescending(r => r.Missing).ThenByDescending(r => r.Late).ToList();
            text.AppendLine("三、迟报、未报情况").AppendLine();
            if (poor.Count == 0)
            {
                text.AppendLine("本月各单位均按时报送。").AppendLine();
            }
            else
            {
                var named = poor.Take(MaxNamed).Select(r => r.Unit.Name + Detail(r)).ToList();
                text.Append(string.Join("；", named));
                text.AppendLine(poor.Count > MaxNamed ? string.Create(c, $"；另有{poor.Count - MaxNamed}个单位存在迟报或未报（详见统计表）。") : "。").AppendLine();
            }

            text.AppendLine("四、有关要求").AppendLine();
            text.AppendLine("请各单位高度重视信息报送工作，明确专人负责，严格按照规定时限报送工作信息。迟报、未报的单位要认真查找原因，切实加以改进；报告被退回的单位要按审核意见及时修改。办公室将继续按月通报报送情况，并纳入年度评估考核。").AppendLine();
            text.AppendLine(officeName);
            text.Append(ChineseDates.YearMonthDay(date));
            return text.ToString();
        }

        private static string Names(List<string> names) =>
            string.Join("、", names.Take(MaxNamed));

        private static string Detail(ComplianceRow r)
        {
            var parts = new List<string>();
            if (r.Missing > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"未报{r.Missing}次"));
            }

            if (r.Late > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"迟报{r.Late}次"));
            }

            return $"（{string.Join("、", parts)}）";
        }
    }
}
