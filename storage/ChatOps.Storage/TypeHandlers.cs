using System.Globalization;
using ChatOps.Core.Circulars;
using ChatOps.Core.Meetings;
using ChatOps.Core.Reports.Overview;

namespace ChatOps.Storage;

/// <summary>
/// How the column types that are not plain values travel, registered once (<see cref="DapperSetup"/>), so that rows are
/// read straight into the core's records (<see cref="RecordMap"/>) instead of hand-written <c>*Row</c> classes: JSON
/// columns, dates and times of day as text, a meeting's recurrence rule. Writing still passes the text explicitly (the stores' parameter
/// objects), so what is stored does not change.
/// </summary>
internal static class TypeHandlers
{
    public static void Register()
    {
        SqlMapper.AddTypeHandler(new JsonHandler<BulletinDraft>());
        SqlMapper.AddTypeHandler(new JsonHandler<IReadOnlyList<CircularTarget>>(json => ChatOpsJson.Deserialize<List<CircularTarget>>(json)));
        SqlMapper.AddTypeHandler(new JsonHandler<IReadOnlyList<Choice>>(json => ChatOpsJson.Deserialize<List<Choice>>(json)));
        SqlMapper.AddTypeHandler(new JsonHandler<IReadOnlyDictionary<string, IReadOnlyList<string>>>(ParseAnswers));
        SqlMapper.AddTypeHandler(new StringListHandler());
        SqlMapper.AddTypeHandler(new RecurrenceHandler());
        AddText("yyyy-MM-dd", (d, f) => d.ToString(f, CultureInfo.InvariantCulture), (t, f) => DateOnly.ParseExact(t, f, CultureInfo.InvariantCulture), DateOnly.FromDateTime);
        AddText("HH:mm", (t, f) => t.ToString(f, CultureInfo.InvariantCulture), (t, f) => TimeOnly.ParseExact(t, f, CultureInfo.InvariantCulture), TimeOnly.FromDateTime);
    }

    /// <summary>
    /// A value stored as text of a fixed format in every dialect (calendar days <c>yyyy-MM-dd</c>, times of day
    /// <c>HH:mm</c>: they sort and compare as text); a driver that hands back a DateTime is read through it.
    /// </summary>
    private static void AddText<T>(string format, Func<T, string, string> write, Func<string, string, T> read, Func<DateTime, T> fromDateTime)
        where T : struct
    {
        SqlMapper.RemoveTypeMap(typeof(T));
        SqlMapper.RemoveTypeMap(typeof(T?));
        SqlMapper.AddTypeHandler(new TextHandler<T>(v => write(v, format), t => read(t, format), fromDateTime));
    }

    /// <summary>A report's answers: question key → values, keys compared ordinally.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<string>> ParseAnswers(string json) =>
        ChatOpsJson.Deserialize<Dictionary<string, List<string>>>(json)
            .ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal);

    private static string Text(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    /// <summary>A value stored as JSON text.</summary>
    private sealed class JsonHandler<T>(Func<string, T>? parse = null) : SqlMapper.TypeHandler<T>
    {
        public override void SetValue(IDbDataParameter parameter, T? value) =>
            (parameter.DbType, parameter.Value) = (DbType.String, ChatOpsJson.Serialize(value));

        public override T? Parse(object value) => parse is null ? ChatOpsJson.Deserialize<T>(Text(value)) : parse(Text(value));
    }

    /// <summary>
    /// A list of strings: a JSON array (a meeting's attendee specs) or, for <c>reports.editors</c>, comma-separated ids
    /// (no id starts with '[').
    /// </summary>
    private sealed class StringListHandler : SqlMapper.TypeHandler<IReadOnlyList<string>>
    {
        public override void SetValue(IDbDataParameter parameter, IReadOnlyList<string>? value) =>
            (parameter.DbType, parameter.Value) = (DbType.String, ChatOpsJson.Serialize(value ?? []));

        public override IReadOnlyList<string> Parse(object value) => Text(value) switch
        {
            ['[', ..] json => ChatOpsJson.Deserialize<List<string>>(json),
            var list => list.Split(',', StringSplitOptions.RemoveEmptyEntries),
        };
    }

    /// <summary>A meeting series' rule, stored as its text (<see cref="Recurrence.ToString"/>).</summary>
    private sealed class RecurrenceHandler : SqlMapper.TypeHandler<Recurrence>
    {
        public override void SetValue(IDbDataParameter parameter, Recurrence? value) =>
            (parameter.DbType, parameter.Value) = (DbType.String, value?.ToString());

        public override Recurrence Parse(object value) =>
            Recurrence.Parse(Text(value)) ?? throw new DataException($"Stored recurrence '{value}' is not a rule.");
    }

    private sealed class TextHandler<T>(Func<T, string> write, Func<string, T> read, Func<DateTime, T> fromDateTime) : SqlMapper.TypeHandler<T>
    {
        public override void SetValue(IDbDataParameter parameter, T? value) => (parameter.DbType, parameter.Value) = (DbType.String, write(value!));

        public override T Parse(object value) => value is DateTime d ? fromDateTime(d) : read(Text(value));
    }
}
