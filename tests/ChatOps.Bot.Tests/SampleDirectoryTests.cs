using ChatOps.Core.Organization;

namespace ChatOps.Bot.Tests;

/// <summary>The sample directory lets one try every channel, Teams included (issue 10, item 17).</summary>
public sealed class SampleDirectoryTests
{
    [Fact]
    public async Task SampleDirectory_HasTeamsPeopleAndATeamsGroupOfThem()
    {
        var read = await DirectoryFile.ReadAsync(Path.Combine(AppContext.BaseDirectory, "samples", "directory.yaml"), TestContext.Current.CancellationToken);

        Assert.Empty(read.Errors);
        var teamsPeople = read.Snapshot!.People.Where(p => p.IdentityOn(ChannelNames.BotFramework) is not null).ToList();
        Assert.Equal(["wjw.lly", "wjw.fgld", "office.clerk1"], teamsPeople.Select(p => p.Id));
        var group = Assert.Single(read.Snapshot.Groups, g => g.Kind == GroupKind.BotFrameworkConversation);
        Assert.All(group.MemberIds, id => Assert.Contains(id, teamsPeople.Select(p => p.Id)));
    }
}
