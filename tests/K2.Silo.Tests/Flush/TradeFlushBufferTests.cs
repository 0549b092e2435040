using K2.Contracts.Model;
using K2.Silo.Flush;
using K2.Testing;

namespace K2.Silo.Tests.Flush;

public sealed class TradeFlushBufferTests
{
    private static readonly TopicPartition Partition = new("market.crypto.trades.binance", 3);
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    [Fact]
    public void A_partition_keeps_its_first_start_and_its_furthest_next_offset()
    {
        var buffer = new FlushBuffer<Trade>();

        buffer.MarkProcessed(Partition, start: 100, next: 150, Now);
        buffer.MarkProcessed(Partition, start: 150, next: 180, Now);
        buffer.Add(Trades.Binance(1));
        var batch = buffer.Take();

        Assert.Equal(new OffsetRange(100, 180), batch.Offsets[Partition]);
        Assert.Single(batch.Records);
    }

    [Fact]
    public void Take_empties_the_buffer_so_nothing_is_flushed_twice()
    {
        var buffer = new FlushBuffer<Trade>();
        buffer.MarkProcessed(Partition, 0, 10, Now);
        buffer.Add(Trades.Binance(1));

        buffer.Take();
        var second = buffer.Take();

        Assert.Empty(second.Records);
        Assert.Empty(second.Offsets);
        Assert.Equal(0, buffer.Count);
        Assert.Null(buffer.FirstAddedAt);
    }

    [Fact]
    public void Next_offset_is_the_furthest_processed_and_none_for_a_partition_not_processed()
    {
        var buffer = new FlushBuffer<Trade>();
        buffer.MarkProcessed(Partition, start: 100, next: 150, Now);
        buffer.MarkProcessed(Partition, start: 100, next: 180, Now);

        Assert.Equal(180, buffer.NextOffset(Partition));
        Assert.Null(buffer.NextOffset(new TopicPartition("market.equities.trades.asx", 0)));

        buffer.Clear();
        Assert.Null(buffer.NextOffset(Partition));
    }

    [Fact]
    public void Offsets_round_trip_through_the_snapshot_summary()
    {
        var map = KafkaOffsetMap.Create("cluster-1", [new(Partition, 42L), new(new TopicPartition("market.equities.trades.asx", 0), 7L)]);

        var parsed = KafkaOffsetMap.FromSummary(map.ToSummary(), "cluster-1");

        Assert.Equal(42, parsed.NextOffset(Partition));
        Assert.Equal(7, parsed.NextOffset(new TopicPartition("market.equities.trades.asx", 0)));
        Assert.Empty(KafkaOffsetMap.FromSummary(map.ToSummary(), "cluster-2").Offsets);
    }
}
