using K2.Ingestion.Binance.Diagnostics;
using K2.Ingestion.Binance.Parsing;
using K2.Kafka.Publishing;

namespace K2.Ingestion.Binance.Streaming;

/// <summary>
/// What happens to each received message: trades are published (awaiting the publisher is the feed's
/// back-pressure), control responses are logged and dropped, anything unusable is dead-lettered with its raw bytes.
/// </summary>
internal sealed class BinanceMessageHandler(
    BinanceTradeParser parser,
    IMarketDataPublisher publisher,
    IDeadLetterPublisher deadLetters,
    BinanceFeedMetrics metrics,
    TimeProvider time,
    ILogger logger)
{
    public const string DeadLetterSource = "binance";
    public const string DeadLetterStage = "parse";

    public async ValueTask<BinanceMessageKind> HandleAsync(
        ReadOnlyMemory<byte> message, FramePosition position, CancellationToken cancellationToken)
    {
        metrics.MessageReceived();
        var result = parser.Parse(message.Span, time.GetUtcNow());
        if (result.IsTrade)
        {
            await publisher.PublishTradeAsync(result.Trade, cancellationToken);
            metrics.TradePublished();
        }
        else if (result.IsInvalid)
        {
            await DeadLetterAsync(message, result.Error, position, cancellationToken);
        }
        else if (result.Kind == BinanceMessageKind.ControlResponse)
        {
            logger.ControlResponseIgnored(position.ToString(), JsonFields.Preview(message.Span));
        }
        else
        {
            logger.ServerShutdownAnnounced(position.ToString());
        }

        return result.Kind;
    }

    public ValueTask DeadLetterOversizedAsync(
        ReadOnlyMemory<byte> prefix, long totalBytes, FramePosition position, CancellationToken cancellationToken)
    {
        metrics.MessageReceived();
        var error = new BinanceParseError(
            BinanceParseErrorCode.MessageTooLarge,
            $"message of {totalBytes} bytes exceeds the {prefix.Length}-byte limit; the payload holds its first {prefix.Length} bytes");
        return DeadLetterAsync(prefix, error, position, cancellationToken);
    }

    private async ValueTask DeadLetterAsync(
        ReadOnlyMemory<byte> payload, BinanceParseError error, FramePosition position, CancellationToken cancellationToken)
    {
        metrics.ParseError(error.Code);
        var where = position.ToString();
        logger.DeadLettered(where, error.Code, error.Message);

        // The receive buffer is reused for the next message, so the dead letter takes its own copy.
        var letter = new DeadLetter(DeadLetterSource, DeadLetterStage, error.ToString(), payload.ToArray(), where, time.GetUtcNow());
        await deadLetters.PublishAsync(letter, cancellationToken);
    }
}
