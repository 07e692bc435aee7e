namespace ChatOps.Bot.LocalChat;

/// <summary>A person in the picker.</summary>
/// <param name="Id">Person id (the sender id on the local channel).</param>
/// <param name="Name">Name.</param>
/// <param name="UnitCode">Unit code; null for the leading group and its office.</param>
/// <param name="UnitName">Unit name; null for the leading group and its office.</param>
/// <param name="Roles">Chinese role names joined with 、 (联络员、主持人).</param>
/// <param name="Group">Picker section: 领导小组及办公室, 省直部门, 州市, 县区, 专项行动组.</param>
/// <param name="Title">Post (职务), if any.</param>
public sealed record LocalChatPerson(string Id, string Name, string? UnitCode, string? UnitName, string Roles, string Group, string? Title);

/// <summary>What the page posts: typed text, or a pressed button (its value as action and its label as text).</summary>
/// <param name="PersonId">Who speaks.</param>
/// <param name="Text">Typed text or the button's label.</param>
/// <param name="Action">The pressed button's value.</param>
/// <param name="ClientId">The page's id of this message; a retry with the same id is stored once.</param>
public sealed record LocalChatPost(string? PersonId, string? Text, string? Action, string? ClientId);

/// <summary>The answer to a post.</summary>
/// <param name="Accepted">False when the same client id was accepted before (a retry).</param>
public sealed record LocalChatAccepted(bool Accepted);

/// <summary>A button of a bot message.</summary>
public sealed record LocalChatChoice(string Label, string Value);

/// <summary>A message the bot sent to the person on the local channel.</summary>
/// <param name="Id">Outbox id, increasing; the page asks for messages after the last one it has.</param>
/// <param name="Kind">text, markdown or choices.</param>
/// <param name="Title">Card title, if any.</param>
/// <param name="Text">Text (Markdown for kind markdown).</param>
/// <param name="Choices">Buttons (kind choices).</param>
/// <param name="At">When the bot queued it (UTC; the page shows Asia/Shanghai time).</param>
public sealed record LocalChatMessage(long Id, string Kind, string? Title, string Text, IReadOnlyList<LocalChatChoice> Choices, DateTimeOffset At);

/// <summary>An error, in Chinese, as the page shows it.</summary>
public sealed record LocalChatError(string Error);
