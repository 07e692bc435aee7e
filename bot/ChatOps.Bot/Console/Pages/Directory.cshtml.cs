using Microsoft.AspNetCore.Mvc;

namespace ChatOps.Bot.OfficeConsole.Pages;

/// <summary>
/// 名录: units, people (roles, channel identities), groups and the filed liaison changes; 备案 of a new liaison with its
/// reason; import of a CSV, YAML or .xlsx upload (every error with its line, nothing written on any error); export.
/// Every rule, and the audit line of each change, is <see cref="DirectoryService"/>'s; every text <see cref="DirectoryText"/>'s.
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
            "units" => Xlsx(DirectoryText.UnitsExportName, DirectoryText.UnitsExportHeader,
                Units().Select(u => (IReadOnlyList<object?>)[u.Code, u.Name, Vocabulary.Name(u.Kind), u.ParentCode, DirectoryText.YesNo(u.RequiresReview)])),
            "groups" => Xlsx(DirectoryText.GroupsExportName, DirectoryText.GroupsExportHeader,
                Groups().Select(g => (IReadOnlyList<object?>)[g.Code, g.Name, g.Kind.FileName, g.Address, g.MemberIds.Count])),
            "liaisons" => Xlsx(DirectoryText.LiaisonsExportName, DirectoryText.LiaisonsExportHeader,
                History.Select(h => (IReadOnlyList<object?>)[UnitName(h.UnitCode), h.OldPersonId is null ? "" : PersonName(h.OldPersonId), PersonName(h.NewPersonId), PersonName(h.FiledBy), ConsoleFormat.Time(h.FiledAt, HttpContext), h.Reason])),
            _ => Xlsx(DirectoryText.PeopleExportName, DirectoryText.PeopleExportHeader,
                People().Select(p => (IReadOnlyList<object?>)[p.UnitCode, p.UnitCode is null ? "" : UnitName(p.UnitCode), p.Id, p.Name, Vocabulary.Names(p.Roles), p.Title, p.Phone,
                    p.IdentityOn(ChannelNames.WeCom), p.IdentityOn(ChannelNames.BotFramework)])),
        };
    }

    /// <summary>联络员调整备案.</summary>
    public async Task<IActionResult> OnPostLiaisonAsync(string unit, string person, string reason)
    {
        try
        {
            await directory.ChangeLiaisonAsync(Actor.Of(Me, ConsoleAuth.Source(HttpContext)), unit ?? "", person ?? "", reason ?? "", HttpContext.RequestAborted);
            Notice = DirectoryText.LiaisonFiled;
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
            Errors = [DirectoryText.ChooseFile];
        }
        else if (file.Length > MaxUpload)
        {
            Errors = [DirectoryText.FileTooLarge];
        }
        else
        {
            var name = Path.GetFileName(file.FileName);
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, HttpContext.RequestAborted);
            try
            {
                var result = await directory.ImportAsync(Actor.Of(Me, ConsoleAuth.Source(HttpContext)), name, buffer.ToArray(), HttpContext.RequestAborted);
                if (result.Succeeded)
                {
                    Notice = DirectoryText.Imported(result.Changes!.Summary());
                    return RedirectToPage(new { tab = "people" });
                }

                Errors = [.. result.Errors.Select(DirectoryText.FileErrorAt)];
            }
            catch (Exception ex) when (ex is ArgumentException or DirectoryException)
            {
                Errors = [ex.Message];
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException)
            {
                Errors = [DirectoryText.Unreadable(name)];
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
