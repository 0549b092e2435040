using System.Text;
using K2.Contracts.Avro;
using K2.Ingestion.DeadLetters.Cli;
using K2.Kafka.Publishing;
using K2.Kafka.Topics;
using K2.Testing;
using K2.Testing.Binance;

namespace K2.Ingestion.Tests.DeadLetters;

/// <summary><c>dlq list</c> and <c>dlq replay</c> against a real (in-memory) broker.</summary>
public sealed class DlqCommandTests
{
    private static readonly DateTimeOffset FailedAt = new(2026, 3, 10, 10, 15, 30, TimeSpan.Zero);

    [Fact]
    public async Task List_prints_each_dead_letter_with_its_id_stage_position_error_and_payload_and_honours_limit_and_stage()
    {
        await using var dlq = await DlqHarness.StartAsync();
        await dlq.DeadLetters.PublishAsync(Letter("binance", "parse", "InvalidJson: unexpected end", "{\"stream\":", "ws://x#conn-1/frame-7"), CancellationToken.None);
        await dlq.DeadLetters.PublishAsync(Letter("binance", "gap-repair", "gap repair Failed: 418", "{}", "k2.control.gaps/0@3"), CancellationToken.None);
        await dlq.DeadLetters.PublishAsync(Letter("binance", "parse", "InvalidJson: x", "{", "ws://x#conn-1/frame-9"), CancellationToken.None);

        var all = await dlq.RunAsync("list", "binance");
        var allText = dlq.Output.ToString();
        var limited = await dlq.RunAsync("list", "binance", "--limit", "1");
        var limitedText = dlq.Output.ToString();
        var gapRepair = await dlq.RunAsync("list", "binance", "--stage", "gap-repair");
        var gapRepairText = dlq.Output.ToString();

        Assert.Equal((DlqExitCodes.Ok, DlqExitCodes.Ok, DlqExitCodes.Ok), (all, limited, gapRepair));
        Assert.Contains("k2.dlq.binance/0@0  stage=parse  at=2026-03-10T10:15:30.0000000+00:00  position=ws://x#conn-1/frame-7", allText, StringComparison.Ordinal);
        Assert.Contains("  error:   InvalidJson: unexpected end", allText, StringComparison.Ordinal);
        Assert.Contains("  payload: 10 bytes: {\"stream\":", allText, StringComparison.Ordinal);
        Assert.Contains("3 dead letter(s) listed from k2.dlq.binance", allText, StringComparison.Ordinal);
        Assert.Contains("1 dead letter(s) listed", limitedText, StringComparison.Ordinal);
        Assert.DoesNotContain("@1", limitedText, StringComparison.Ordinal);
        Assert.Contains("k2.dlq.binance/0@1  stage=gap-repair", gapRepairText, StringComparison.Ordinal);
        Assert.DoesNotContain("stage=parse", gapRepairText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replayed_silo_dead_letters_go_back_to_their_original_topic_with_key_and_replay_header()
    {
        await using var dlq = await DlqHarness.StartAsync();
        var trade = TradeAvroCodec.Encode(Trades.Binance(42));
        await dlq.DeadLetters.PublishAsync(
            Letter("silo", "decode", "unknown schema", trade, $"{KafkaTopics.BinanceTrades}/3@17") with { Key = "BTCUSDT"u8.ToArray() },
            CancellationToken.None);
        await dlq.DeadLetters.PublishAsync(
            Letter("silo", "validate", "price must be positive", TradeAvroCodec.Encode(Trades.Asx(1)), $"{KafkaTopics.AsxTrades}/0@2") with { Key = "BHP"u8.ToArray() },
            CancellationToken.None);

        var dryRun = await dlq.RunAsync("replay", "silo", "--dry-run");
        var dryRunText = dlq.Output.ToString();
        var nothingYet = dlq.ReadAll(KafkaTopics.BinanceTrades).Count;
        var exitCode = await dlq.RunAsync("replay", "silo", "--stage", "decode");

        Assert.Equal((DlqExitCodes.Ok, DlqExitCodes.Ok, 0), (dryRun, exitCode, nothingYet));
        Assert.Contains("DRY RUN: 2 would replay, 0 not replayed, of 2 chosen", dryRunText, StringComparison.Ordinal);
        Assert.Contains("1 replayed, 0 not replayed, of 1 chosen", dlq.Output.ToString(), StringComparison.Ordinal);
        var replayed = Assert.Single(dlq.ReadAll(KafkaTopics.BinanceTrades));
        Assert.Equal(trade, replayed.Message.Value);
        Assert.Equal("BTCUSDT", Encoding.UTF8.GetString(replayed.Message.Key));
        Assert.Equal("k2.dlq.silo/0@0", HeaderText.Find(replayed.Message.Headers, K2Headers.ReplayedFrom));
        Assert.Empty(dlq.ReadAll(KafkaTopics.AsxTrades));
    }

    [Fact]
    public async Task Replayed_binance_frames_are_parsed_again_and_what_still_fails_or_cannot_be_replayed_is_reported_with_exit_3()
    {
        await using var dlq = await DlqHarness.StartAsync();
        var fixedFrame = BinanceTradeTape.Sample("BTCUSDT", 4_851_805_500).ToCombinedJson();
        await dlq.DeadLetters.PublishAsync(Letter("binance", "parse", "UnsupportedEvent: (before the fix)", fixedFrame, "ws://x#conn-1/frame-1"), CancellationToken.None);
        await dlq.DeadLetters.PublishAsync(Letter("binance", "parse", "InvalidJson: x", "{\"stream\":", "ws://x#conn-1/frame-2"), CancellationToken.None);
        await dlq.DeadLetters.PublishAsync(Letter("asx", "parse", "NegativeNumber", "03/11/2014,10:00:01.000,36.1,-100,0,,", "trades/7078.csv:line 2"), CancellationToken.None);

        var binance = await dlq.RunAsync("replay", "binance");
        var binanceOutput = dlq.Output.ToString();
        var binanceErrors = dlq.Errors.ToString();
        var asx = await dlq.RunAsync("replay", "asx");

        Assert.Equal((DlqExitCodes.NotAllReplayed, DlqExitCodes.NotAllReplayed), (binance, asx));
        Assert.Contains("replayed k2.dlq.binance/0@0 -> trade BINANCE-4851805500", binanceOutput, StringComparison.Ordinal);
        Assert.Contains("1 replayed, 1 not replayed, of 2 chosen", binanceOutput, StringComparison.Ordinal);
        Assert.Contains("not replayed k2.dlq.binance/0@1: InvalidJson", binanceErrors, StringComparison.Ordinal);
        Assert.Contains("run load-asx again", dlq.Errors.ToString(), StringComparison.Ordinal);
        var published = TradeAvroCodec.Decode(Assert.Single(dlq.ReadAll(KafkaTopics.BinanceTrades)).Message.Value);
        Assert.Equal((4_851_805_500L, FailedAt), (published.SourceSequence!.Value, published.IngestionTimestamp));
        // What still fails stays where it was: replay adds no dead letter.
        Assert.Single(dlq.ReadAll(KafkaTopics.DeadLetter("asx")));
        Assert.Equal(2, dlq.ReadAll(KafkaTopics.DeadLetter("binance")).Count);
    }

    [Fact]
    public async Task An_unknown_source_is_fatal_and_an_unknown_id_is_not_replayed()
    {
        await using var dlq = await DlqHarness.StartAsync();

        var unknownSource = await dlq.RunAsync("list", "nasdaq");
        var unknownSourceErrors = dlq.Errors.ToString();
        var unknownId = await dlq.RunAsync("replay", "silo", "--id", "k2.dlq.silo/0@99");

        Assert.Equal((DlqExitCodes.Fatal, DlqExitCodes.NotAllReplayed), (unknownSource, unknownId));
        Assert.Contains("unknown dead-letter source 'nasdaq'", unknownSourceErrors, StringComparison.Ordinal);
        Assert.Contains("not found: k2.dlq.silo/0@99", dlq.Errors.ToString(), StringComparison.Ordinal);
    }

    private static DeadLetter Letter(string source, string stage, string error, string payload, string position) =>
        Letter(source, stage, error, Encoding.UTF8.GetBytes(payload), position);

    private static DeadLetter Letter(string source, string stage, string error, byte[] payload, string position) =>
        new(source, stage, error, payload, position, FailedAt);
}
