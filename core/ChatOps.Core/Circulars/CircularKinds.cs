namespace ChatOps.Core.Circulars;

/// <summary>Who signs off (签发) a kind of document (seed 000 第十四条, 第二十条).</summary>
public enum SignOffBy
{
    /// <summary>No sign-off: the office issues it on its own authority.</summary>
    None,

    /// <summary>办公室主任: the office head (a person with the office and meeting-host roles, or the configured one).</summary>
    OfficeHead,

    /// <summary>领导小组组长: the group leader.</summary>
    GroupLeader,

    /// <summary>会议召集人: the meeting host who convened the meeting (for minutes).</summary>
    MeetingHost,
}

/// <summary>
/// A kind of document the office issues, with its number template and who signs it off. Kinds are data
/// (<see cref="CircularOptions.Kinds"/> overrides or adds them), because each office numbers its documents in its own
/// style.
/// </summary>
/// <param name="Key">Stable ASCII key stored with each circular.</param>
/// <param name="Name">The Chinese name (通报, 通知 …).</param>
/// <param name="NumberTemplate">The number with <c>{year}</c> and <c>{n}</c>, e.g. 云爱卫专项办通〔{year}〕{n}号.</param>
/// <param name="SignOff">Who signs it off.</param>
/// <param name="MajorSignOff">Who signs off a 重大事项 of this kind (第二十条: 通报 of major matters go to the group leader); null when the distinction does not apply.</param>
/// <param name="Signer">A configured signer (person id) who replaces the rule for ordinary documents of this kind.</param>
/// <param name="Order">Position in the choice list.</param>
public sealed record CircularKind(string Key, string Name, string NumberTemplate, SignOffBy SignOff, SignOffBy? MajorSignOff, string? Signer, int Order)
{
    /// <summary>The rule that applies to a document of this kind.</summary>
    public SignOffBy RuleFor(bool major) => major && MajorSignOff is { } m ? m : SignOff;

    /// <summary>The number for a sequence in a year.</summary>
    public string FormatNumber(int year, int sequence) => NumberTemplate
        .Replace("{year}", year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{n}", sequence.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}

/// <summary>Overrides or adds a kind in configuration (<c>Circulars:Kinds:KEY:...</c>); unset properties keep the default.</summary>
public sealed class CircularKindOptions
{
    /// <summary>The Chinese name.</summary>
    public string? Name { get; set; }

    /// <summary>The number template with {year} and {n}.</summary>
    public string? NumberTemplate { get; set; }

    /// <summary>Who signs it off.</summary>
    public SignOffBy? SignOff { get; set; }

    /// <summary>Who signs off a major matter of this kind.</summary>
    public SignOffBy? MajorSignOff { get; set; }

    /// <summary>A fixed signer (person id) for this kind.</summary>
    public string? Signer { get; set; }

    /// <summary>Removes the kind from the list.</summary>
    public bool? Disabled { get; set; }
}

/// <summary>
/// The kinds in force, in display order. Defaults follow seed 000: 办公室文件 use the 云爱卫专项办 number and are signed off by
/// the office head (第十四条(二)); 通报 likewise, major ones by the group leader (第二十条); minutes by the meeting's
/// convener (第十四条(三)); 工作专报 by the office head (第十四条(四)). Routine 通知 go out without sign-off; an office that
/// wants them signed sets <c>Circulars:Kinds:notice:SignOff=OfficeHead</c>.
/// </summary>
public sealed class CircularKinds
{
    /// <summary>The defaults, before configuration.</summary>
    public static readonly IReadOnlyList<CircularKind> Defaults =
    [
        new("circular", CircularText.CircularKindName, "云爱卫专项办通〔{year}〕{n}号", SignOffBy.OfficeHead, SignOffBy.GroupLeader, null, 1),
        new("notice", CircularText.NoticeKindName, "云爱卫专项办发〔{year}〕{n}号", SignOffBy.None, null, null, 2),
        new("document", CircularText.DocumentKindName, "云爱卫专项办〔{year}〕{n}号", SignOffBy.OfficeHead, null, null, 3),
        new("minutes", CircularText.MinutesKindName, "云爱卫专项办纪〔{year}〕{n}号", SignOffBy.MeetingHost, null, null, 4),
        new("bulletin", CircularText.BulletinKindName, "{year}年第{n}期", SignOffBy.OfficeHead, null, null, 5),
    ];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["纪要"] = "minutes",
        ["专报"] = "bulletin",
        ["办公室文件"] = "document",
        ["发文"] = "document",
    };

    private readonly List<CircularKind> _all;

    /// <summary>Builds the catalog from kinds (validated: unique keys and names, templates with {n}).</summary>
    public CircularKinds(IEnumerable<CircularKind> kinds)
    {
        _all = [.. kinds.OrderBy(k => k.Order).ThenBy(k => k.Key, StringComparer.Ordinal)];
        var problems = Validate(_all);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(kinds));
        }
    }

    /// <summary>Every kind in display order.</summary>
    public IReadOnlyList<CircularKind> All => _all;

    /// <summary>The defaults with configuration applied.</summary>
    public static CircularKinds From(CircularOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var kinds = Defaults.ToDictionary(k => k.Key, StringComparer.Ordinal);
        var order = Defaults.Count;
        foreach (var (key, o) in options.Kinds.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            if (o.Disabled == true)
            {
                kinds.Remove(key);
                continue;
            }

            var current = kinds.GetValueOrDefault(key)
                ?? new CircularKind(key, o.Name ?? key, o.NumberTemplate ?? "", o.SignOff ?? SignOffBy.OfficeHead, null, null, ++order);
            kinds[key] = current with
            {
                Name = o.Name ?? current.Name,
                NumberTemplate = o.NumberTemplate ?? current.NumberTemplate,
                SignOff = o.SignOff ?? current.SignOff,
                MajorSignOff = o.MajorSignOff ?? current.MajorSignOff,
                Signer = o.Signer ?? current.Signer,
            };
        }

        return new CircularKinds(kinds.Values);
    }

    /// <summary>Problems with a set of kinds, for the operator (start-up validation).</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyCollection<CircularKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var problems = new List<string>();
        if (kinds.Count == 0)
        {
            problems.Add("Circulars:Kinds must leave at least one kind enabled.");
        }

        foreach (var k in kinds)
        {
            if (!k.NumberTemplate.Contains("{n}", StringComparison.Ordinal))
            {
                problems.Add($"Circulars:Kinds:{k.Key}:NumberTemplate must contain the sequence placeholder {{n}} (got '{k.NumberTemplate}').");
            }

            if (string.IsNullOrWhiteSpace(k.Name))
            {
                problems.Add($"Circulars:Kinds:{k.Key}:Name must not be empty.");
            }
        }

        problems.AddRange(kinds.GroupBy(k => k.Name, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"Circulars:Kinds: the name '{g.Key}' is used by more than one kind."));
        return problems;
    }

    /// <summary>
    /// The kind with this key. A stored circular whose kind was later removed from configuration still reads as a
    /// generic 公文 without sign-off, rather than failing.
    /// </summary>
    public CircularKind Get(string key) => _all.FirstOrDefault(k => k.Key == key)
        ?? new CircularKind(key, CircularText.GenericKindName, "{n}", SignOffBy.None, null, null, int.MaxValue);

    /// <summary>A kind by its key, Chinese name, an alias (纪要, 专报) or its position in the list (1-based).</summary>
    public CircularKind? Find(string text)
    {
        var t = Conversations.Commands.Normalize(text ?? "");
        if (t.Length == 0)
        {
            return null;
        }

        if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= _all.Count)
        {
            return _all[n - 1];
        }

        var key = Aliases.GetValueOrDefault(t) ?? t;
        return _all.FirstOrDefault(k => string.Equals(k.Key, key, StringComparison.OrdinalIgnoreCase) || k.Name == t);
    }
}
