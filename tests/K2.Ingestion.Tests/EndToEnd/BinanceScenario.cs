using K2.Testing.Binance;

namespace K2.Ingestion.Tests.EndToEnd;

/// <summary>A malformed frame the feed must dead-letter: its text, the parse error code, and where it was sent.</summary>
internal sealed record MalformedFrame(string Text, string ErrorCode, int Connection, int Frame);

/// <summary>
/// A replayed Binance session with the faults live feeds have, and what it must produce, derived from the script
/// itself. BTCUSDT trade ids are the tape's first..first+19; ETHUSDT streams six clean trades.
/// <list type="bullet">
/// <item>connection 1: ids +0..+2, ETH 0..2, a truncated frame, ids +5 and +6 (gap +3..+4), id +2 again (duplicate),
/// id +7 with a negative price (dead-lettered, so a gap of one), ids +8 and +9; then the connection drops;</item>
/// <item>connection 2: id +9 again (the reconnect overlap: duplicate), ids +12..+19 (+10 and +11 were traded during the
/// outage: a gap), ETH 3..5.</item>
/// </list>
/// </summary>
internal sealed class BinanceScenario
{
    private const string Btc = "BTCUSDT";
    private const string Eth = "ETHUSDT";

    private readonly List<MalformedFrame> _malformed = [];

    private BinanceScenario()
    {
    }

    /// <summary>Every BTCUSDT id that must end up accepted once, ascending.</summary>
    public IReadOnlyList<long> BtcIds { get; private set; } = [];

    public IReadOnlyList<long> EthIds { get; private set; } = [];

    /// <summary>Ids missing from the live stream, which only gap repair can supply.</summary>
    public IReadOnlyList<long> Backfilled { get; private set; } = [];

    /// <summary>Ids sent a second time.</summary>
    public IReadOnlyList<long> Resent { get; private set; } = [];

    /// <summary>The gaps the grain must see, in the order it sees them.</summary>
    public IReadOnlyList<(long From, long To)> Gaps { get; private set; } = [];

    public IReadOnlyList<MalformedFrame> Malformed => _malformed;

    public static BinanceScenario Script(FakeBinanceServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var scenario = new BinanceScenario();
        var btc = server.Tape.Take(Btc, 20);
        var eth = server.Tape.Take(Eth, 6);
        var negative = btc[7].ToCombinedJson().Replace($"\"p\":\"{btc[7].Price}\"", "\"p\":\"-1.00000000\"", StringComparison.Ordinal);
        const string truncated = "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":17";

        var first = new List<object> { btc[0], btc[1], btc[2], eth[0], eth[1], eth[2], new MalformedFrame(truncated, "InvalidJson", 1, 0), btc[5], btc[6], btc[2], new MalformedFrame(negative, "NonPositiveValue", 1, 0), btc[8], btc[9] };
        var second = new List<object> { btc[9] };
        second.AddRange(btc[12..]);
        second.AddRange(eth[3..]);

        server.EnqueueSession(script => Send(scenario, script, first, connection: 1).Sync().Drop());
        server.EnqueueSession(script => Send(scenario, script, second, connection: 2));

        scenario.BtcIds = [.. btc.Select(trade => trade.Id)];
        scenario.EthIds = [.. eth.Select(trade => trade.Id)];
        scenario.Backfilled = [btc[3].Id, btc[4].Id, btc[7].Id, btc[10].Id, btc[11].Id];
        scenario.Resent = [btc[2].Id, btc[9].Id];
        scenario.Gaps = [(btc[3].Id, btc[4].Id), (btc[7].Id, btc[7].Id), (btc[10].Id, btc[11].Id)];
        return scenario;
    }

    /// <summary>Queues the messages in order; a malformed frame is recorded with its 1-based frame number.</summary>
    private static FakeBinanceScript Send(BinanceScenario scenario, FakeBinanceScript script, List<object> messages, int connection)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            switch (messages[i])
            {
                case BinanceTradeSample trade:
                    script.SendTrades(trade);
                    break;
                case MalformedFrame frame:
                    script.SendText(frame.Text);
                    scenario._malformed.Add(frame with { Connection = connection, Frame = i + 1 });
                    break;
            }
        }

        return script;
    }
}
