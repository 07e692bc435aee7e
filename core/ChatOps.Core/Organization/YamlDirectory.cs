using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChatOps.Core.Organization;

/// <summary>Reads the YAML directory with positions for every node, so each problem names its line and column.</summary>
internal static class YamlDirectoryReader
{
    private static readonly string[] UnitFields = ["code", "name", "kind", "parent", "review"];
    private static readonly string[] PersonFields = ["id", "name", "unit", "roles", "title", "phone", ChannelNames.WeCom, ChannelNames.BotFramework];
    private static readonly string[] GroupFields = ["code", "name", "kind", "address", "members"];

    public static ParsedDirectory Read(string file, string text, GroupKinds kinds)
    {
        var parsed = new ParsedDirectory(file, includesGroups: true);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            parsed.Error((int)ex.Start.Line, (int)ex.Start.Column, DirectoryText.YamlSyntax(ex.Message));
            return parsed;
        }

        if (stream.Documents.Count == 0)
        {
            parsed.Error(1, 1, DirectoryText.FileEmpty);
            return parsed;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            parsed.Error(At(parsed, stream.Documents[0].RootNode), DirectoryText.YamlTopLevel);
            return parsed;
        }

        foreach (var (key, value) in root.Children)
        {
            var name = (key as YamlScalarNode)?.Value;
            switch (name)
            {
                case "units":
                    ForEachItem(parsed, value, "units", item => ReadUnit(parsed, item));
                    break;
                case "people":
                    ForEachItem(parsed, value, "people", item => ReadPerson(parsed, item));
                    break;
                case "groups":
                    ForEachItem(parsed, value, "groups", item => ReadGroup(parsed, item, kinds));
                    break;
                default:
                    parsed.Error(At(parsed, key), DirectoryText.UnknownSection(name));
                    break;
            }
        }

        return parsed;
    }

    private static void ForEachItem(ParsedDirectory parsed, YamlNode value, string section, Action<YamlMappingNode> read)
    {
        if (value is YamlScalarNode { Value: null or "" })
        {
            return;
        }

        if (value is not YamlSequenceNode sequence)
        {
            parsed.Error(At(parsed, value), DirectoryText.NotAList(section));
            return;
        }

        foreach (var item in sequence)
        {
            if (item is YamlMappingNode mapping)
            {
                read(mapping);
            }
            else
            {
                parsed.Error(At(parsed, item), DirectoryText.NotAMapping(section));
            }
        }
    }

    private static void ReadUnit(ParsedDirectory parsed, YamlMappingNode node)
    {
        var f = new Fields(parsed, node, UnitFields);
        var code = f.Required("code", DirectoryText.UnitCode);
        var name = f.Required("name", DirectoryText.UnitName);
        var kindText = f.Required("kind", DirectoryText.UnitKindLabel);
        var parent = f.Optional("parent");
        var review = f.Bool("review");
        var kindOk = Vocabulary.TryParseUnitKind(kindText ?? "", out var kind);
        if (kindText is not null && !kindOk)
        {
            parsed.Error(f.At("kind"), DirectoryText.UnitKindInvalid(kindText));
        }

        if (code is null || name is null || !kindOk || review is null)
        {
            parsed.RejectedKeys.Add(code ?? "");
            return;
        }

        parsed.Units.Add(new ParsedUnit(new Unit(code, name, kind, parent, review.Value, parsed.Units.Count + 1), At(parsed, node), f.At("parent")));
    }

    private static void ReadPerson(ParsedDirectory parsed, YamlMappingNode node)
    {
        var f = new Fields(parsed, node, PersonFields);
        var wecom = f.Optional(ChannelNames.WeCom);
        var id = f.Optional("id") ?? wecom;
        if (id is null)
        {
            parsed.Error(At(parsed, node), DirectoryText.YamlIdMissing);
        }

        var name = f.Required("name", DirectoryText.PersonName);
        var roles = Roles.None;
        var rolesOk = true;
        foreach (var (text, at) in f.List("roles"))
        {
            if (Vocabulary.TryParseRole(text, out var role))
            {
                roles |= role;
            }
            else
            {
                rolesOk = false;
                parsed.Error(at, DirectoryText.RoleInvalid(text));
            }
        }

        var identities = new List<ChannelIdentity>();
        if (wecom is not null)
        {
            identities.Add(new ChannelIdentity(ChannelNames.WeCom, wecom));
        }

        if (f.Optional(ChannelNames.BotFramework) is { } bf)
        {
            identities.Add(new ChannelIdentity(ChannelNames.BotFramework, bf));
        }

        if (id is null || name is null || !rolesOk)
        {
            if (f.Optional("unit") is { } rejectedUnit)
            {
                parsed.UnitsWithRejectedPeople.Add(rejectedUnit);
            }

            parsed.RejectedKeys.Add(id ?? "");

            return;
        }

        var person = new Person(id, name, f.Optional("unit"), roles, f.Optional("title"), f.Optional("phone"), identities);
        parsed.People.Add(new ParsedPerson(person, At(parsed, node), f.Positions));
    }

    private static void ReadGroup(ParsedDirectory parsed, YamlMappingNode node, GroupKinds kinds)
    {
        var f = new Fields(parsed, node, GroupFields);
        var code = f.Required("code", DirectoryText.GroupCode);
        var name = f.Required("name", DirectoryText.GroupName);
        var kindText = f.Required("kind", DirectoryText.GroupKindLabel);
        var address = f.Required("address", DirectoryText.GroupAddress);
        var kindOk = kinds.TryParse(kindText ?? "", out var kind);
        if (kindText is not null && !kindOk)
        {
            parsed.Error(f.At("kind"), DirectoryText.GroupKindInvalid(kindText, kinds.Choices));
        }

        var members = f.List("members");
        if (code is null || name is null || address is null || !kindOk)
        {
            return;
        }

        parsed.Groups.Add(new ParsedGroup(
            new GroupChat(code, name, kind, address, members.Select(m => m.Text).ToList()),
            At(parsed, node),
            members.Select(m => m.At).ToList()));
    }

    internal static SourcePosition At(ParsedDirectory parsed, YamlNode node) =>
        new(parsed.File, (int)node.Start.Line, (int)node.Start.Column);

    /// <summary>The fields of one mapping, with unknown fields reported (a typo must not silently drop data).</summary>
    private sealed class Fields
    {
        private readonly ParsedDirectory _parsed;
        private readonly YamlMappingNode _node;
        private readonly Dictionary<string, YamlNode> _values = new(StringComparer.Ordinal);

        public Fields(ParsedDirectory parsed, YamlMappingNode node, string[] known)
        {
            _parsed = parsed;
            _node = node;
            foreach (var (key, value) in node.Children)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                if (!known.Contains(name, StringComparer.Ordinal))
                {
                    parsed.Error(YamlDirectoryReader.At(parsed, key), DirectoryText.UnknownField(name, known));
                    continue;
                }

                _values[name] = value;
                Positions[name] = YamlDirectoryReader.At(parsed, value);
            }
        }

        public Dictionary<string, SourcePosition> Positions { get; } = new(StringComparer.Ordinal);

        public SourcePosition At(string field) => Positions.TryGetValue(field, out var p) ? p : YamlDirectoryReader.At(_parsed, _node);

        public string? Optional(string field)
        {
            if (!_values.TryGetValue(field, out var node))
            {
                return null;
            }

            if (node is not YamlScalarNode scalar)
            {
                _parsed.Error(At(field), DirectoryText.NotAScalar(field));
                return null;
            }

            var text = scalar.Value?.Trim();
            return string.IsNullOrEmpty(text) ? null : text;
        }

        public string? Required(string field, string label)
        {
            var value = Optional(field);
            if (value is null && (!_values.TryGetValue(field, out var node) || node is YamlScalarNode))
            {
                _parsed.Error(At(field), DirectoryText.FieldMissing(label, field));
            }

            return value;
        }

        public bool? Bool(string field)
        {
            var text = Optional(field);
            if (text is null)
            {
                return false;
            }

            if (Vocabulary.TryParseYesNo(text, out var value))
            {
                return value;
            }

            _parsed.Error(At(field), DirectoryText.NotABool(field, text));
            return null;
        }

        public List<(string Text, SourcePosition At)> List(string field)
        {
            if (!_values.TryGetValue(field, out var node))
            {
                return [];
            }

            if (node is YamlSequenceNode seq)
            {
                return seq.OfType<YamlScalarNode>()
                    .Where(s => !string.IsNullOrWhiteSpace(s.Value))
                    .Select(s => (s.Value!.Trim(), YamlDirectoryReader.At(_parsed, s)))
                    .ToList();
            }

            var at = At(field);
            return Optional(field) is { } text ? Vocabulary.SplitList(text).Select(t => (t, at)).ToList() : [];
        }
    }
}

/// <summary>Writes the YAML directory in the same shape the reader takes, so export then import changes nothing.</summary>
internal static class YamlDirectoryWriter
{
    public static string Write(DirectorySnapshot snapshot)
    {
        var sb = new StringBuilder();
        sb.AppendLine(DirectoryText.YamlHeader);
        sb.AppendLine("units:");
        foreach (var u in snapshot.Units.OrderBy(u => u.SortOrder))
        {
            sb.Append("  - code: ").AppendLine(Q(u.Code));
            sb.Append("    name: ").AppendLine(Q(u.Name));
            sb.Append("    kind: ").AppendLine(Vocabulary.Name(u.Kind));
            if (u.ParentCode is not null)
            {
                sb.Append("    parent: ").AppendLine(Q(u.ParentCode));
            }

            if (u.RequiresReview)
            {
                sb.AppendLine("    review: true");
            }
        }

        sb.AppendLine("people:");
        foreach (var p in snapshot.People)
        {
            sb.Append("  - id: ").AppendLine(Q(p.Id));
            sb.Append("    name: ").AppendLine(Q(p.Name));
            Line(sb, "unit", p.UnitCode);
            if (p.Roles != Roles.None)
            {
                sb.Append("    roles: [").Append(Vocabulary.Names(p.Roles).Replace("、", ", ", StringComparison.Ordinal)).AppendLine("]");
            }

            Line(sb, "title", p.Title);
            Line(sb, "phone", p.Phone);
            Line(sb, ChannelNames.WeCom, p.IdentityOn(ChannelNames.WeCom));
            Line(sb, ChannelNames.BotFramework, p.IdentityOn(ChannelNames.BotFramework));
        }

        sb.AppendLine(snapshot.Groups.Count == 0 ? "groups: []" : "groups:");
        foreach (var g in snapshot.Groups)
        {
            sb.Append("  - code: ").AppendLine(Q(g.Code));
            sb.Append("    name: ").AppendLine(Q(g.Name));
            sb.Append("    kind: ").AppendLine(g.Kind.FileName);
            sb.Append("    address: ").AppendLine(Q(g.Address));
            sb.Append("    members: [").Append(string.Join(", ", g.MemberIds.Select(Q))).AppendLine("]");
        }

        return sb.ToString();
    }

    private static void Line(StringBuilder sb, string key, string? value)
    {
        if (value is not null)
        {
            sb.Append("    ").Append(key).Append(": ").AppendLine(Q(value));
        }
    }

    /// <summary>Double-quotes every scalar so values like 'no', '0123' or '#1' survive a round trip as text.</summary>
    private static string Q(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
