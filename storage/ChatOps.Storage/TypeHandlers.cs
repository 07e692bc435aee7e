using System.Data;
using System.Globalization;
using ChatOps.Core.Circulars;
using ChatOps.Core.Conversations;
using ChatOps.Core.Meetings;
using ChatOps.Core.Reports.Overview;
using Dapper;

namespace ChatOps.Storage;

/// <summary>
/// How the column types that are not plain values travel, registered once (<see cref="DapperSetup"/>), so that rows are
/// read straight into the core's records (<see cref="RecordMap"/>) instead of hand-written <c>*Row</c> classes: JSON
/// columns, a meeting's recurrence rule and start time. Writing still passes the text explicitly (the stores' parameter
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
        SqlMapper.RemoveTypeMap(typeof(TimeOnly));
        SqlMapper.RemoveTypeMap(typeof(TimeOnly?));
        SqlMapper.AddTypeHandler(new TimeHandler());
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

    /// <summary>A time of day as <c>HH:mm</c> text.</summary>
    private sealed class TimeHandler : SqlMapper.TypeHandler<TimeOnly>
    {
        private const string Format = "HH:mm";

        public override void SetValue(IDbDataParameter parameter, TimeOnly value) =>
            (parameter.DbType, parameter.Value) = (DbType.String, value.ToString(Format, CultureInfo.InvariantCulture));

        public override TimeOnly Parse(object value) => value is TimeSpan t
            ? TimeOnly.FromTimeSpan(t)
            : TimeOnly.ParseExact(Text(value), Format, CultureInfo.InvariantCulture);
    }
}
