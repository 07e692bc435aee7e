using ChatOps.Channels.BotFramework.Connector;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatOps.Channels.BotFramework.Hosting;

/// <summary>
/// The Bot Framework channel in the host, with one call each: <see cref="AddBotFramework"/> registers settings, the
/// Bot Connector authenticator, token client, connector client and the channel's sender; <see cref="MapBotFramework"/>
/// maps <c>POST /api/messages</c>. The channel is enabled (its sender registered) with an app id, or anonymously in
/// Development (like the Emulator).
/// </summary>
public static class BotFrameworkRegistration
{
    /// <summary>The messaging endpoint the Azure Bot resource points at.</summary>
    public const string MessagesPath = "/api/messages";

    private const string OpenIdClient = "BotFramework.OpenId";
    private const string TokenClient = "BotFramework.Token";
    private const string ConnectorHttpClient = "BotFramework.Connector";

    /// <summary>Registers the Bot Framework channel. Call after storage and the engine.</summary>
    /// <param name="builder">The host builder.</param>
    /// <returns>The builder.</returns>
    public static IHostApplicationBuilder AddBotFramework(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var isDevelopment = builder.Environment.IsDevelopment();
        services.AddOptions<BotFrameworkOptions>().BindConfiguration(BotFrameworkOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotFrameworkOptions>, BotFrameworkOptionsValidator>();

        // Singletons hold their HttpClient: pooled connections are recycled so DNS changes are seen. Without the
        // factory's own request logging: it wrote four Information lines for every reply sent (and opened a logging
        // scope for each), where ConnectorClient and the token and key clients already log what fails, as WeCom's do.
        foreach (var name in new[] { OpenIdClient, TokenClient, ConnectorHttpClient })
        {
            services.AddHttpClient(name, c => c.Timeout = TimeSpan.FromSeconds(30))
                .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5))
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
                .RemoveAllLoggers();
        }

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
            var authentication = new BotAuthenticationOptions
            {
                AppId = options.AppId,
                TenantId = options.TenantId,
                IsDevelopment = isDevelopment,
                AllowEmulatorTokens = options.AllowEmulatorTokens,
                OpenIdMetadataUrl = new Uri(options.OpenIdMetadataUrl!.Trim()),
                EmulatorOpenIdMetadataUrl = new Uri(options.EmulatorOpenIdMetadataUrl!.Trim()),
                CheckedTokens = options.CheckedTokens,
            };
            return new BotAuthenticator(
                authentication,
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(OpenIdClient),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<BotAuthenticator>>());
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
            var credentials = new BotFrameworkCredentials(
                options.HasAppId ? options.AppId!.Trim() : null, options.AppPassword, options.EffectiveTokenEndpoint(), options.Scope);
            return new BotFrameworkTokenClient(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(TokenClient),
                credentials,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<BotFrameworkTokenClient>>(),
                sp.GetService<IAccessTokenCache>());
        });
        services.AddSingleton(sp => new ConnectorClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(ConnectorHttpClient),
            sp.GetRequiredService<BotFrameworkTokenClient>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ConnectorClient>>()));
        services.AddHttpClient(BotFrameworkAttachmentFetcher.ClientName, c => c.Timeout = TimeSpan.FromSeconds(60));
        services.AddSingleton<Core.Attachments.IAttachmentFetcher, BotFrameworkAttachmentFetcher>();
        services.AddSingleton<ConversationReferenceWriter>();
        services.AddSingleton<BotFrameworkActivityHandler>();
        services.AddSingleton<UnreachableNotifier>();
        if (BotFrameworkOptions.IsEnabled(builder.Configuration[$"{BotFrameworkOptions.Section}:AppId"], isDevelopment))
        {
            services.AddSingleton<IChannelSender, BotFrameworkChannelSender>();
        }

        return builder;
    }

    /// <summary>Maps <c>POST /api/messages</c>, the endpoint the Bot Connector service delivers activities to.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static WebApplication MapBotFramework(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(MessagesPath, BotFrameworkEndpoint.HandleAsync).ExcludeFromDescription();
        return app;
    }
}
