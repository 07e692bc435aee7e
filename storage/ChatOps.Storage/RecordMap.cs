using System.Reflection;

namespace ChatOps.Storage;

/// <summary>
/// Lets Dapper build a core record straight from a row, through its primary constructor, instead of a hand-written
/// <c>*Row</c> class that only copies fields. Dapper's own constructor matching insists that each column's type equal
/// the parameter's exactly, which SQLite (every integer is 64-bit) never meets for an <c>int</c>; this map picks the
/// record's widest public constructor and leaves the conversion of each value to Dapper, as it does for properties
/// (numbers widen or narrow, enums parse from their names, dates and instants go through the type handlers). The
/// SELECT must list the columns in the constructor's order (names match with underscores ignored).
/// </summary>
internal sealed class RecordMap : SqlMapper.ITypeMap
{
    private readonly DefaultTypeMap _names;
    private readonly ConstructorInfo _constructor;

    private RecordMap(Type type)
    {
        _names = new DefaultTypeMap(type);
        _constructor = type.GetConstructors().MaxBy(c => c.GetParameters().Length)
            ?? throw new InvalidOperationException($"{type.Name} has no public constructor.");
    }

    /// <summary>Maps rows onto <typeparamref name="T"/> from now on (process-wide, as Dapper's type maps are).</summary>
    public static void Register<T>() => SqlMapper.SetTypeMap(typeof(T), new RecordMap(typeof(T)));

    public ConstructorInfo? FindConstructor(string[] names, Type[] types) => _constructor;

    public ConstructorInfo? FindExplicitConstructor() => null;

    public SqlMapper.IMemberMap? GetConstructorParameter(ConstructorInfo constructor, string columnName) =>
        _names.GetConstructorParameter(constructor, columnName);

    public SqlMapper.IMemberMap? GetMember(string columnName) => _names.GetMember(columnName);
}
