using Confluent.Kafka;
using K2.Contracts.Avro;
using K2.Contracts.Grains;

namespace K2.Silo.Ingest;

/// <summary>
/// A poll batch decoded and grouped by symbol: one <see cref="SymbolWork"/> per symbol and partition (for a
/// well-formed log, one partition per symbol), so each symbol's grain is called once per batch.
/// </summary>
internal sealed class BatchWork
{
    private BatchWork(IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> records, List<SymbolWork> symbols, List<DecodeFailure> failures)
    {
        Records = records;
        Symbols = symbols;
        DecodeFailures = failures;
    }

    public IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> Records { get; }

    public IReadOnlyList<SymbolWork> Symbols { get; }

    public IReadOnlyList<DecodeFailure> DecodeFailures { get; }

    public static BatchWork Decode(IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> records, ConsumerRun run, string logCluster)
    {
        var symbols = new Dictionary<(SymbolKey, Flush.TopicPartition), SymbolWork>();
        var failures = new List<DecodeFailure>();
        foreach (var record in records)
        {
            var value = record.Message.Value;
            if (value is null)
            {
                failures.Add(new DecodeFailure(record, "the record has no value"));
                continue;
            }

            if (!TradeAvroCodec.TryDecode(value, out var trade, out var error))
            {
                failures.Add(new DecodeFailure(record, $"not a {TradeAvroCodec.Schema.FullName} message: {error}"));
                continue;
            }

            // The codec accepts any string; a grain key does not. Such a trade has no grain to go to.
            if (!SymbolKey.IsValidPart(trade.Exchange) || !SymbolKey.IsValidPart(trade.Symbol))
            {
                failures.Add(new DecodeFailure(record, $"'{trade.Exchange}/{trade.Symbol}' is not a valid symbol key"));
                continue;
            }

            var symbol = new SymbolKey(trade.Exchange, trade.Symbol);
            var partition = new Flush.TopicPartition(record.Topic, record.Partition.Value);
            if (!symbols.TryGetValue((symbol, partition), out var work))
            {
                symbols[(symbol, partition)] = work = new SymbolWork(symbol, partition, logCluster, run.TableOffset(partition), run.LastSent(symbol, partition));
            }

            work.Add(trade, record);
        }

        return new BatchWork(records, [.. symbols.Values], failures);
    }

    /// <summary>Next offset to read per partition: what a commit of this batch records.</summary>
    public IReadOnlyList<TopicPartitionOffset> NextOffsets() =>
        [.. Records
            .GroupBy(record => record.TopicPartition)
            .Select(partition => new TopicPartitionOffset(partition.Key, partition.Max(record => record.Offset.Value) + 1))];
}
