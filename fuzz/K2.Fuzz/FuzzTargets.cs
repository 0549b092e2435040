using System.Text;
using K2.Api.Query;
using K2.Api.Query.Cursors;
using K2.Api.Query.Export;
using K2.Contracts.Avro;
using K2.Ingestion.Asx.Parsing;
using K2.Ingestion.Binance.Parsing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace K2.Fuzz;

/// <summary>One input a fuzz target runs; it throws only when the code under test broke its contract.</summary>
public delegate void FuzzTarget(ReadOnlySpan<byte> input);

/// <summary>
/// The parsers that take bytes from outside, each wrapped with its contract: whatever the input, the answer is a
/// value or the parser's typed error. Any other exception escaping a target is a finding. Shared (as a linked source
/// file) by the SharpFuzz harness and the regression tests in K2.PropertyTests, which replay every saved finding.
/// </summary>
public static class FuzzTargets
{
    private const int CacheCapacity = 64;
    private static readonly DateTimeOffset ReceivedAt = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");

    public static IReadOnlyDictionary<string, FuzzTarget> All { get; } = new Dictionary<string, FuzzTarget>(StringComparer.Ordinal)
    {
        ["binance"] = BinanceMessage,
        ["asx-trades"] = AsxTrades,
        ["asx-quotes"] = AsxQuotes,
        ["avro"] = AvroMessage,
        ["cursor"] = Cursor,
        ["query"] = QueryString,
        ["trade-query"] = TradeQueryBody,
    };

    /// <summary>A WebSocket message: a trade, a recognised non-trade, or an error with a code (the dead letter).</summary>
    public static void BinanceMessage(ReadOnlySpan<byte> input)
    {
        var result = Parsers.Binance.Parse(input, ReceivedAt);
        Check(result.IsTrade == result.Trade is not null && result.IsInvalid == result.Error is not null, "result kind and payload disagree");
        if (result.IsTrade)
        {
            Check(result.Trade.Price > 0m && result.Trade.Quantity > 0m, "a trade with a non-positive price or quantity");
            Check(TradeAvroCodec.TryDecode(TradeAvroCodec.Encode(result.Trade), out _, out _), "a parsed trade does not survive Avro");
        }
    }

    /// <summary>A trades file's lines, parsed in order with one file context as the loader does.</summary>
    public static void AsxTrades(ReadOnlySpan<byte> input)
    {
        var parser = new AsxTradeParser(new AsxExchangeClock(Sydney), CacheCapacity);
        ForEachLine(input, (line, file) =>
        {
            if (parser.TryParse(line, file, ReceivedAt, out var trade, out var error))
            {
                Check(trade.Price > 0m && trade.Quantity > 0m, "a trade with a non-positive price or volume");
            }
            else
            {
                Check(Enum.IsDefined(error.Kind) && error.Detail.Length > 0, "an untyped row error");
            }
        });
    }

    public static void AsxQuotes(ReadOnlySpan<byte> input)
    {
        var parser = new AsxQuoteParser(new AsxExchangeClock(Sydney));
        ForEachLine(input, (line, file) =>
        {
            if (!parser.TryParse(line, file, ReceivedAt, out _, out var error))
            {
                Check(Enum.IsDefined(error.Kind) && error.Detail.Length > 0, "an untyped row error");
            }
        });
    }

    /// <summary>A Kafka record value: a trade or quote that re-encodes to the same bytes' meaning, or a decode error.</summary>
    public static void AvroMessage(ReadOnlySpan<byte> input)
    {
        if (TradeAvroCodec.TryDecode(input, out var trade, out var tradeError))
        {
            var again = TradeAvroCodec.Decode(TradeAvroCodec.Encode(trade));
            Check(again.Price == trade.Price && again.Timestamp == trade.Timestamp && again.TradeId == trade.TradeId, "a decoded trade changes on re-encode");
        }
        else
        {
            Check(Enum.IsDefined(tradeError.Reason) && tradeError.IsError, "an untyped decode error");
        }

        if (!QuoteAvroCodec.TryDecode(input, out _, out var quoteError))
        {
            Check(Enum.IsDefined(quoteError.Reason) && quoteError.IsError, "an untyped decode error");
        }
    }

    /// <summary>A client's cursor: random bytes never forge the signature.</summary>
    public static void Cursor(ReadOnlySpan<byte> input) =>
        Check(!Parsers.Cursors.TryDecode(Encoding.UTF8.GetString(input), new CursorScope("trades", "ASX", "BHP", Descending: true), out _), "a forged cursor was accepted");

    /// <summary>A query string (<c>name=value&amp;…</c>) for the history endpoints: a request or a 400.</summary>
    public static void QueryString(ReadOnlySpan<byte> input)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in Encoding.UTF8.GetString(input).Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            values[equals < 0 ? pair : pair[..equals]] = equals < 0 ? string.Empty : pair[(equals + 1)..];
        }

        var text = new HistoryQueryText
        {
            Exchange = values.GetValueOrDefault("exchange"),
            Symbol = values.GetValueOrDefault("symbol"),
            Start = values.GetValueOrDefault("start"),
            End = values.GetValueOrDefault("end"),
            Limit = values.GetValueOrDefault("limit"),
            Cursor = values.GetValueOrDefault("cursor"),
            Order = values.GetValueOrDefault("order"),
            AsOfSnapshot = values.GetValueOrDefault("asOfSnapshot"),
            AsOf = values.GetValueOrDefault("asOf"),
        };
        ExpectRequestOr400(() => Parsers.History.Parse(text, "trades"));
    }

    /// <summary>The body of <c>POST /v1/trades/query</c>: a query or a 400.</summary>
    public static void TradeQueryBody(ReadOnlySpan<byte> input)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(input.ToArray());
        ExpectRequestOr400(() => Parsers.TradeQueries.ParseAsync(context.Request, CancellationToken.None).GetAwaiter().GetResult());
    }

    private static void ExpectRequestOr400<T>(Func<T> parse)
    {
        try
        {
            parse();
        }
        catch (ApiException error) when (error.StatusCode == StatusCodes.Status400BadRequest && error.Error.StartsWith("invalid_", StringComparison.Ordinal))
        {
            // The documented answer to bad input.
        }
    }

    private delegate void LineAction(ReadOnlySpan<byte> line, AsxFileContext file);

    private static void ForEachLine(ReadOnlySpan<byte> input, LineAction action)
    {
        var file = new AsxFileContext("7078", "BHP", CacheCapacity);
        foreach (var range in input.Split((byte)'\n'))
        {
            action(input[range].TrimEnd((byte)'\r'), file);
        }
    }

    /// <summary>
    /// Built on first use inside a target, not when a target is looked up: under AFL no instrumented K2 code may run
    /// before SharpFuzz has attached the coverage map.
    /// </summary>
    private static class Parsers
    {
        public static readonly BinanceTradeParser Binance = new(BinanceSymbolResolver.Default);
        public static readonly IOptions<QueryOptions> Query = Options.Create(new QueryOptions());
        public static readonly CursorCodec Cursors = new(Query);
        public static readonly HistoryRequestParser History = new(Query, Cursors);
        public static readonly TradeQueryParser TradeQueries = new(Query);
    }

    private static void Check(bool condition, string broken)
    {
        if (!condition)
        {
            throw new FuzzContractException(broken);
        }
    }
}

/// <summary>A target's own invariant failed (as opposed to an unexpected exception from the code under test).</summary>
public sealed class FuzzContractException(string message) : Exception(message);
