using ChatOps.Storage.Calendar;

namespace ChatOps.Storage.Tests;

/// <summary>The office's own holiday years (migration 0021) on each database: stored, replaced as a whole, listed by year.</summary>
public sealed class HolidayYearStoreTests
{
    [Theory]
    [InlineData(StorageProviders.Sqlite)]
    [InlineData(StorageProviders.SqlServer)]
    [InlineData(StorageProviders.PostgreSql)]
    public async Task SaveAsync_StoresAYear_AndASecondSaveReplacesIt(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var store = new HolidayYearStore(test.Database);
        var ct = TestContext.Current.CancellationToken;

        await store.SaveAsync(2028, "year: 2028\n", "office.clerk1", DateTimeOffset.UtcNow, ct);
        await store.SaveAsync(2027, "year: 2027\n# 第一版\n", "office.clerk1", DateTimeOffset.UtcNow, ct);
        await store.SaveAsync(2027, "year: 2027\n# 更正\n", "office.clerk2", DateTimeOffset.UtcNow, ct);

        var years = await store.ListAsync(ct);
        Assert.Equal([2027, 2028], years.Select(y => y.Year));
        Assert.Contains("更正", years[0].Yaml, StringComparison.Ordinal);
    }
}
