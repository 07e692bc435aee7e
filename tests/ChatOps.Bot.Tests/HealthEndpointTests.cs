using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ChatOps.Bot.Tests;

/// <summary>/healthz and /healthz/details through the real host (Kestrel on loopback, a real SQLite file).</summary>
public class HealthEndpointTests
{
    private const string Key = "health-key-for-tests";

    [Fact]
    public async Task Production_HealthzAnswersStatusOnly_WithoutPathOrProvider()
    {
        await using var host = new BotHost(new Dictionary<string, string?> { ["environment"] = "Production" });
        using var client = host.CreateClient();

        var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Single(json.RootElement.EnumerateObject());
        Assert.DoesNotContain(host.DataFolder, body, StringComparison.Ordinal);
        Assert.DoesNotContain("Sqlite", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_Details_RefusedToAProxiedOrWrongKeyCaller_GivenWithTheKey()
    {
        await using var host = new BotHost(new Dictionary<string, string?> { ["environment"] = "Production", ["Health:DetailsKey"] = Key });
        using var client = host.CreateClient();

        // A caller that came through a reverse proxy on this machine is not the local operator.
        Assert.Equal(HttpStatusCode.NotFound, (await GetDetailsAsync(client, key: null, forwardedFor: "203.0.113.7")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetDetailsAsync(client, key: "wrong", forwardedFor: "203.0.113.7")).StatusCode);

        var response = await GetDetailsAsync(client, key: Key, forwardedFor: "203.0.113.7");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var data = json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("data");
        Assert.Equal(host.DatabaseFile, data.GetProperty("file").GetString());
        Assert.Equal("Sqlite", data.GetProperty("provider").GetString());

        // The operator on the machine itself needs no key.
        Assert.Equal(HttpStatusCode.OK, (await GetDetailsAsync(client, key: null, forwardedFor: null)).StatusCode);
    }

    [Fact]
    public async Task Production_DetailsWithoutAConfiguredKey_NotFoundForAProxiedCaller()
    {
        await using var host = new BotHost(new Dictionary<string, string?> { ["environment"] = "Production" });
        using var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await GetDetailsAsync(client, key: "anything", forwardedFor: "203.0.113.7")).StatusCode);
    }

    [Fact]
    public async Task DatabaseThatCannotBeWritten_HealthzIs503Unhealthy()
    {
        await using var host = new BotHost(new Dictionary<string, string?> { ["environment"] = "Production" });
        using var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);

        // Every write is refused while reads still work. A full tmpfs was tried first: SQLite in WAL mode keeps a
        // rolled-back (and even a small committed) change within the pages it already has, so a full disk does not
        // reliably refuse the probe; a trigger that aborts the write is what fails deterministically here.
        await ExecuteAsync(host, "CREATE TRIGGER refuse_writes BEFORE UPDATE ON SchemaVersions BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
        var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var details = await (await GetDetailsAsync(client, key: null, forwardedFor: null)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        await ExecuteAsync(host, "DROP TRIGGER refuse_writes");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", JsonDocument.Parse(body).RootElement.GetProperty("status").GetString());
        Assert.Contains("database not writable", details, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
    }

    private static async Task<HttpResponseMessage> GetDetailsAsync(HttpClient client, string? key, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz/details");
        if (key is not null)
        {
            request.Headers.Add("X-ChatOps-Health-Key", key);
        }

        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task ExecuteAsync(BotHost host, string sql)
    {
        await using var c = new SqliteConnection($"Data Source={host.DatabaseFile}");
        await c.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
