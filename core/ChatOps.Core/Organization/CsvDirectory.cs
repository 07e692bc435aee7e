using CsvHelper;
using CsvHelper.Configuration;

namespace ChatOps.Core.Organization;

/// <summary>
/// The CSV directory: one row per person, as offices keep it in Excel. Unit columns repeat on every row of the unit;
/// rows of one unit must agree. Headers may be Chinese (as exported) or English.
/// </summary>
internal static class CsvColumns
{
    public static readonly (string Key, string Chinese, string[] Aliases)[] All =
    [
        ("unit_code", "单位代码", ["unit", "unit_code", "unitcode"]),
        ("unit_name", "单位名称", ["unit_name", "unitname"]),
        ("unit_kind", "单位类别", ["unit_kind", "kind"]),
        ("parent", "上级单位代码", ["parent", "上级单位"]),
        ("review", "上报需审核", ["review", "需审核"]),
        ("id", "人员编号", ["id", "person_id"]),
        ("name", "姓名", ["name"]),
        ("roles", "角色", ["roles", "role"]),
        ("title", "职务", ["title"]),
        ("phone", "手机", ["phone", "电话", "手机号"]),
        (ChannelNames.WeCom, "企业微信账号", ["wecom", "userid", "企业微信"]),
        (ChannelNames.BotFramework, "BotFramework账号", ["botframework", "teams"]),
    ];
}

/// <summary>Reads the CSV directory with CsvHelper, keeping each row's line and each field's column.</summary>
internal static class CsvDirectoryReader
{
    public static ParsedDirectory Read(string file, string text)
    {
        var parsed = new ParsedDirectory(file, includesGroups: false);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = true, TrimOptions = TrimOptions.Trim, BadDataFound = null };
        using var csv = new CsvReader(new StringReader(text), config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
        {
            parsed.Error(1, 1, DirectoryText.HeaderMissing);
            return parsed;
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < csv.HeaderRecord.Length; i++)
        {
            var header = csv.HeaderRecord[i].Trim().TrimStart('\uFEFF');
            var match = CsvColumns.All.FirstOrDefault(c =>
                string.Equals(header, c.Chinese, StringComparison.OrdinalIgnoreCase) ||
                c.Aliases.Any(a => string.Equals(header, a, StringComparison.OrdinalIgnoreCase)));
            if (match.Key is null)
            {
                parsed.Error(1, i + 1, DirectoryText.UnknownColumn(header, CsvColumns.All.Select(c => c.Chinese)));
            }
            else if (!columns.TryAdd(match.Key, i))
            {
                parsed.Error(1, i + 1, DirectoryText.DuplicateColumn(header));
            }
        }

        foreach (var required in new[] { "unit_code", "name", "roles" })
        {
            if (!columns.ContainsKey(required))
            {
                parsed.Error(1, 1, DirectoryText.ColumnMissing(CsvColumns.All.First(c => c.Key == required).Chinese));
            }
        }

        if (parsed.Errors.Count > 0)
        {
            return parsed;
        }

        var units = new Dictionary<string, (Unit Unit, int Line)>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            string? Get(string key) =>
                columns.TryGetValue(key, out var index) && csv.TryGetField<string>(index, out var v) && !string.IsNullOrWhiteSpace(v)
                    ? CsvInjection.Unescape(v.Trim())
                    : null;
            SourcePosition At(string key) => new(file, line, columns.TryGetValue(key, out var index) ? index + 1 : 1);

            if (csv.Parser.Record is { } record && record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            ReadUnitColumns(parsed, units, Get, At, line);
            ReadPersonColumns(parsed, Get, At, line);
        }

        parsed.Units.Sort((a, b) => a.Unit.SortOrder.CompareTo(b.Unit.SortOrder));
        return parsed;
    }

    private static void ReadUnitColumns(
        ParsedDirectory parsed, Dictionary<string, (Unit Unit, int Line)> units, Func<string, string?> get, Func<string, SourcePosition> at, int line)
    {
        var code = get("unit_code");
        if (code is null)
        {
            return; // office staff without a unit
        }

        var name = get("unit_name") ?? (units.TryGetValue(code, out var known) ? known.Unit.Name : null);
        var kindText = get("unit_kind");
        UnitKind kind = default;
        if (kindText is not null && !Vocabulary.TryParseUnitKind(kindText, out kind))
        {
            parsed.Error(at("unit_kind"), DirectoryText.UnitKindInvalid(kindText));
            parsed.RejectedKeys.Add(code);
            return;
        }

        var reviewText = get("review");
        bool? review = reviewText is not null && Vocabulary.TryParseYesNo(reviewText, out var yes) ? yes : null;
        if (reviewText is not null && review is null)
        {
            parsed.Error(at("review"), DirectoryText.ReviewNotYesNo(reviewText));
            parsed.RejectedKeys.Add(code);
            return;
        }

        if (!units.TryGetValue(code, out var existing))
        {
            if (name is null)
            {
                parsed.Error(at("unit_name"), DirectoryText.UnitNameMissing(code));
                parsed.RejectedKeys.Add(code);
                return;
            }

            if (kindText is null)
            {
                parsed.Error(at("unit_kind"), DirectoryText.UnitKindMissing(code));
                parsed.RejectedKeys.Add(code);
                return;
            }

            var unit = new Unit(code, name, kind, get("parent"), review ?? false, units.Count + 1);
            units[code] = (unit, line);
            parsed.Units.Add(new ParsedUnit(unit, at("unit_code"), at("parent")));
            return;
        }

        var u = existing.Unit;
        if ((get("unit_name") is { } n && n != u.Name) || (kindText is not null && kind != u.Kind) ||
            (get("parent") is { } p && p != u.ParentCode) || (review is not null && review != u.RequiresReview))
        {
            parsed.Error(at("unit_code"), DirectoryText.UnitRowsDisagree(code, existing.Line));
        }
    }

    private static void ReadPersonColumns(ParsedDirectory parsed, Func<string, string?> get, Func<string, SourcePosition> at, int line)
    {
        var name = get("name");
        var wecom = get(ChannelNames.WeCom);
        var id = get("id") ?? wecom;
        if (name is null)
        {
            parsed.Error(at("name"), DirectoryText.NameMissing);
        }

        if (id is null)
        {
            parsed.Error(at("id"), DirectoryText.CsvIdMissing);
        }

        var roles = Roles.None;
        var rolesOk = true;
        foreach (var text in Vocabulary.SplitList(get("roles") ?? ""))
        {
            if (Vocabulary.TryParseRole(text, out var role))
            {
                roles |= role;
            }
            else
            {
                rolesOk = false;
                parsed.Error(at("roles"), DirectoryText.RoleInvalid(text));
            }
        }

        if (name is null || id is null || !rolesOk)
        {
            if (get("unit_code") is { } rejectedUnit)
            {
                parsed.UnitsWithRejectedPeople.Add(rejectedUnit);
            }

            parsed.RejectedKeys.Add(id ?? "");

            return;
        }

        var identities = new List<ChannelIdentity>();
        if (wecom is not null)
        {
            identities.Add(new ChannelIdentity(ChannelNames.WeCom, wecom));
        }

        if (get(ChannelNames.BotFramework) is { } bf)
        {
            identities.Add(new ChannelIdentity(ChannelNames.BotFramework, bf));
        }

        var fields = new[] { "id", "unit", "roles", ChannelNames.WeCom, ChannelNames.BotFramework }
            .ToDictionary(f => f, f => at(f == "unit" ? "unit_code" : f), StringComparer.Ordinal);
        var person = new Person(id, name, get("unit_code"), roles, get("title"), get("phone"), identities);
        parsed.People.Add(new ParsedPerson(person, new SourcePosition(parsed.File, line, 1), fields));
    }
}

/// <summary>
/// CSV injection (OWASP "CSV Injection"): a cell that begins with = + - @, a tab or a carriage return is run as a formula
/// by Excel and other spreadsheets (<c>=HYPERLINK("http://…","宋蓉")</c>, <c>+cmd|…</c>, <c>@SUM(1+1)</c>). Every CSV
/// the bot writes goes through <see cref="WriterConfiguration"/>, whose CsvHelper injection escaping prefixes such a
/// cell with a single quote, so the spreadsheet shows it as text. Reading removes that one quote again (only before one
/// of those characters), so an exported file imports back to exactly what was typed.
/// </summary>
internal static class CsvInjection
{
    /// <summary>The characters a spreadsheet treats as the start of a formula.</summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>CsvHelper's configuration for every CSV export: invariant culture, formula-like cells escaped.</summary>
    public static CsvConfiguration WriterConfiguration { get; } = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = FormulaStarts,
        InjectionEscapeCharacter = '\'',
    };

    /// <summary>The cell as typed: <c>'=SUM(1)</c> written by <see cref="WriterConfiguration"/> reads as <c>=SUM(1)</c>.</summary>
    public static string Unescape(string cell) =>
        cell.Length > 1 && cell[0] == '\'' && Array.IndexOf(FormulaStarts, cell[1]) >= 0 ? cell[1..] : cell;
}

/// <summary>Writes the CSV directory with Chinese headers, one row per person, in the reader's shape.</summary>
internal static class CsvDirectoryWriter
{
    public static string Write(DirectorySnapshot snapshot)
    {
        var units = snapshot.Units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var sb = new StringBuilder();
        using (var csv = new CsvWriter(new StringWriter(sb), CsvInjection.WriterConfiguration))
        {
            foreach (var c in CsvColumns.All)
            {
                csv.WriteField(c.Chinese);
            }

            csv.NextRecord();
            var order = snapshot.People
                .OrderBy(p => p.UnitCode is { } code && units.TryGetValue(code, out var u) ? u.SortOrder : int.MaxValue)
                .ThenBy(p => p.Roles.HasFlag(Roles.Liaison) ? 0 : 1);
            foreach (var p in order)
            {
                var unit = p.UnitCode is null ? null : units.GetValueOrDefault(p.UnitCode);
                csv.WriteField(p.UnitCode ?? "");
                csv.WriteField(unit?.Name ?? "");
                csv.WriteField(unit is null ? "" : Vocabulary.Name(unit.Kind));
                csv.WriteField(unit?.ParentCode ?? "");
                csv.WriteField(unit is null ? "" : DirectoryText.YesNo(unit.RequiresReview));
                csv.WriteField(p.Id);
                csv.WriteField(p.Name);
                csv.WriteField(Vocabulary.Names(p.Roles));
                csv.WriteField(p.Title ?? "");
                csv.WriteField(p.Phone ?? "");
                csv.WriteField(p.IdentityOn(ChannelNames.WeCom) ?? "");
                csv.WriteField(p.IdentityOn(ChannelNames.BotFramework) ?? "");
                csv.NextRecord();
            }
        }

        return sb.ToString();
    }
}
