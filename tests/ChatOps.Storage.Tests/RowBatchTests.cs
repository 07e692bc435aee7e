namespace ChatOps.Storage.Tests;

/// <summary>A batch's parameters are named as its statement writes them (the reason is in <see cref="RowBatch"/>).</summary>
public sealed class RowBatchTests
{
    private static readonly SqlStatement Insert = SqlStatement.Portable("InsertPair", "INSERT INTO pairs (a, b) VALUES (@A, @B)");

    [Fact]
    public void AParameterNamedWithoutItsAt_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new RowBatch(null!, Insert, ["@A", "B"]));
        Assert.Contains("Parameter B is named without its @", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParametersNamedAsTheStatementWritesThem_AreTaken()
    {
        var batch = new RowBatch(null!, Insert, ["@A", "@B"]);
        batch.Add("one", 1L);
        Assert.Equal(1, batch.Count);
    }
}
