using K2.Ingestion.Binance.Parsing;
using K2.Kafka.DeadLetters;
using K2.Kafka.Publishing;

namespace K2.Ingestion.DeadLetters.Replay;

/// <summary>One dead letter's replay: re-published (where to) or not (why).</summary>
public sealed record ReplayLine(string Id, bool Replayed, string Outcome);

public sealed record ReplayReport(IReadOnlyList<ReplayLine> Lines)
{
    public int Replayed => Lines.Count(line => line.Replayed);

    public int NotReplayed => Lines.Count(line => !line.Replayed);
}

/// <summary>
/// Re-publishes chosen dead letters by their <see cref="ReplayRouter"/> route. A Binance frame that still does not
/// parse is reported and left alone: it is already in the dead-letter topic, and dead-lettering it again would only
/// add a copy. A raw record sent back to its topic is judged again by the stage that rejected it; if it fails again
/// that stage dead-letters it again (a new dead letter, the old one stays).
/// </summary>
public sealed class DeadLetterReplayTool(
    DeadLetterReplayer replayer,
    IMarketDataPublisher publisher,
    BinanceTradeParser parser)
{
    public async Task<ReplayReport> ReplayAsync(IReadOnlyList<DeadLetterRecord> chosen, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        var lines = new List<ReplayLine>(chosen.Count);
        var routed = chosen.Select(record => (Record: record, Route: ReplayRouter.Route(record))).ToList();

        foreach (var group in routed.Where(item => item.Route.Kind == ReplayRouteKind.OriginalTopic).GroupBy(item => item.Route.Topic!))
        {
            var records = group.Select(item => item.Record).ToList();
            if (!dryRun)
            {
                await replayer.ReplayAsync(records, group.Key, cancellationToken);
            }

            lines.AddRange(records.Select(record => new ReplayLine(record.Id, Replayed: true, group.Key)));
        }

        var published = false;
        foreach (var (record, route) in routed.Where(item => item.Route.Kind != ReplayRouteKind.OriginalTopic))
        {
            if (route.Kind == ReplayRouteKind.NotReplayable)
            {
                lines.Add(new ReplayLine(record.Id, Replayed: false, route.Reason!));
                continue;
            }

            // ingestion_timestamp is when K2 first saw the record: the frame arrived when it was dead-lettered.
            var result = parser.Parse(record.Letter.Payload.Span, record.Letter.FailedAt);
            if (result.Trade is not { } trade)
            {
                lines.Add(new ReplayLine(record.Id, Replayed: false, result.Error?.ToString() ?? $"not a trade ({result.Kind})"));
                continue;
            }

            if (!dryRun)
            {
                await publisher.PublishTradeAsync(trade, cancellationToken);
                published = true;
            }

            lines.Add(new ReplayLine(record.Id, Replayed: true, $"trade {trade.TradeId}"));
        }

        if (published)
        {
            // Acknowledged by the broker before the command reports success.
            await publisher.FlushAsync(cancellationToken);
        }

        return new ReplayReport(lines);
    }
}
