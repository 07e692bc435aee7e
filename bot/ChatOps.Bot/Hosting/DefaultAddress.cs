namespace ChatOps.Bot.Hosting;

/// <summary>
/// Where Kestrel listens when nobody said: http://localhost:5080. Applied only when none of the standard ASP.NET Core
/// ways names an address — <c>ASPNETCORE_URLS</c>/<c>DOTNET_URLS</c>, <c>--urls</c>, <c>Urls</c> in a settings file,
/// <c>ASPNETCORE_HTTP_PORTS</c>/<c>ASPNETCORE_HTTPS_PORTS</c>, or <c>Kestrel:Endpoints</c> — so each of those wins,
/// which a pinned <c>Urls</c> in appsettings.json prevented.
/// </summary>
public static class DefaultAddress
{
    /// <summary>The default address.</summary>
    public const string Url = "http://localhost:5080";

    /// <summary>Listens on <see cref="Url"/> unless the configuration names an address.</summary>
    public static WebApplicationBuilder UseDefaultAddress(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var named = !string.IsNullOrWhiteSpace(configuration["urls"])
            || !string.IsNullOrWhiteSpace(configuration["http_ports"])
            || !string.IsNullOrWhiteSpace(configuration["https_ports"])
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        if (!named)
        {
            builder.WebHost.UseUrls(Url);
        }

        return builder;
    }
}
