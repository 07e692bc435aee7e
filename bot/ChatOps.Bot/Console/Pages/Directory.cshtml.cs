using ChatOps.Core.Organization;
using Microsoft.AspNetCore.Mvc;

namespace ChatOps.Bot.OfficeConsole.Pages;

/// <summary>
/// 名录: units, people (roles, channel identities), groups and the filed liaison changes; 备案 of a new liaison with its
/// reason; import of a CSV, YAML or .xlsx upload (every error with its line, nothing written on any error); export.
/// Every rule is <see cref="DirectoryService"/>'s.
/// </summary>
public sealed class DirectoryModel(IDirectoryRepository repository, DirectoryService directory) : ConsolePageModel
{
    private const long MaxUpload = 5 * 1024 * 1024;

    public DirectorySnapshot Snapshot { get; private set; } = DirectorySnapshot.Empty;

    public IReadOnlyList<LiaisonChange> History { get; private set; } = [];

    public Dictionary<string, string> UnitNames { get; private set; } = [];

    public Dictionary<string, string> PersonNames { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string Tab { get; set; } = "people";

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnGetExportAsync()
    {
        await LoadAsync();
        return Tab switch
        {
            "units" => Xlsx("名录-单位.xlsx", ["单位代码", "单位名称", "单位类别", "上级单位代码", "上报需审核"],
                Units().Select(u => (IReadOnlyList<object?>)[u.Code, u.Name, Vocabulary.Name(u.Kind), u.ParentCode, u.RequiresReview ? "是" : "否"])),
            "groups" => Xlsx("名录-群聊.xlsx", ["群代码", "群名称", "类型", "地址", "成员数"],
                Groups().Select(g => (IReadOnlyList<object?>)[g.Code, g.Name, Vocabulary.Name(g.Kind), g.Address, g.MemberIds.Count])),
            "liaisons" => Xlsx("名录-联络员调整备案.xlsx", ["单位", "原联络员", "新联络员", "备案人", "备案时间", "原因"],
                History.Select(h => (IReadOnlyList<object?>)[UnitName(h.UnitCode), h.OldPersonId is null ? "" : PersonName(h.OldPersonId), PersonName(h.NewPersonId), PersonName(h.FiledBy), ConsoleFormat.Time(h.FiledAt, HttpContext), h.Reason])),
            _ => Xlsx("名录-人员.xlsx", ["单位代码", "单位名称", "人员编号", "姓名", "角色", "职务", "手机", "企业微信账号", "BotFramework账号"],
                People().Select(p => (IReadOnlyList<object?>)[p.UnitCode, p.UnitCode is null ? "" : UnitName(p.UnitCode), p.Id, p.Name, Vocabulary.Names(p.Roles), p.Title, p.Phone,
                    p.IdentityOn(ChannelNames.WeCom), p.IdentityOn(ChannelNames.BotFramework)])),
        };
    }

    /// <summary>联络员调整备案.</summary>
    public async Task<IActionResult> OnPostLiaisonAsync(string unit, string person, string reason)
    {
        try
        {
            var change = await directory.ChangeLiaisonAsync(unit ?? "", person ?? "", Me.Id, reason ?? "", HttpContext.RequestAborted);
            await AuditAsync("directory.liaison", $"unit:{change.UnitCode}", $"{change.OldPersonId ?? "（无）"} → {change.NewPersonId}：{reason}");
            Notice = "联络员调整已备案。";
            return RedirectToPage(new { tab = "liaisons" });
        }
        catch (DirectoryException ex)
        {
            Errors = [ex.Message];
            Tab = "liaisons";
            await LoadAsync();
            return Page();
        }
    }

    /// <summary>Import: validated as a whole; on any error nothing is written and every error is listed with its line.</summary>
    public async Task<IActionResult> OnPostImportAsync(IFormFile? file)
    {
        Tab = "import";
        if (file is null || file.Length == 0)
        {
            Errors = ["请选择要导入的名录文件（.csv、.yaml、.yml 或 .xlsx）。"];
        }
        else if (file.Length > MaxUpload)
        {
            Errors = ["文件超过 5 MB，请拆分后导入。"];
        }
        else
        {
            var name = Path.GetFileName(file.FileName);
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, HttpContext.RequestAborted);
            try
            {
                var result = await directory.ImportAsync(name, buffer.ToArray(), Me.Id, HttpContext.RequestAborted);
                if (result.Succeeded)
                {
                    var summary = result.Changes!.Summary();
                    await AuditAsync("directory.import", $"file:{name}", summary);
                    Notice = $"导入完成：{summary}";
                    return RedirectToPage(new { tab = "people" });
                }

                Errors = [.. result.Errors.Select(e => $"第{e.Position.Line}行第{e.Position.Column}列：{e.Message}")];
            }
            catch (ArgumentException ex)
            {
                Errors = [ex.Message];
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException)
            {
                Errors = [$"无法读取文件“{name}”：请确认是有效的 .xlsx、.csv 或 .yaml 文件。"];
            }
        }

        await LoadAsync();
        return Page();
    }

    public IEnumerable<Person> People() => Snapshot.People.Where(p => Matches(p.Id, p.Name, p.UnitCode is null ? null : UnitName(p.UnitCode), Vocabulary.Names(p.Roles), p.Title));

    public IEnumerable<Unit> Units() => Snapshot.Units.Where(u => Matches(u.Code, u.Name, Vocabulary.Name(u.Kind)));

    public IEnumerable<GroupChat> Groups() => Snapshot.Groups.Where(g => Matches(g.Code, g.Name));

    public string UnitName(string code) => UnitNames.GetValueOrDefault(code, code);

    public string PersonName(string id) => PersonNames.GetValueOrDefault(id, id);

    private bool Matches(params string?[] fields) =>
        string.IsNullOrWhiteSpace(Q) || fields.Any(f => f?.Contains(Q.Trim(), StringComparison.OrdinalIgnoreCase) == true);

    private async Task LoadAsync()
    {
        Snapshot = await repository.LoadAsync(HttpContext.RequestAborted);
        History = await repository.ListLiaisonChangesAsync(null, HttpContext.RequestAborted);
        UnitNames = Snapshot.Units.ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal);
        PersonNames = Snapshot.People.ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
    }
}
