using ChatOps.Channels.WeCom.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatOps.Channels.WeCom.Hosting;

/// <summary>
/// Plugs the WeCom channel into the host with one <c>AddWeCom</c> and one <c>MapWeCom</c>. The channel is on exactly
/// when the <c>WeCom</c> section names an app: then its settings are validated at start-up, its outbox sender is
/// registered (which enables the channel for routing) and its callback endpoints are mapped. Without an app nothing is
/// registered and WeCom stays off.
/// </summary>
public static class WeComRegistration
{
    /// <summary>Registers the WeCom channel when the configuration names at least one app.</summary>
    public static IHostApplicationBuilder AddWeCom(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!WeComChannelOptions.IsConfigured(builder.Configuration))
        {
            return builder;
        }

        var configuration = builder.Configuration;
        builder.Services.AddOptions<WeComChannelOptions>()
            .Configure(o => o.Load(configuration))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WeComChannelOptions>, WeComChannelOptionsValidator>();

        // The routes are fixed when the host is built: read them now, without validating (start-up does that).
        builder.Services.AddSingleton(new WeComRoutes(WeComChannelOptions.Read(configuration).CallbackPaths.ToList()));

        builder.Services.AddSingleton<WeComApps>();
        builder.Services.AddSingleton<WeComCallbackHandler>();
        builder.Services.AddSingleton<WeComAppChats>();
        builder.Services.AddSingleton<WeComChannelSender>();
        builder.Services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<WeComChannelSender>());
        builder.Services.AddSingleton<Core.Attachments.IAttachmentFetcher, WeComAttachmentFetcher>();
        return builder;
    }

    /// <summary>
    /// Maps each app's callback endpoint (GET URL check, POST messages and events) at its path: <c>/wecom/callback</c>
    /// for a single app, <c>/wecom/callback/{Name}</c> for several, or the app's <c>CallbackPath</c>. Does nothing when
    /// the channel is off.
    /// </summary>
    public static WebApplication MapWeCom(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<WeComRoutes>() is not { } routes)
        {
            return app;
        }

        for (var i = 0; i < routes.Paths.Count; i++)
        {
            if (!WeComChannelOptions.IsValidCallbackPath(routes.Paths[i]))
            {
                continue; // refused with a clear message by the start-up validation
            }

            var index = i;
            app.MapGet(routes.Paths[i], (HttpContext context) => Handle(context, index, verify: true)).ExcludeFromDescription();
            app.MapPost(routes.Paths[i], (HttpContext context) => Handle(context, index, verify: false)).ExcludeFromDescription();
        }

        return app;
    }

    private static Task Handle(HttpContext context, int index, bool verify)
    {
        var services = context.RequestServices;
        var handler = services.GetRequiredService<WeComCallbackHandler>();
        var app = services.GetRequiredService<WeComApps>().All[index];
        return verify ? handler.VerifyUrlAsync(context, app) : handler.ReceiveAsync(context, app);
    }

    /// <summary>The callback paths mapped by <see cref="MapWeCom"/>, one per app in configuration order.</summary>
    private sealed record WeComRoutes(IReadOnlyList<string> Paths);
}
