using ChatOps.Bot.Circulars;
using ChatOps.Bot.Engine;
using ChatOps.Bot.Files;
using ChatOps.Bot.Hosting;
using ChatOps.Bot.Jobs;
using ChatOps.Bot.LocalChat;
using ChatOps.Bot.Meetings;
using ChatOps.Bot.OfficeConsole;
using ChatOps.Bot.Operations;
using ChatOps.Bot.Supervision;
using ChatOps.Channels.BotFramework.Hosting;
using ChatOps.Channels.WeCom.Hosting;
using ChatOps.Storage;

// Table of contents: each layer registers itself with one AddXxx; the details live in those methods.
var builder = WebApplication.CreateBuilder(ChatOpsHost.HostArguments(args));
builder.UseDefaultAddress();
builder.AddStorage();
builder.AddChatOps();
builder.AddEngine();
builder.AddLocalChat();
builder.AddScheduling();
builder.AddWeCom();
builder.AddBotFramework();
builder.AddMeetings();
builder.AddCirculars();
builder.AddOperations();
builder.AddSupervision();
builder.AddConsole();

var app = builder.Build();
app.MapHealth();
app.MapLocalChat();
app.MapOutboundFiles();
app.MapWeCom();
app.MapBotFramework();
app.MapMeetings();
app.MapCirculars();
app.MapOperations();
app.MapConsole();

// Runs a CLI verb (import-directory, export-directory, ...) or serves; start-up errors are reported in one line.
return await app.RunChatOpsAsync(args);

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
