namespace ChatOps.Bot.LocalChat;

/// <summary>
/// The local web chat in the host: its settings (<c>LocalChat</c>) and, when it is enabled, the page and its API
/// (<see cref="LocalChatEndpoints"/>). Outside Development it is on only when configured so, and says so in the log.
/// </summary>
public static class LocalChatRegistration
{
    /// <summary>Binds <see cref="LocalChatOptions"/>. Whether the chat is on is <see cref="LocalChatOptions.IsEnabled"/>.</summary>
    public static IHostApplicationBuilder AddLocalChat(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var enabled = LocalChatOptions.IsEnabled(builder.Configuration, builder.Environment);
        builder.Services.AddOptions<LocalChatOptions>()
            .BindConfiguration(LocalChatOptions.Section)
            .PostConfigure(o => o.Enabled = enabled);
        return builder;
    }

    /// <summary>Maps the page and its API when the chat is enabled; does nothing otherwise.</summary>
    public static WebApplication MapLocalChat(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!LocalChatOptions.IsEnabled(app.Configuration, app.Environment))
        {
            return app;
        }

        if (!app.Environment.IsDevelopment())
        {
            // Said once the host serves (not when a CLI verb runs): outside Development the chat is on only on purpose.
            app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogWarning(
                "The local web chat is enabled in {Environment} (LocalChat:Enabled): whoever can reach this host can chat as any person in the directory",
                app.Environment.EnvironmentName));
        }

        LocalChatEndpoints.Map(app);
        return app;
    }
}
