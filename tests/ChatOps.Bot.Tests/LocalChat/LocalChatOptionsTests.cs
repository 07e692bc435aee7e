using ChatOps.Bot.LocalChat;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace ChatOps.Bot.Tests.LocalChat;

public sealed class LocalChatOptionsTests
{
    [Theory]
    [InlineData("Development", null, true)]
    [InlineData("Production", null, false)]
    [InlineData("Staging", null, false)]
    [InlineData("Production", "true", true)]
    [InlineData("Production", "True", true)]
    [InlineData("Development", "false", false)]
    public void IsEnabled_DefaultsToDevelopmentOnly_SettingWins(string environment, string? setting, bool expected)
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["LocalChat:Enabled"] = setting })
            .Build();

        Assert.Equal(expected, LocalChatOptions.IsEnabled(config, new Environment(environment)));
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "ChatOps.Bot";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
