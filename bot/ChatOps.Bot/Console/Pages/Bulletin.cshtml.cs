using ChatOps.Core.Bulletins;
using ChatOps.Core.Reports;
using ChatOps.Core.Reports.Overview;
using Microsoft.AspNetCore.Mvc;

namespace ChatOps.Bot.OfficeConsole.Pages;

/// <summary>
/// 专报编辑: the period's bulletin as the office writes it (<see cref="BulletinEditor"/>) — 期号, date, 主要内容,
/// 行动要情, each unit's edited sentences under 二 and 三, 分送 — saved as a draft, previewed as printed, downloaded as
/// .docx (GB/T 9704 layout), signed off by the office head and kept in the archive of past issues.
/// </summary>
public sealed class BulletinModel(BulletinEditor editor, ReportOverview overview) : ConsolePageModel
{
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    [BindProperty(SupportsGet = true)]
    public string? Cycle { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    public IReadOnlyList<ReportCycle> Cycles => overview.Cycles;

    public ReportCycle SelectedCycle { get; private set; } = null!;

    public IReadOnlyList<Core.Calendar.ReportPeriod> Periods { get; private set; } = [];

    public BulletinEdition Edition { get; private set; } = null!;

    public string Preview { get; private set; } = "";

    public IReadOnlyList<BulletinEdition> Archive { get; private set; } = [];

    public IReadOnlyList<Person> Signers { get; private set; } = [];

    public bool MaySign => Signers.Any(p => p.Id == Me.Id);


    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync(null);
        return Page();
    }

    /// <summary>The .docx of the period's issue (the archived file once issued).</summary>
    public async Task<IActionResult> OnGetDocxAsync(long? id)
    {
        var edition = id is { } i ? await editor.FindAsync(i, HttpContext.RequestAborted) : null;
        if (edition is null)
        {
            await LoadAsync(null);
            edition = Edition;
        }

        var (name, bytes) = await editor.WordFileAsync(edition, HttpContext.RequestAborted);
        return File(bytes, DocxType, name);
    }

    public async Task<IActionResult> OnPostSaveAsync(int version, int year, int number, string? date, string? title, string? headlines, string? keyEvents,
        string? pHeading, List<string>? pUnit, List<string>? pText, string? lHeading, List<string>? lUnit, List<string>? lText, string? distribution, bool stats)
    {
        await LoadAsync(null);
        if (!DateOnly.TryParseExact(date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            Errors = [ReportText.BulletinDateFormat];
            return Page();
        }

        var draft = Edition.Content with
        {
            Year = year,
            Number = number,
            Date = day,
            Title = string.IsNullOrWhiteSpace(title) ? Core.Bulletins.Bulletin.DefaultTitle : title.Trim(),
            Headlines = Lines(headlines),
            KeyEvents = Lines(keyEvents),
            ProvincialHeading = pHeading?.Trim() ?? "",
            ProvincialItems = Items(pUnit, pText),
            LocalHeading = lHeading?.Trim() ?? "",
            LocalItems = Items(lUnit, lText),
            Distribution = Lines(distribution),
            IncludeStatistics = stats,
        };
        var outcome = await editor.SaveAsync(Actor, Cycle!, Edition.PeriodKey, draft, version, HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            Errors = [outcome.Text];
            Edition = Edition with { Content = draft };
            Preview = BulletinHtmlRenderer.Render(editor.ToBulletin(Edition));
            return Page();
        }

        Notice = outcome.Text;
        return RedirectToPage(new { cycle = Cycle, period = Edition.PeriodKey });
    }

    /// <summary>Compiles the items afresh from the reports (shown for editing, saved only with 保存).</summary>
    public async Task<IActionResult> OnPostRecompileAsync()
    {
        await LoadAsync(null);
        var current = Edition.Id == 0 ? null : Edition;
        await LoadAsync(await editor.CompileAsync(SelectedCycle.Key, Edition.PeriodKey, current, HttpContext.RequestAborted));
        Notice = ReportText.BulletinRecompiled;
        return Page();
    }

    public async Task<IActionResult> OnPostSignAsync(long id, int version)
    {
        var outcome = await editor.SignAsync(Actor, id, version, HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            await LoadAsync(null);
            Errors = [outcome.Text];
            return Page();
        }

        Notice = outcome.Text;
        return RedirectToPage(new { cycle = Cycle, period = Period });
    }

    private async Task LoadAsync(BulletinEdition? shown)
    {
        SelectedCycle = overview.Cycles.FirstOrDefault(c => string.Equals(c.Key, Cycle, StringComparison.OrdinalIgnoreCase)) ?? overview.Cycles[0];
        Cycle = SelectedCycle.Key;
        Periods = overview.RecentPeriods(SelectedCycle);
        if (string.IsNullOrWhiteSpace(Period))
        {
            Period = overview.DefaultPeriods(SelectedCycle)[^1].Key;
        }

        try
        {
            Edition = shown ?? await editor.OpenAsync(SelectedCycle.Key, Period, HttpContext.RequestAborted);
        }
        catch (ArgumentException ex)
        {
            Errors = [ex.Message];
            Period = overview.DefaultPeriods(SelectedCycle)[^1].Key;
            Edition = await editor.OpenAsync(SelectedCycle.Key, Period, HttpContext.RequestAborted);
        }

        Period = Edition.PeriodKey;
        Preview = BulletinHtmlRenderer.Render(editor.ToBulletin(Edition));
        Archive = await editor.ArchiveAsync(cancellationToken: HttpContext.RequestAborted);
        Signers = await editor.SignersAsync(HttpContext.RequestAborted);
    }

    private static List<string> Lines(string? text) =>
        [.. (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static List<BulletinDraftItem> Items(List<string>? units, List<string>? texts)
    {
        var items = new List<BulletinDraftItem>();
        for (var i = 0; i < (texts?.Count ?? 0); i++)
        {
            var text = string.Join("\n", Lines(texts![i]));
            if (text.Length > 0)
            {
                items.Add(new BulletinDraftItem((units is not null && i < units.Count ? units[i] : "")?.Trim() ?? "", text));
            }
        }

        return items;
    }
}
