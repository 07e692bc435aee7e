using ChatOps.Bot.Engine;
using ChatOps.Bot.Hosting;
using ChatOps.Storage;

// Table of contents: each layer registers itself with one AddXxx; the details live in those methods.
var builder = WebApplication.CreateBuilder(ChatOpsHost.HostArguments(args));
builder.AddStorage();
builder.AddChatOps();
builder.AddEngine();

var app = builder.Build();
app.MapHealth();

// Runs a CLI verb (import-directory, export-directory, ...) or serves; start-up errors are reported in one line.
return await app.RunChatOpsAsync(args);

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
