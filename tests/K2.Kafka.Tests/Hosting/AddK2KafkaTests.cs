using K2.Contracts.Model;
using K2.Kafka.Consuming;
using K2.Kafka.DeadLetters;
using K2.Kafka.Hosting;
using K2.Kafka.Publishing;
using K2.Kafka.Serialization;
using K2.Kafka.Tests.Infrastructure;
using K2.Kafka.Topics;
using K2.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace K2.Kafka.Tests.Hosting;

public sealed class AddK2KafkaTests
{
    [Fact]
    public async Task A_host_wired_with_AddK2Kafka_provisions_at_start_publishes_and_flushes_on_shutdown()
    {
        using var cluster = await KafkaTestCluster.StartAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:kafka"] = cluster.Options.BootstrapServers;
        builder.Services.AddK2Kafka(builder.Configuration);

        using (var host = builder.Build())
        {
            await host.StartAsync();
            var publisher = host.Services.GetRequiredService<IMarketDataPublisher>();
            Assert.Same(host.Services.GetRequiredService<KafkaMarketDataPublisher>(), publisher);
            Assert.IsType<KafkaDeadLetterPublisher>(host.Services.GetRequiredService<IDeadLetterPublisher>());
            Assert.NotNull(host.Services.GetRequiredService<KafkaConsumerFactory>());
            Assert.NotNull(host.Services.GetRequiredService<DeadLetterReader>());
            Assert.NotNull(host.Services.GetRequiredService<DeadLetterReplayer>());
            Assert.IsType<AvroTradeSerializer>(host.Services.GetRequiredService<IRecordSerializer<Trade>>());
            Assert.IsType<AvroQuoteSerializer>(host.Services.GetRequiredService<IRecordSerializer<Quote>>());

            for (var i = 1; i <= 50; i++)
            {
                await publisher.PublishTradeAsync(Trades.Binance(i), CancellationToken.None);
            }

            // No explicit flush: stopping and disposing the host must drain the producer.
            await host.StopAsync();
        }

        Assert.Equal(50, cluster.Reader.Count(KafkaTopics.BinanceTrades));
    }
}
