// The namespaces the shared test support had before it moved into this project (issue 11.7). Test files written
// against them (`using ChatOps.Channels.WeCom.Tests.Fakes;`) still compile: these markers keep the namespaces known,
// and the types themselves are in ChatOps.Testing, which every test project imports (tests/Directory.Build.props).
#pragma warning disable IDE0161 // several namespaces in one file need block scope

namespace ChatOps.Channels.WeCom.Tests.Fakes
{
    internal static class MovedToChatOpsTesting;
}

namespace ChatOps.Channels.BotFramework.Tests.Fakes
{
    internal static class MovedToChatOpsTesting;
}

namespace ChatOps.Storage.Tests
{
    internal static class MovedToChatOpsTesting;
}

namespace ChatOps.Bot.Tests.Scheduling
{
    internal static class MovedToChatOpsTesting;
}
