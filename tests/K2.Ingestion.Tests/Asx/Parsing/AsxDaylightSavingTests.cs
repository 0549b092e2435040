using System.Text;
using K2.Ingestion.Asx.Parsing;
using K2.Ingestion.Tests.Asx.Support;

namespace K2.Ingestion.Tests.Asx.Parsing;

/// <summary>
/// Sydney left daylight time at 03:00 AEDT on Sunday 6 April 2014 (back to 02:00 AEST) and re-entered it at
/// 02:00 AEST on Sunday 5 October 2014 (on to 03:00 AEDT). Rows go through the trade parser, as in a load.
/// </summary>
public sealed class AsxDaylightSavingTests
{
    private readonly AsxTradeParser _parser = new(AsxSample.Clock(), cacheCapacity: 64);
    private readonly AsxFileContext _bhp = new("7078", "BHP", cacheCapacity: 64);

    [Theory]
    [InlineData("03/11/2014", "10:00:00.000", "2014-03-10T23:00:00.000Z")] // AEDT, UTC+11
    [InlineData("04/04/2014", "16:00:00.000", "2014-04-04T05:00:00.000Z")] // last trading day before the change
    [InlineData("04/06/2014", "01:59:59.999", "2014-04-05T14:59:59.999Z")] // still AEDT
    [InlineData("04/06/2014", "03:00:00.000", "2014-04-05T17:00:00.000Z")] // AEST, UTC+10
    [InlineData("04/07/2014", "10:00:00.000", "2014-04-07T00:00:00.000Z")] // first trading day after the change
    [InlineData("10/03/2014", "16:00:00.000", "2014-10-03T06:00:00.000Z")] // AEST before the October change
    [InlineData("10/05/2014", "03:00:00.000", "2014-10-04T16:00:00.000Z")] // AEDT again
    [InlineData("10/06/2014", "10:00:00.000", "2014-10-05T23:00:00.000Z")]
    public void Local_times_convert_with_the_offset_in_force_on_that_side_of_the_transition(string date, string time, string utc)
    {
        var trade = Parse($"{date},{time},36.1,100,0,,");

        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), trade.Timestamp);
        Assert.Equal(TimeSpan.Zero, trade.Timestamp.Offset);
    }

    [Theory]
    [InlineData("02:00:00.000", "2014-04-05T15:00:00.000Z")]
    [InlineData("02:30:00.000", "2014-04-05T15:30:00.000Z")]
    [InlineData("02:59:59.999", "2014-04-05T15:59:59.999Z")]
    public void An_ambiguous_local_time_takes_the_earlier_instant_the_daylight_offset(string time, string utc)
    {
        var trade = Parse($"04/06/2014,{time},36.1,100,0,,");

        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), trade.Timestamp);
    }

    [Theory]
    [InlineData("02:00:00.000")]
    [InlineData("02:30:00.000")]
    [InlineData("02:59:59.999")]
    public void A_local_time_skipped_when_clocks_go_forward_is_rejected(string time)
    {
        var row = Encoding.ASCII.GetBytes($"10/05/2014,{time},36.1,100,0,,");

        Assert.False(_parser.TryParse(row, _bhp, DateTimeOffset.UnixEpoch, out _, out var error));
        Assert.Equal(AsxRowErrorKind.NonexistentLocalTime, error.Kind);
    }

    private K2.Contracts.Model.Trade Parse(string row)
    {
        Assert.True(_parser.TryParse(Encoding.ASCII.GetBytes(row), _bhp, DateTimeOffset.UnixEpoch, out var trade, out var error), error.ToString());
        return trade;
    }
}
