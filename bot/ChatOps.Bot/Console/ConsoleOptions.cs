namespace ChatOps.Bot.OfficeConsole;

/// <summary>The office console's settings (section <c>Console</c>).</summary>
public sealed class ConsoleOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Console";

    /// <summary>Signed-in sessions end after this long without a request (sliding).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The person picker (no password, anyone) — Development only, as the local chat.</summary>
    public bool DevelopmentSignIn { get; set; }

    /// <summary>
    /// The console's public address as WeCom and Entra redirect back to it (e.g. <c>https://chatops.example.gov.cn</c>);
    /// empty: the address of the request.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>WeCom web login (OAuth in the WeCom client, QR login in a desktop browser).</summary>
    public ConsoleWeComOptions WeCom { get; set; } = new();

    /// <summary>OpenID Connect with Microsoft Entra ID.</summary>
    public ConsoleEntraOptions Entra { get; set; } = new();
}

/// <summary>WeCom web login (section <c>Console:WeCom</c>). The API host is the app's <c>WeCom:ApiBaseUrl</c>.</summary>
public sealed class ConsoleWeComOptions
{
    /// <summary>On when the WeCom channel is configured, unless set to false.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Which WeCom app signs people in (its <c>Name</c>); empty: the first app.</summary>
    public string? App { get; set; }

    /// <summary>OAuth host for the login inside the WeCom client (政务微信: its own host).</summary>
    public string OAuthHost { get; set; } = "https://open.weixin.qq.com";

    /// <summary>QR-code login host for desktop browsers (政务微信: its own host).</summary>
    public string LoginHost { get; set; } = "https://login.work.weixin.qq.com";
}

/// <summary>Entra ID sign-in (section <c>Console:Entra</c>); off without a client id.</summary>
public sealed class ConsoleEntraOptions
{
    /// <summary>e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The app registration's client id.</summary>
    public string? ClientId { get; set; }

    /// <summary>The app registration's client secret (user secrets / environment, never in files).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>False only for a loopback test provider over http.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>True when configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(Authority);
}
