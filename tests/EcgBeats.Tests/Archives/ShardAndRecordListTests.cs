using CsCheck;
using EcgBeats.Annotators;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Archives;

/// <summary>Issue #16: archive annotation spreads one record list over machines with no overlap and no gap.</summary>
public sealed class ShardAndRecordListTests
{
    [Fact]
    public void TheShardsOfAListAreDisjointAndCoverItInOrder()
    {
        Gen.Select(Gen.Int[0, 500], Gen.Int[1, 40]).Sample((length, count) =>
        {
            var list = Enumerable.Range(0, length).Select(i => $"r{i}").ToList();
            var shards = Enumerable.Range(1, count).Select(i => new Shard(i, count).Of(list)).ToList();
            var all = shards.SelectMany(s => s).ToList();
            Assert.Equal(length, all.Count);                         // no overlap (and no loss, with the next line)
            Assert.Equal(list.Order(), all.Order());                 // no gap
            Assert.All(shards, s => Assert.Equal(s, s.OrderBy(list.IndexOf)));
            Assert.True(shards.Max(s => s.Count) - shards.Min(s => s.Count) <= 1, "round robin keeps shards within one record");
        });
    }

    [Theory]
    [InlineData("3/16", 3, 16)]
    [InlineData("1/1", 1, 1)]
    public void ShardsParse(string text, int index, int count) => Assert.Equal(new Shard(index, count), Shard.Parse(text));

    [Theory]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("3")]
    [InlineData("a/b")]
    [InlineData("-1/4")]
    public void BadShardsAreRefused(string text) => Assert.Contains("is not a shard: expected I/N", Assert.Throws<InvalidInputException>(() => Shard.Parse(text)).Message);

    [Fact]
    public void TheLargestShardCountTakesOneItemOrNone()
    {
        // #25: 1/2147483647 overflowed the list's capacity (ArgumentOutOfRangeException 'capacity').
        string[] list = ["a", "b", "c"];
        Assert.Equal(["a"], new Shard(1, int.MaxValue).Of(list));
        Assert.Equal(["c"], new Shard(3, int.MaxValue).Of(list));
        Assert.Empty(new Shard(int.MaxValue, int.MaxValue).Of(list));
        Assert.Equal(new Shard(1, int.MaxValue), Shard.Parse("1/2147483647"));
    }

    [Fact]
    public void FoldersListsAndPatternsExpandToOneOrderedListWithoutRepeats()
    {
        string fixtures = TestData.Fixture("mitdb");
        var folder = RecordList.Expand([fixtures], null).Select(Path.GetFileName).ToList();
        Assert.Equal(["100", "208", "217", "232"], folder);

        var pattern = RecordList.Expand([Path.Combine(fixtures, "2*.hea"), Path.Combine(fixtures, "100"), Path.Combine(fixtures, "208")], null);
        Assert.Equal(["208", "217", "232", "100"], pattern.Select(Path.GetFileName));

        using var temp = TestData.TempFolder();
        File.WriteAllText(temp.File("RECORDS"), "232\n# a comment\n100\n");
        Assert.Equal([temp.File("232"), temp.File("100")], RecordList.Expand([temp.File("RECORDS")], null));
        File.WriteAllText(temp.File("RECORDS"), "232\n../../etc/x\n");
        Assert.Contains("RECORDS, line 2", Assert.Throws<InvalidInputException>(() => RecordList.Expand([temp.Path], null)).Message);
    }
}
