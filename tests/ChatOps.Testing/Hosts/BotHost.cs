using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Testing;

/// <summary>
/// The real host on a real Kestrel socket on loopback, with its own fresh data folder (SQLite file) per instance.
/// Extra settings are applied as configuration, exactly as appsettings or environment variables would be.
/// </summary>
public class BotHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsFolder;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="settings">Configuration, applied as appsettings would be.</param>
    /// <param name="services">Replacements applied after the host's own registrations (e.g. a fixed clock).</param>
    public BotHost(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["urls"] = "http://127.0.0.1:0" };
        if (!_settings.TryGetValue("Storage:DataFolder", out var folder) || folder is null)
        {
            folder = _settings["Storage:DataFolder"] = Directory.CreateTempSubdirectory("chatops-host-").FullName;
            _ownsFolder = true;
        }

        DataFolder = folder;
        UseKestrel(0);
    }

    public string DataFolder { get; }

    public string DatabaseFile => Path.Combine(DataFolder, "chatops.db");

    /// <summary>The host's address, e.g. http://127.0.0.1:41234 (starts the host).</summary>
    public string BaseUrl => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    /// <summary>A personal office-API token for <paramref name="personId"/>, stored as the console's 接口令牌 page stores it (hash only).</summary>
    public async Task<string> IssueTokenAsync(string personId)
    {
        _ = Services; // starts the host (migrations, seeded directory)
        var person = await Services.GetRequiredService<ChatOps.Core.Organization.IDirectoryRepository>().FindPersonAsync(personId)
            ?? throw new InvalidOperationException($"No person {personId}.");
        var (_, secret) = await Services.GetRequiredService<ChatOps.Core.Organization.ApiTokenService>().IssueAsync(person, "tests");
        return secret;
    }

    /// <summary>A client that calls the office API as <paramref name="personId"/> with a personal token.</summary>
    public async Task<HttpClient> ApiClientAsync(string personId)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await IssueTokenAsync(personId));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsFolder)
        {
            return;
        }

        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the OS: the temp folder is cleaned by the system.
        }
    }
}

/// <summary>Runs the built host (ChatOps.Bot.dll) as its own process, as an operator would, and captures what it prints.</summary>
public static class BotProcess
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string workingDirectory, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ChatOps.Bot.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
