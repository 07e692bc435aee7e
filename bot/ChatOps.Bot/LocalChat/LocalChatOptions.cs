namespace ChatOps.Bot.LocalChat;

/// <summary>
/// Local web chat settings (section <c>LocalChat</c>). The chat lets anyone who can reach the host speak as any person
/// in the directory, so it is on by default only in Development.
/// </summary>
public sealed class LocalChatOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "LocalChat";

    /// <summary>The longest message the chat accepts, in characters.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>Whether the chat is served at <c>/</c>; unset: on in Development, off otherwise.</summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// Whether the local web chat is on: <c>LocalChat:Enabled</c> when set, otherwise true in Development only.
    /// Also decides whether "local" is one of the enabled channels.
    /// </summary>
    public static bool IsEnabled(IConfiguration config, IHostEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(env);
        return config.GetSection(Section).GetValue<bool?>(nameof(Enabled)) ?? env.IsDevelopment();
    }
}
