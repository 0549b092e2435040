using Confluent.Kafka;
using K2.Contracts.Avro;
using K2.Contracts.Grains;
using K2.Contracts.Model;

namespace K2.Silo.Ingest;

/// <summary>
/// A poll batch decoded and grouped by symbol: one <see cref="SymbolWork"/> per symbol and partition (for a
/// well-formed log, one partition per symbol and topic), so each symbol's grain is called once per batch for its
/// trades and once for its quotes.
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

            var failure = IngestTopics.KindOf(record.Topic) == MarketDataRecordType.Quote
                ? Add(QuoteRecordKind.Instance, record, value, symbols, run, logCluster)
                : Add(TradeRecordKind.Instance, record, value, symbols, run, logCluster);
            if (failure is not null)
            {
                failures.Add(new DecodeFailure(record, failure));
            }
        }

        return new BatchWork(records, [.. symbols.Values], failures);
    }

    /// <summary>Decodes one record of <paramref name="kind"/> into its symbol's work; returns why not when it cannot.</summary>
    private static string? Add<TRecord>(
        LogRecordKind<TRecord> kind,
        ConsumeResult<byte[]?, byte[]?> record,
        byte[] value,
        Dictionary<(SymbolKey, Flush.TopicPartition), SymbolWork> symbols,
        ConsumerRun run,
        string logCluster)
        where TRecord : class, IMarketDataRecord
    {
        if (!kind.TryDecode(value, out var decoded, out var error))
        {
            return error;
        }

        // The codec accepts any string; a grain key does not. Such a record has no grain to go to.
        if (!SymbolKey.IsValidPart(decoded!.Exchange) || !SymbolKey.IsValidPart(decoded.Symbol))
        {
            return $"'{decoded.Exchange}/{decoded.Symbol}' is not a valid symbol key";
        }

        var symbol = new SymbolKey(decoded.Exchange, decoded.Symbol);
        var partition = new Flush.TopicPartition(record.Topic, record.Partition.Value);
        if (!symbols.TryGetValue((symbol, partition), out var work))
        {
            symbols[(symbol, partition)] = work = new SymbolWork<TRecord>(kind, symbol, partition, logCluster, run.TableOffset(partition), run.LastSent(symbol, partition));
        }

        ((SymbolWork<TRecord>)work).Add(decoded, record);
        return null;
    }

    /// <summary>Next offset to read per partition: what a commit of this batch records.</summary>
    public IReadOnlyList<TopicPartitionOffset> NextOffsets() =>
        [.. Records
            .GroupBy(record => record.TopicPartition)
            .Select(partition => new TopicPartitionOffset(partition.Key, partition.Max(record => record.Offset.Value) + 1))];
}
