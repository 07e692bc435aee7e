using ChatOps.Bot.Supervision;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Core.Supervision;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Testing;

/// <summary>Helpers over <see cref="ChatHarness"/> with supervision registered: files to import, the office's set-up, the scheduler at the clock's time.</summary>
public static class SupervisionChat
{
    /// <summary>Tuesday 1 December 2026, 09:30 in Kunming.</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 30, 0, TimeSpan.FromHours(8));

    public static readonly Actor Office = Actor.System("office-test", "cli");

    public static Task<ChatHarness> StartAsync(DateTimeOffset? at = null) =>
        ChatHarness.StartAsync(at ?? Start, configure: b => b.AddSupervision());

    public static SupervisionService Service(this ChatHarness chat) => chat.Services.GetRequiredService<SupervisionService>();

    /// <summary>Imports CSV lines (header first) as the office; returns the outcome.</summary>
    public static async Task<ImportOutcome> ImportAsync(this ChatHarness chat, SupervisionKind kind, params string[] lines)
    {
        var file = Path.Combine(chat.DataFolder, $"import-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(file, lines);
        return await chat.Service().ImportFileAsync(Office, file, kind, chat.Clock.GetUtcNow());
    }

    /// <summary>Runs a use case in a committed unit of work.</summary>
    public static async Task<T> InWorkAsync<T>(this ChatHarness chat, Func<SupervisionService, IUnitOfWork, DateTimeOffset, Task<T>> use)
    {
        await using var work = await chat.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync();
        var result = await use(chat.Service(), work, chat.Clock.GetUtcNow());
        await work.CommitAsync();
        return result;
    }

    /// <summary>The 文山州 list of the sample with 李卫东 (dzz.wenshan) as its 督战组.</summary>
    public static async Task SeedWenshanAsync(this ChatHarness chat)
    {
        var imported = await chat.ImportAsync(SupervisionKind.Problem,
            "县（市、区）,点位,问题描述,责任单位,整改时限,问题来源",
            "文山州,城北农贸市场,活禽宰杀区未隔离,文山市市场监管局,2026-12-15,省督查组",
            "532600,开化路背街小巷,垃圾清运不及时,文山市住建局,2026/12/10,暗访",
            "红河州,天马路,占道经营,蒙自市城市管理局,2026年12月20日,省督查组");
        Assert.True(imported.Succeeded, string.Join("\n", imported.Errors));
        var assigned = await chat.InWorkAsync((s, w, now) => s.AssignSupervisorAsync(w, Office, "532600", "dzz.wenshan", now));
        Assert.True(assigned.Succeeded, assigned.Message);
    }

    /// <summary>Runs the supervision scheduler at the clock's time.</summary>
    public static Task<int> RunSchedulerAsync(this ChatHarness chat) =>
        chat.Services.GetRequiredService<SupervisionScheduler>().RunDueAsync(chat.Clock.GetUtcNow());

    /// <summary>Everything queued for a person since the last look, as text.</summary>
    public static async Task<string> InboxTextAsync(this ChatHarness chat, string personId) =>
        string.Join("\n---\n", (await chat.NewMessagesAsync(personId)).Select(i => i.Message.ToNumberedText()));
}
