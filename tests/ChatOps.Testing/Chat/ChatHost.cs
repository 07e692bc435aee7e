using ChatOps.Bot.Engine;
using ChatOps.Bot.Hosting;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOps.Testing;

/// <summary>
/// The one chat host builder behind <see cref="ChatHarness"/>, <see cref="MeetingChat"/>, <see cref="CircularChat"/>,
/// <see cref="SchedulingHost"/> and the benchmarks: the host's own registrations (AddStorage, AddChatOps, AddEngine)
/// on a data folder with the local web chat on, without the web server; a feature adds its own AddXxx before Build.
/// </summary>
public static class ChatHost
{
    /// <summary>The sample directory the bot ships (copied next to the test assembly).</summary>
    public static string SampleDirectory => Path.Combine(AppContext.BaseDirectory, "samples", "directory.yaml");

    /// <summary>A builder on <paramref name="folder"/>; <paramref name="clock"/> replaces the system clock when given.</summary>
    public static HostApplicationBuilder CreateBuilder(
        string folder, TimeProvider? clock = null, IEnumerable<KeyValuePair<string, string?>>? settings = null,
        string environment = "Development", Action<ILoggingBuilder>? logging = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = environment,
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataFolder"] = folder,
            ["LocalChat:Enabled"] = "true",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.Services.AddLogging(logging ?? (_ => { }));
        builder.AddStorage();
        builder.AddChatOps();
        builder.AddEngine();
        return builder;
    }

    /// <summary>Builds the host, migrates its database and seeds the sample directory when it is empty (not started).</summary>
    public static async Task<IHost> BuildSeededAsync(this HostApplicationBuilder builder)
    {
        var host = builder.Build();
        await host.Services.GetRequiredService<Migrator>().MigrateAsync();
        await host.Services.GetRequiredService<DirectoryService>().SeedIfEmptyAsync(SampleDirectory);
        return host;
    }

    /// <summary>
    /// One turn on the local web chat as a channel would deliver it: the message is accepted into the inbox, then every
    /// pending inbound message is handled by the engine, as the inbox worker would.
    /// </summary>
    public static async Task TurnAsync(this IServiceProvider services, string messageId, string personId, string? text, string? action, DateTimeOffset now)
    {
        await services.AcceptAsync(messageId, personId, text, action, now);
        await services.HandlePendingAsync(now);
    }

    /// <summary>
    /// Stores a local web chat message received at <paramref name="receivedAt"/>, as the endpoint stores it before it
    /// answers; nothing handles it yet (<see cref="HandlePendingAsync"/>). False when the id was stored before.
    /// </summary>
    public static Task<bool> AcceptAsync(this IServiceProvider services, string messageId, string personId, string? text, string? action, DateTimeOffset receivedAt) =>
        services.GetRequiredService<IInbox>().AcceptAsync(new InboundMessage(ChannelNames.Local, messageId, personId, text, action, null, receivedAt), personId);

    /// <summary>Handles every stored inbound message at <paramref name="now"/>, as the inbox worker would.</summary>
    public static async Task HandlePendingAsync(this IServiceProvider services, DateTimeOffset now)
    {
        var engine = services.GetRequiredService<ConversationEngine>();
        foreach (var item in await services.GetRequiredService<IInbox>().ClaimPendingAsync(now, 100, TimeSpan.FromMinutes(5)))
        {
            await engine.HandleAsync(item);
        }
    }
}
