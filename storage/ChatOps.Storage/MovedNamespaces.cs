// Storage's stores moved from Repositories/ to their feature folders (issue 11.6): Conversations/ (the engine's
// inbox, outbox, dialog state and unit of work), Organization/, Reports/ (with the bulletin headlines, beside their
// port in core). This marker keeps the old namespace known, so a file still saying `using ChatOps.Storage.Repositories;`
// compiles; the unit of work it wants is imported for every file of this project (ChatOps.Storage.csproj).
namespace ChatOps.Storage.Repositories;

internal static class MovedToFeatureFolders;
