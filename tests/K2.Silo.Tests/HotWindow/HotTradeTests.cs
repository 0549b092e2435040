using System.Collections.ObjectModel;
using K2.Contracts.Model;
using K2.Silo.HotWindow;
using K2.Testing;

namespace K2.Silo.Tests.HotWindow;

/// <summary>A hot trade packed into the window's compact slot reads back identical, field by field, bit by bit.</summary>
public sealed class HotTradeTests
{
    public static TheoryData<string> Compact => new()
    {
        "binance",
        "asx without a source sequence",
        "largest 64-bit coefficients",
        "smallest decimals",
        "negative zero and trailing zeros",
        "no platform sequence",
        "conditions and vendor data",
        "trade id zero",
        "eighteen digits",
        "side out of range",
        "id that is only digits",
    };

    public static TheoryData<string> KeptWhole => new()
    {
        "non-numeric trade id",
        "leading zero",
        "nineteen digits",
        "timestamp with an offset",
        "ingestion time with an offset",
        "source sequence not the trade number",
        "empty trade id",
        "price over 64 bits",
        "quantity over 64 bits",
    };

    [Theory]
    [MemberData(nameof(Compact))]
    public void A_trade_that_fits_the_compact_form_is_held_as_values_and_reads_back_identical(string scenario)
    {
        var trade = Scenario(scenario);

        var slot = Pack(trade);

        Assert.True(slot.IsCompact);
        AssertIdentical(trade, slot.ToRecord());
        Assert.Equal(trade.PlatformSequence ?? 0, slot.PlatformSequence);
        Assert.Equal(trade.Timestamp, slot.Timestamp);
    }

    [Theory]
    [MemberData(nameof(KeptWhole))]
    public void A_trade_that_does_not_fit_is_kept_whole_and_reads_back_identical(string scenario)
    {
        var trade = Scenario(scenario);

        var slot = Pack(trade);

        Assert.False(slot.IsCompact);
        AssertIdentical(trade, slot.ToRecord());
        Assert.Equal(trade.Timestamp.Offset, slot.Timestamp.Offset);
    }

    [Fact]
    public void Consecutive_trades_with_the_same_values_read_back_with_those_instances_and_a_change_is_its_own()
    {
        var first = Scenario("conditions and vendor data");
        var second = first with { TradeId = "BINANCE-43", SourceSequence = 43, PlatformSequence = 8 };
        var otherCurrency = second with { TradeId = "BINANCE-44", SourceSequence = 44, PlatformSequence = 9, Currency = "BUSD" };

        var packedFirst = Pack(first);
        var packedSecond = HotTrade.Pack(second, in packedFirst, hasNewest: true);
        var packedThird = HotTrade.Pack(otherCurrency, in packedSecond, hasNewest: true);

        AssertIdentical(second, packedSecond.ToRecord());
        Assert.Same(first.VendorData, packedSecond.ToRecord().VendorData);
        Assert.Same(first.TradeConditions, packedSecond.ToRecord().TradeConditions);
        AssertIdentical(otherCurrency, packedThird.ToRecord());
        Assert.Equal("BUSD", packedThird.ToRecord().Currency);
    }

    [Fact]
    public void A_trade_id_prefix_that_changes_between_trades_reads_back_with_its_own_prefix()
    {
        var monday = Trades.Asx(17) with { TradeId = "ASX-BHP-20260105-17", PlatformSequence = 1 };
        var tuesday = monday with { TradeId = "ASX-BHP-20260106-1", PlatformSequence = 2 };

        var packedMonday = Pack(monday);
        var packedTuesday = HotTrade.Pack(tuesday, in packedMonday, hasNewest: true);

        Assert.Equal("ASX-BHP-20260105-17", packedMonday.ToRecord().TradeId);
        Assert.Equal("ASX-BHP-20260106-1", packedTuesday.ToRecord().TradeId);
    }

    internal static HotTrade Pack(Trade trade)
    {
        var none = default(HotTrade);
        return HotTrade.Pack(trade, in none, hasNewest: false);
    }

    internal static Trade Scenario(string scenario)
    {
        var binance = Trades.Binance(4_851_805_410) with { PlatformSequence = 7 };
        return scenario switch
        {
            "binance" => binance,
            "asx without a source sequence" => Trades.Asx(17) with { TradeId = "ASX-BHP-20260105-17", PlatformSequence = 3 },
            "largest 64-bit coefficients" => binance with { Price = new decimal(-1, -1, 0, isNegative: false, scale: 0), Quantity = new decimal(-1, -1, 0, isNegative: true, scale: 28) },
            "smallest decimals" => binance with { Price = 0.0000000000000000000000000001m, Quantity = 0.00000001m },
            "negative zero and trailing zeros" => binance with { Price = new decimal(0, 0, 0, isNegative: true, scale: 3), Quantity = 1.10000000m },
            "no platform sequence" => binance with { PlatformSequence = null },
            "conditions and vendor data" => binance with
            {
                TradeId = "BINANCE-42",
                SourceSequence = 42,
                TradeConditions = ["XT", "OS"],
                VendorData = new ReadOnlyDictionary<string, string>(new Dictionary<string, string> { ["base_asset"] = "BTC", ["is_best_match"] = "true" }),
            },
            "trade id zero" => binance with { TradeId = "BINANCE-0", SourceSequence = 0 },
            "eighteen digits" => binance with { TradeId = "BINANCE-999999999999999999", SourceSequence = 999_999_999_999_999_999 },
            "side out of range" => binance with { Side = (TradeSide)77 },
            "id that is only digits" => binance with { TradeId = "4851805410" },
            "non-numeric trade id" => binance with { TradeId = "BINANCE-abc", SourceSequence = null },
            "leading zero" => binance with { TradeId = "BINANCE-007", SourceSequence = 7 },
            "nineteen digits" => binance with { TradeId = "BINANCE-1000000000000000000", SourceSequence = 1_000_000_000_000_000_000 },
            "timestamp with an offset" => binance with { Timestamp = new DateTimeOffset(2026, 3, 10, 20, 0, 0, TimeSpan.FromHours(10)) },
            "ingestion time with an offset" => binance with { IngestionTimestamp = new DateTimeOffset(2026, 3, 10, 5, 0, 0, TimeSpan.FromHours(-5)) },
            "source sequence not the trade number" => binance with { SourceSequence = 12 },
            "empty trade id" => binance with { TradeId = "", SourceSequence = null },
            "price over 64 bits" => binance with { Price = decimal.MaxValue },
            "quantity over 64 bits" => binance with { Quantity = new decimal(0, 0, 1, isNegative: true, scale: 8) },
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "unknown scenario"),
        };
    }

    /// <summary>Every field equal in value and representation: decimal bits (scale, sign), time offsets, ordinal text.</summary>
    internal static void AssertIdentical(Trade expected, Trade actual)
    {
        Assert.Equal(expected.MessageId, actual.MessageId);
        Assert.Equal(expected.TradeId, actual.TradeId, StringComparer.Ordinal);
        Assert.Equal(expected.Symbol, actual.Symbol, StringComparer.Ordinal);
        Assert.Equal(expected.Exchange, actual.Exchange, StringComparer.Ordinal);
        Assert.Equal(expected.AssetClass, actual.AssetClass);
        Assert.Equal(expected.Timestamp, actual.Timestamp);
        Assert.Equal(expected.Timestamp.Offset, actual.Timestamp.Offset);
        Assert.Equal(decimal.GetBits(expected.Price), decimal.GetBits(actual.Price));
        Assert.Equal(decimal.GetBits(expected.Quantity), decimal.GetBits(actual.Quantity));
        Assert.Equal(expected.Currency, actual.Currency, StringComparer.Ordinal);
        Assert.Equal(expected.Side, actual.Side);
        Assert.Equal(expected.TradeConditions, actual.TradeConditions);
        Assert.Equal(expected.SourceSequence, actual.SourceSequence);
        Assert.Equal(expected.IngestionTimestamp, actual.IngestionTimestamp);
        Assert.Equal(expected.IngestionTimestamp.Offset, actual.IngestionTimestamp.Offset);
        Assert.Equal(expected.PlatformSequence, actual.PlatformSequence);
        Assert.Equal(expected.VendorData.OrderBy(e => e.Key, StringComparer.Ordinal), actual.VendorData.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.Equal(expected, actual);
    }
}
