using System.Net;
using System.Text.Json;
using ChatOps.Core.Organization;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests;

public class HostStartupTests
{
    [Fact]
    public async Task FreshDataFolder_HostStarts_HealthzIs200_AndSampleDirectoryIsSeeded()
    {
        await using var host = new BotHost();
        using var client = host.CreateClient();

        var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var database = json.RootElement.GetProperty("checks").GetProperty("database");
        Assert.Equal("Healthy", database.GetProperty("status").GetString());
        Assert.Equal("Sqlite", database.GetProperty("data").GetProperty("provider").GetString());
        Assert.Equal(host.DatabaseFile, database.GetProperty("data").GetProperty("file").GetString());
        Assert.True(File.Exists(host.DatabaseFile));
        Assert.StartsWith("http://127.0.0.1:", client.BaseAddress!.ToString(), StringComparison.Ordinal);

        var directory = await host.Services.GetRequiredService<IDirectoryRepository>().LoadAsync(TestContext.Current.CancellationToken);
        Assert.Equal(45, directory.Units.Count);
        Assert.Equal(29, directory.Units.Count(u => u.Kind == UnitKind.ProvincialDepartment));
        Assert.Equal(16, directory.Units.Count(u => u.Kind == UnitKind.Prefecture));
        Assert.Equal(45, directory.LiaisonsByUnit().Count);
        Assert.Contains(directory.Units, u => u.Name == "中国铁路昆明局集团有限公司");
    }

    [Fact]
    public async Task SampleDirectory_SeedsTeamsIdentities_AndATeamsGroup()
    {
        await using var host = new BotHost();
        host.CreateClient().Dispose();

        var directory = await host.Services.GetRequiredService<IDirectoryRepository>().LoadAsync(TestContext.Current.CancellationToken);
        var teams = directory.People.Where(p => p.IdentityOn(ChannelNames.BotFramework) is not null)
            .ToDictionary(p => p.Id, p => p.IdentityOn(ChannelNames.BotFramework));
        Assert.Equal(
            new Dictionary<string, string?> { ["sw-xcb.lly"] = "29:1a2b3c4d-sw-xcb-lly", ["wjw.lly"] = "29:1a2b3c4d-wjw-lly", ["530100.lly"] = "29:1a2b3c4d-530100-lly" },
            teams);
        Assert.All(teams.Keys, id => Assert.NotNull(directory.People.Single(p => p.Id == id).IdentityOn(ChannelNames.WeCom)));
        var group = Assert.Single(directory.Groups, g => g.Kind == ChatOps.Channels.BotFramework.Hosting.BotFrameworkGroupKinds.Conversation);
        Assert.Equal(("teams-group", "19:sample-teams-group@thread.tacv2"), (group.Code, group.Address));
        Assert.Equal(["530100.lly", "sw-xcb.lly", "wjw.lly"], group.MemberIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DatabaseGone_HealthzIs503()
    {
        await using var host = new BotHost();
        using var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);

        // Move the database away (and back afterwards, so the host's background work can shut down cleanly).
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var aside = Directory.CreateTempSubdirectory("chatops-aside-").FullName;
        foreach (var file in Directory.GetFiles(host.DataFolder))
        {
            File.Move(file, Path.Combine(aside, Path.GetFileName(file)));
        }

        var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var recreated = File.Exists(host.DatabaseFile);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(aside))
        {
            File.Move(file, Path.Combine(host.DataFolder, Path.GetFileName(file)), overwrite: true);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("database unreachable", body, StringComparison.Ordinal);
        Assert.False(recreated, "the health check must not recreate an empty database");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task RestartOnSameFolder_DoesNotSeedAgain()
    {
        var folder = Directory.CreateTempSubdirectory("chatops-restart-").FullName;
        var settings = new Dictionary<string, string?> { ["Storage:DataFolder"] = folder };
        await using (var first = new BotHost(settings))
        {
            first.CreateClient().Dispose();
            var service = first.Services.GetRequiredService<DirectoryService>();
            await service.ChangeLiaisonAsync(Actor.System("测试", "test"), "wjw", "wjw.fgld", "调整", TestContext.Current.CancellationToken);
        }

        await using var second = new BotHost(settings);
        second.CreateClient().Dispose();

        var repo = second.Services.GetRequiredService<IDirectoryRepository>();
        Assert.Equal("wjw.fgld", await repo.FindLiaisonIdAsync("wjw", TestContext.Current.CancellationToken));
    }
}
