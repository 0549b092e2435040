using System.Text;
using K2.Contracts.Avro;
using K2.Kafka.DeadLetters;
using K2.Kafka.Publishing;
using K2.Kafka.Tests.Infrastructure;
using K2.Kafka.Topics;
using Microsoft.Extensions.Logging.Abstractions;

namespace K2.Kafka.Tests.DeadLetters;

public sealed class DeadLetterToolingTests
{
    private static readonly DateTimeOffset FailedAt = new(2026, 3, 10, 10, 15, 30, 123, 456, TimeSpan.Zero);

    [Fact]
    public async Task Dead_letters_are_listed_with_payload_and_headers_intact_and_listing_moves_nothing()
    {
        using var cluster = await KafkaTestCluster.StartAsync();
        var letters = new[]
        {
            Letter("ws:btcusdt@trade#frame-1042", "{\"e\":\"trade\",\"p\":\"NaN\"}", "price is not a number"),
            Letter("ws:ethusdt@trade#frame-7", "\u0001\u0002 not json", "unexpected token") with { Key = "ETHUSDT"u8.ToArray() },
            Letter("ws:btcusdt@trade#frame-1043", string.Empty, "empty frame"),
        };
        await using (var publisher = cluster.CreateDeadLetterPublisher())
        {
            foreach (var letter in letters)
            {
                await publisher.PublishAsync(letter, CancellationToken.None);
            }

            // Each publish returned only after the broker acknowledged it.
            Assert.Equal(3, publisher.Statistics.Delivered);
        }

        var reader = new DeadLetterReader(cluster.Wrapped, NullLogger<DeadLetterReader>.Instance);
        var listed = await reader.ListAsync("binance", maxCount: 100, CancellationToken.None);
        var again = await reader.ListAsync("binance", maxCount: 100, CancellationToken.None);

        Assert.Equal(letters.Length, listed.Count);
        for (var i = 0; i < letters.Length; i++)
        {
            var expected = letters[i];
            var actual = listed[i].Letter;
            Assert.Equal(KafkaTopics.DeadLetter("binance"), listed[i].Topic);
            Assert.Equal(expected.Source, actual.Source);
            Assert.Equal(expected.Stage, actual.Stage);
            Assert.Equal(expected.Error, actual.Error);
            Assert.Equal(expected.SourcePosition, actual.SourcePosition);
            Assert.Equal(expected.FailedAt, actual.FailedAt);
            Assert.Equal(expected.Payload.ToArray(), actual.Payload.ToArray());
            Assert.Equal(expected.Key.ToArray(), actual.Key.ToArray());
        }

        Assert.Equal(listed.Select(record => record.Id), again.Select(record => record.Id));
    }

    [Fact]
    public async Task Listing_stops_at_max_count_and_an_empty_dead_letter_topic_lists_nothing()
    {
        using var cluster = await KafkaTestCluster.StartAsync();
        await using (var publisher = cluster.CreateDeadLetterPublisher())
        {
            for (var i = 0; i < 5; i++)
            {
                await publisher.PublishAsync(Letter($"frame-{i}", $"payload {i}", "bad"), CancellationToken.None);
            }
        }

        var reader = new DeadLetterReader(cluster.Wrapped, NullLogger<DeadLetterReader>.Instance);

        var firstTwo = await reader.ListAsync("binance", maxCount: 2, CancellationToken.None);
        var none = await reader.ListAsync("asx", maxCount: 100, CancellationToken.None);

        Assert.Equal(["frame-0", "frame-1"], firstTwo.Select(record => record.Letter.SourcePosition));
        Assert.Empty(none);
    }

    [Fact]
    public async Task Chosen_dead_letters_are_replayed_to_a_target_topic_with_their_key_and_origin()
    {
        using var cluster = await KafkaTestCluster.StartAsync();
        await using (var publisher = cluster.CreateDeadLetterPublisher())
        {
            await publisher.PublishAsync(Letter("p-1", "first", "bad") with { Key = "BTCUSDT"u8.ToArray() }, CancellationToken.None);
            await publisher.PublishAsync(Letter("p-2", "second, still broken", "bad"), CancellationToken.None);
            await publisher.PublishAsync(Letter("p-3", "third", "bad") with { Key = "ETHUSDT"u8.ToArray() }, CancellationToken.None);
        }

        var reader = new DeadLetterReader(cluster.Wrapped, NullLogger<DeadLetterReader>.Instance);
        var chosen = (await reader.ListAsync("binance", 100, CancellationToken.None))
            .Where(record => record.Letter.SourcePosition != "p-2")
            .ToList();
        var replayer = new DeadLetterReplayer(cluster.Wrapped, NullLogger<DeadLetterReplayer>.Instance);

        var replayed = await replayer.ReplayAsync(chosen, KafkaTopics.BinanceTrades, CancellationToken.None, schemaName: MarketDataSchemas.Trade.FullName);

        Assert.Equal(2, replayed);
        Assert.Equal(2, cluster.Reader.Count(KafkaTopics.BinanceTrades));
        var records = (await cluster.Reader.ReadAsync(KafkaTopics.BinanceTrades, 2))
            .OrderBy(record => Encoding.UTF8.GetString(record.Message.Value!))
            .ToList();
        Assert.Equal(["first", "third"], records.Select(record => Encoding.UTF8.GetString(record.Message.Value!)));
        Assert.Equal(["BTCUSDT", "ETHUSDT"], records.Select(record => Encoding.UTF8.GetString(record.Message.Key!)));
        Assert.Equal(
            chosen.Select(record => record.Id).Order(),
            records.Select(record => HeaderText.Find(record.Message.Headers, K2Headers.ReplayedFrom)).Order());
        Assert.All(records, record =>
        {
            Assert.Equal("binance", HeaderText.Find(record.Message.Headers, K2Headers.Source));
            Assert.Equal(MarketDataSchemas.Trade.FullName, HeaderText.Find(record.Message.Headers, K2Headers.Schema));
        });
    }

    [Fact]
    public async Task A_dead_letter_for_a_source_without_a_topic_is_refused()
    {
        using var cluster = await KafkaTestCluster.StartAsync();
        await using var publisher = cluster.CreateDeadLetterPublisher();

        await Assert.ThrowsAsync<ArgumentException>(
            async () => await publisher.PublishAsync(Letter("x", "y", "z") with { Source = "nyse" }, CancellationToken.None));
    }

    private static DeadLetter Letter(string position, string payload, string error) =>
        new("binance", "parse", error, Encoding.UTF8.GetBytes(payload), position, FailedAt);
}
