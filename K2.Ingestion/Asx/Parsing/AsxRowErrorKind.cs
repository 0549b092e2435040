namespace K2.Ingestion.Asx.Parsing;

/// <summary>Why an ASX row was rejected. The name is the first word of the dead letter's error text.</summary>
public enum AsxRowErrorKind
{
    /// <summary>The file's name (the company id) is not in <c>company_info.csv</c>, so no row in it has a symbol.</summary>
    UnknownCompany,

    /// <summary>The row does not have exactly the number of comma-separated fields its file type has.</summary>
    FieldCount,

    InvalidDate,

    InvalidTime,

    /// <summary>The local time falls in the hour skipped when daylight saving starts, so it never existed on the clock.</summary>
    NonexistentLocalTime,

    InvalidNumber,

    NegativeNumber,

    /// <summary>The number does not fit DECIMAL(18, 8): more than 10 integer digits or more than 8 significant decimals.</summary>
    OutOfRange,

    /// <summary>A trade with a zero price or zero volume: nothing changed hands.</summary>
    ZeroTrade,

    /// <summary>A text field (qualifiers, venue, buyer id) is not valid UTF-8.</summary>
    InvalidText,

    /// <summary>The line is longer than the loader's read buffer; the dead letter carries its first buffer-full of bytes.</summary>
    LineTooLong,

    /// <summary>
    /// The local time's instant is off the calendar in UTC (e.g. 01/01/0001 before 10:05 in Sydney), which no
    /// timestamp can hold. Found by the property tests; such a row used to stop the whole load with an exception.
    /// </summary>
    OutsideCalendar,
}
