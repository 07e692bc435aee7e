using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatOps.LoadTest;

/// <summary>
/// A server under test in its own process (the bot, the bare Kestrel endpoint, the Node echo bot), started on a free
/// loopback port, pinned to the last core when <c>taskset</c> exists (the harness keeps the first), stopped with
/// SIGKILL — which is also the crash the durability check simulates.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output;

    private ServerProcess(Process process, int port, string name, System.Text.StringBuilder output)
    {
        _process = process;
        Port = port;
        Name = name;
        _output = output;
    }

    public int Port { get; }

    public string Name { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public int Id => _process.Id;

    /// <summary>The first <paramref name="lines"/> lines the server wrote (to say why it failed requests).</summary>
    public string Head(int lines)
    {
        lock (_output)
        {
            return string.Join('\n', _output.ToString().Split('\n').Take(lines));
        }
    }

    /// <summary>The lines the server logged at warning level or above so far (its first 20,000 characters of output).</summary>
    public IReadOnlyList<string> Problems()
    {
        lock (_output)
        {
            // The console logger writes "warn: Category[0]" and the message on the next line.
            var lines = _output.ToString().Split('\n');
            return Enumerable.Range(0, lines.Length)
                .Where(i => lines[i].StartsWith("warn:", StringComparison.Ordinal) || lines[i].StartsWith("fail:", StringComparison.Ordinal) || lines[i].StartsWith("crit:", StringComparison.Ordinal))
                .Select(i => lines[i].Trim() + (i + 1 < lines.Length ? " " + lines[i + 1].Trim() : ""))
                .ToList();
        }
    }

    public static async Task<ServerProcess> StartAsync(string name, string fileName, IEnumerable<string> arguments, IDictionary<string, string> environment, string healthPath)
    {
        var port = FreePort();
        var info = new ProcessStartInfo
        {
            FileName = Harness.Pin ? "taskset" : fileName,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Harness.Pin)
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(Harness.ServerCores);
            info.ArgumentList.Add(fileName);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {name}.");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, port, name, output);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with {process.ExitCode}:\n{output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(server.Url, healthPath));
                if (response.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        await server.DisposeAsync();
        throw new InvalidOperationException($"{name} did not answer {healthPath} within 120 s:\n{output}");
    }

    /// <summary>kill -9: no shutdown code runs, nothing is flushed that was not already on disk.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static void Append(System.Text.StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < 20_000)
            {
                output.AppendLine(line);
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A Kestrel host in the harness's own process (the loopback stubs), or the bare endpoint's process.</summary>
internal static class Kestrel
{
    public static WebApplication Slim(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        return builder.Build();
    }

    /// <summary>
    /// The bare endpoint (<c>ChatOps.LoadTest bare PORT</c>, run as a child): POST /bare answers an empty 200. The same
    /// process serves the two floors (<see cref="Floor"/>): what a host that replies to every message cannot do with less.
    /// </summary>
    public static async Task<int> RunBareAsync(int port)
    {
        var app = Slim(port);
        app.MapPost("/bare", () => Microsoft.AspNetCore.Http.Results.Ok());
        app.MapGet("/healthz", () => "ok");
        Floor.Map(app);
        await app.RunAsync();
        return 0;
    }
}

/// <summary>
/// The floors: the network work a message costs any host that answers it, and nothing else — no signature, no
/// decryption, no storage, no engine, no outbox. A floor's rate on the same core bounds every implementation of the
/// bot on Kestrel and HttpClient: whatever else it does comes on top.
/// <list type="bullet">
/// <item><c>POST /floor/wecom</c>: reads the callback's body, sends one message to the stub WeCom API's
/// <c>message/send</c> (at <c>CHATOPS_LOAD_STUBS</c>; as the bot's reply to a message would be), then answers 200.</item>
/// <item><c>POST /floor/botframework</c>: reads the activity (JSON: serviceUrl, conversation, id), posts one reply
/// activity to the serviceUrl as the Node echo bot does, then answers 200.</item>
/// </list>
/// Both reply before answering, the cheapest arrangement (no hand-over to another thread, no queue).
/// </summary>
internal static class Floor
{
    private static readonly HttpClient Out = Load.Client(512);
    private static readonly Uri WeComSend = new(
        new Uri(Environment.GetEnvironmentVariable("CHATOPS_LOAD_STUBS") ?? "http://127.0.0.1:9/"), "/cgi-bin/message/send?access_token=load-token");

    public static void Map(WebApplication app)
    {
        app.MapPost("/floor/wecom", async (HttpContext context) =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            var body = new System.Text.Json.Nodes.JsonObject
            {
                ["touser"] = "load-user",
                ["msgtype"] = "text",
                ["agentid"] = 1000002,
                ["text"] = new System.Text.Json.Nodes.JsonObject { ["content"] = ChatOps.Core.Conversations.ConversationText.UnknownSender },
            };
            using var reply = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            using var answer = await Out.PostAsync(WeComSend, reply);
            await answer.Content.CopyToAsync(Stream.Null);
            return Microsoft.AspNetCore.Http.Results.Ok();
        });
        app.MapPost("/floor/botframework", async (HttpContext context) =>
        {
            using var activity = await System.Text.Json.JsonDocument.ParseAsync(context.Request.Body);
            var root = activity.RootElement;
            var serviceUrl = root.GetProperty("serviceUrl").GetString();
            var conversation = root.GetProperty("conversation").GetProperty("id").GetString();
            var id = root.GetProperty("id").GetString();
            var text = root.GetProperty("text").GetString();
            var body = new System.Text.Json.Nodes.JsonObject
            {
                ["type"] = "message",
                ["text"] = "Echo: " + text,
                ["replyToId"] = id,
                ["conversation"] = new System.Text.Json.Nodes.JsonObject { ["id"] = conversation },
                ["from"] = System.Text.Json.Nodes.JsonNode.Parse(root.GetProperty("recipient").GetRawText()),
                ["recipient"] = System.Text.Json.Nodes.JsonNode.Parse(root.GetProperty("from").GetRawText()),
            };
            using var reply = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            using var answer = await Out.PostAsync(
                new Uri($"{serviceUrl}/v3/conversations/{Uri.EscapeDataString(conversation!)}/activities/{Uri.EscapeDataString(id!)}"), reply);
            await answer.Content.CopyToAsync(Stream.Null);
            return Microsoft.AspNetCore.Http.Results.Ok();
        });
    }
}
