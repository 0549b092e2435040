namespace K2.Ingestion.Binance.Parsing;

/// <summary>Why a Binance message was rejected. The name leads every dead letter's error text.</summary>
public enum BinanceParseErrorCode
{
    EmptyMessage,
    InvalidJson,
    NotAnObject,

    /// <summary>Valid JSON that is neither a market event nor a control response.</summary>
    UnrecognisedMessage,
    MissingField,
    DuplicateField,
    WrongFieldType,

    /// <summary>An event other than <c>trade</c> (or <c>serverShutdown</c>): the feed subscribes to trade streams only.</summary>
    UnsupportedEvent,
    InvalidSymbol,

    /// <summary>The combined stream's name does not belong to the trade's symbol.</summary>
    StreamMismatch,
    InvalidDecimal,

    /// <summary>A price or quantity that DECIMAL(18,8) cannot hold without rounding.</summary>
    DecimalOutOfRange,
    NonPositiveValue,
    InvalidTradeId,
    InvalidTimestamp,

    /// <summary>Raised by the receive loop, not the parser: the message exceeded the configured maximum size.</summary>
    MessageTooLarge,
}
