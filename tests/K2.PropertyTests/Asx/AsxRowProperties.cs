using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using K2.Contracts.Model;
using K2.Ingestion.Asx.Parsing;
using K2.Testing;

namespace K2.PropertyTests.Asx;

/// <summary>
/// One ASX row at a time: a valid row means exactly what it says, in UTC; any corrupt field gives the typed error
/// that names it; any bytes at all give a record or a typed error, never an exception.
/// </summary>
public sealed partial class AsxRowProperties
{
    private const string CompanyId = "7078";
    private const string Symbol = "BHP";
    private const int CacheCapacity = 64;
    private static readonly TimeZoneInfo Sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");
    private static readonly DateTimeOffset IngestedAt = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private static readonly Gen<string[]> ValidTradeFields = Gen.Select(
        AsxGen.Date, AsxGen.Time, AsxGen.PositiveDecimalText, AsxGen.PositiveDecimalText, AsxGen.Text, AsxGen.Text, AsxGen.Text)
        .Select((date, time, price, volume, qualifiers, venue, buyer) => new[] { AsxGen.DateText(date), time.Text, price, volume, qualifiers, venue, buyer });

    [Fact]
    public void A_valid_trade_row_parses_to_exactly_its_values_in_utc() =>
        Gen.Select(AsxGen.Date, AsxGen.Time, AsxGen.PositiveDecimalText, AsxGen.PositiveDecimalText, AsxGen.Text, AsxGen.Text, AsxGen.Text)
            .Sample((date, time, price, volume, qualifiers, venue, buyer) =>
            {
                var row = string.Join(',', AsxGen.DateText(date), time.Text, price, volume, qualifiers, venue, buyer);
                var parsed = NewTradeParser().TryParse(Encoding.UTF8.GetBytes(row), NewFile(), IngestedAt, out var trade, out var error);

                if (ExpectedUtc(date, time.Value) is not { } utc)
                {
                    Assert.False(parsed);
                    Assert.Equal(AsxRowErrorKind.NonexistentLocalTime, error.Kind);
                    return;
                }

                Assert.True(parsed, error.ToString());
                Assert.Equal(utc, trade!.Timestamp);
                Assert.Equal(TimeSpan.Zero, trade.Timestamp.Offset);
                Assert.Equal(AsxGen.ValueOf(price), trade.Price);
                Assert.Equal(AsxGen.ValueOf(volume), trade.Quantity);
                Assert.Equal(MarketDecimal.Scale, trade.Price.Scale);
                Assert.Equal($"ASX-{Symbol}-{date:yyyyMMdd}-1", trade.TradeId);
                Assert.Equal(qualifiers.Length == 0 ? Array.Empty<string>() : [qualifiers], trade.TradeConditions);
                Assert.Equal(venue.Length == 0 ? null : venue, trade.VendorData.GetValueOrDefault("venue"));
                Assert.Equal(buyer.Length == 0 ? null : buyer, trade.VendorData.GetValueOrDefault("buyer_id"));
                Assert.Equal(CompanyId, trade.VendorData["company_id"]);
            }, iter: PropertyRuns.Iterations(2_000));

    [Fact]
    public void A_valid_quote_row_parses_to_exactly_its_values() =>
        Gen.Select(AsxGen.Date, AsxGen.Time, AsxGen.DecimalText, AsxGen.DecimalText, AsxGen.DecimalText, AsxGen.DecimalText)
            .Sample((date, time, bid, ask, bidVolume, askVolume) =>
            {
                var row = string.Join(',', AsxGen.DateText(date), time.Text, bid, ask, bidVolume, askVolume);
                var parsed = new AsxQuoteParser(new AsxExchangeClock(Sydney)).TryParse(Encoding.UTF8.GetBytes(row), NewFile(), IngestedAt, out var quote, out var error);

                Assert.Equal(ExpectedUtc(date, time.Value) is not null, parsed);
                if (parsed)
                {
                    Assert.Equal(ExpectedUtc(date, time.Value), quote!.Timestamp);
                    Assert.Equal(
                        new[] { AsxGen.ValueOf(bid), AsxGen.ValueOf(ask), AsxGen.ValueOf(bidVolume), AsxGen.ValueOf(askVolume) },
                        new[] { quote.BidPrice, quote.AskPrice, quote.BidQuantity, quote.AskQuantity });
                }
                else
                {
                    Assert.Equal(AsxRowErrorKind.NonexistentLocalTime, error.Kind);
                }
            }, iter: PropertyRuns.Iterations(2_000));

    /// <summary>
    /// One number column replaced by arbitrary text: the row is rejected with exactly the error a reader of the
    /// format expects for that text, and accepted only when the text is a plain decimal that fits.
    /// </summary>
    [Fact]
    public void A_corrupt_number_gives_the_error_that_names_it() =>
        Gen.Select(ValidTradeFields, Gen.Int[2, 3], AsxGen.AnyField)
            .Where((fields, _, _) => !IsDaylightSavingDay(fields[0]))
            .Sample((fields, column, text) =>
            {
                fields[column] = text;
                var row = Encoding.UTF8.GetBytes(string.Join(',', fields));
                var parsed = NewTradeParser().TryParse(row, NewFile(), IngestedAt, out var trade, out var error);

                var expected = ExpectedNumberError(text);
                if (expected is null)
                {
                    Assert.True(parsed, error.ToString());
                    Assert.Equal(AsxGen.ValueOf(text), column == 2 ? trade!.Price : trade!.Quantity);
                }
                else
                {
                    Assert.False(parsed);
                    Assert.Equal(expected, error.Kind);
                    Assert.False(string.IsNullOrEmpty(error.Detail));
                }
            }, iter: PropertyRuns.Iterations(3_000));

    [Fact]
    public void A_corrupt_date_or_time_is_rejected_as_such() =>
        Gen.Select(ValidTradeFields, Gen.Int[0, 1], AsxGen.AnyField)
            .Where((fields, column, text) => !text.Contains(',', StringComparison.Ordinal) && !IsDaylightSavingDay(fields[0]))
            .Sample((fields, column, text) =>
            {
                fields[column] = text;
                var parsed = NewTradeParser().TryParse(Encoding.UTF8.GetBytes(string.Join(',', fields)), NewFile(), IngestedAt, out var trade, out var error);

                var valid = column == 0 ? IsCalendarDate(text) : TimeOfDayPattern().IsMatch(text);
                Assert.Equal(valid, parsed);
                if (!parsed)
                {
                    Assert.Equal(column == 0 ? AsxRowErrorKind.InvalidDate : AsxRowErrorKind.InvalidTime, error.Kind);
                }
            }, iter: PropertyRuns.Iterations(3_000));

    /// <summary>Years 1 to 9999: near the ends of the calendar the UTC instant may not exist; that is a typed error too.</summary>
    [Fact]
    public void Any_calendar_date_gives_a_record_or_a_typed_error() =>
        Gen.Select(
                Gen.Frequency((1, Gen.OneOf(1, 9999)), (3, Gen.Int[1, 9999])),
                Gen.Frequency((1, Gen.OneOf(1, 12)), (3, Gen.Int[1, 12])),
                Gen.Frequency((1, Gen.OneOf(1, 31)), (3, Gen.Int[1, 31])),
                AsxGen.Time)
            .Sample((year, month, day, time) =>
            {
                var date = string.Create(CultureInfo.InvariantCulture, $"{month:D2}/{day:D2}/{year:D4}");
                AssertRecordOrTypedError(Encoding.UTF8.GetBytes($"{date},{time.Text},36.1,100,,,"));
                AssertRecordOrTypedError(Encoding.UTF8.GetBytes($"{date},{time.Text},36.1,36.2,100,0"), quotes: true);
            }, iter: PropertyRuns.Iterations(2_000));

    [Fact]
    public void Arbitrary_bytes_give_a_record_or_a_typed_error() =>
        Gen.Frequency(
                (1, Gen.Byte.Array[0, 120]),
                (2, Gen.Select(ValidTradeFields, Gen.Int[0, 60], Gen.Byte.Array[1, 4]).Select((fields, at, bytes) =>
                {
                    var row = Encoding.UTF8.GetBytes(string.Join(',', fields));
                    var cut = Math.Min(at, row.Length);
                    return (byte[])[.. row[..cut], .. bytes, .. row[cut..]];
                })))
            .Sample(line =>
            {
                AssertRecordOrTypedError(line);
                AssertRecordOrTypedError(line, quotes: true);
            }, iter: PropertyRuns.Iterations(5_000));

    /// <summary>Found by <see cref="Any_calendar_date_gives_a_record_or_a_typed_error"/>: this row threw out of the load.</summary>
    [Theory]
    [InlineData("01/01/0001,06:15:58.992,36.1,100,,,")]
    [InlineData("01/01/0001,00:00:00,36.1,100,,,")]
    public void A_row_whose_instant_is_off_the_calendar_is_a_typed_error(string row)
    {
        Assert.False(NewTradeParser().TryParse(Encoding.UTF8.GetBytes(row), NewFile(), IngestedAt, out _, out var error));
        Assert.Equal(AsxRowErrorKind.OutsideCalendar, error.Kind);
    }

    private static void AssertRecordOrTypedError(byte[] line, bool quotes = false)
    {
        var file = NewFile();
        var parsed = quotes
            ? new AsxQuoteParser(new AsxExchangeClock(Sydney)).TryParse(line, file, IngestedAt, out _, out var error)
            : NewTradeParser().TryParse(line, file, IngestedAt, out _, out error);
        if (!parsed)
        {
            Assert.True(Enum.IsDefined(error.Kind));
            Assert.StartsWith(error.Kind + ": ", error.ToString(), StringComparison.Ordinal);
        }
    }

    /// <summary>What the format says about a price or volume text, written from the format, not the parser.</summary>
    private static AsxRowErrorKind? ExpectedNumberError(string text)
    {
        if (text.Contains(',', StringComparison.Ordinal))
        {
            return AsxRowErrorKind.FieldCount;
        }

        if (!PlainDecimal().IsMatch(text))
        {
            return AsxRowErrorKind.InvalidNumber;
        }

        if (text.StartsWith('-'))
        {
            return AsxRowErrorKind.NegativeNumber;
        }

        var integer = text.Split('.')[0].TrimStart('0');
        var fraction = text.Contains('.', StringComparison.Ordinal) ? text.Split('.')[1].TrimEnd('0') : string.Empty;
        if (integer.Length > MarketDecimal.Precision - MarketDecimal.Scale || fraction.Length > MarketDecimal.Scale)
        {
            return AsxRowErrorKind.OutOfRange;
        }

        return AsxGen.ValueOf(text) == 0m ? AsxRowErrorKind.ZeroTrade : null;
    }

    /// <summary>The instant a Sydney wall-clock time means, the earlier one when clocks go back; null if it never existed.</summary>
    private static DateTimeOffset? ExpectedUtc(DateOnly date, TimeSpan timeOfDay)
    {
        var local = date.ToDateTime(TimeOnly.MinValue) + timeOfDay;
        if (Sydney.IsInvalidTime(local))
        {
            return null;
        }

        var offset = Sydney.IsAmbiguousTime(local) ? Sydney.GetAmbiguousTimeOffsets(local).Max() : Sydney.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>Rows on a clock-change day may be nonexistent local times, an error that would mask the one under test.</summary>
    private static bool IsDaylightSavingDay(string dateText)
    {
        var date = DateOnly.ParseExact(dateText, "MM/dd/yyyy", CultureInfo.InvariantCulture);
        var start = date.ToDateTime(TimeOnly.MinValue);
        return Sydney.GetUtcOffset(start) != Sydney.GetUtcOffset(start.AddDays(1));
    }

    /// <summary>MM/DD/YYYY naming a day that exists (year 1 onwards).</summary>
    private static bool IsCalendarDate(string text)
    {
        if (!DatePattern().IsMatch(text))
        {
            return false;
        }

        var (month, day, year) = (int.Parse(text[..2], CultureInfo.InvariantCulture), int.Parse(text[3..5], CultureInfo.InvariantCulture), int.Parse(text[6..], CultureInfo.InvariantCulture));
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    private static AsxTradeParser NewTradeParser() => new(new AsxExchangeClock(Sydney), CacheCapacity);

    private static AsxFileContext NewFile() => new(CompanyId, Symbol, CacheCapacity);

    [GeneratedRegex(@"^-?([0-9]+\.?[0-9]*|\.[0-9]+)\z")]
    private static partial Regex PlainDecimal();

    [GeneratedRegex(@"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,6})?\z")]
    private static partial Regex TimeOfDayPattern();

    [GeneratedRegex(@"^[0-9]{2}/[0-9]{2}/[0-9]{4}\z")]
    private static partial Regex DatePattern();
}
