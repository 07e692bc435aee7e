using ChatOps.Core;

namespace ChatOps.Bot.Hosting;

/// <summary>The host's own registration: core use cases, host options, and seeding the directory on first start.</summary>
public static class ChatOpsRegistration
{
    /// <summary>Registers the core and the host services. Call after <c>AddStorage</c>, so migrations run first.</summary>
    public static IHostApplicationBuilder AddChatOps(this IHostApplicationBuilder builder)
    {
        ShiftedClock.Register(builder);
        builder.Services.AddChatOpsCore();
        builder.Services.AddGroupKinds([.. Channels.WeCom.Hosting.WeComGroupKinds.All, .. Channels.BotFramework.Hosting.BotFrameworkGroupKinds.All]); // known whether or not the channel is on
        builder.Services.AddValidatedOptions<DirectoryOptions, DirectoryOptionsValidator>(DirectoryOptions.Section);
        builder.Services.AddValidatedOptions<OfficeOptions, OfficeOptionsValidator>(OfficeOptions.Section);
        builder.Services.AddValidatedOptions<Core.Attachments.AttachmentOptions, AttachmentOptionsValidator>(Core.Attachments.AttachmentOptions.Section);
        builder.Services.AddOptions<Core.Conversations.OutboundFileOptions>().BindConfiguration(Core.Conversations.OutboundFileOptions.Section)
            .PostConfigure<IConfiguration>((o, c) => o.PublicBaseUrl ??= c["PublicBaseUrl"]);
        builder.Services.AddHostedService<DirectorySeeder>();
        return builder;
    }

    /// <summary>Seeds an empty database with the configured sample directory (after the migrations have run).</summary>
    private sealed class DirectorySeeder(DirectoryService directory, IOptions<DirectoryOptions> options) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (!string.IsNullOrWhiteSpace(options.Value.SeedFile))
            {
                await directory.SeedIfEmptyAsync(ChatOpsHost.AppPath(options.Value.SeedFile), cancellationToken);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
