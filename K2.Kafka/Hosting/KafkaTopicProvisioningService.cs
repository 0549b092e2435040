using K2.Kafka.Configuration;
using K2.Kafka.Topics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace K2.Kafka.Hosting;

/// <summary>
/// Creates K2's missing topics when the host starts, before anything publishes (hosted services start in order of
/// registration, and this one is registered by <c>AddK2Kafka</c>). A failure stops the host.
/// </summary>
internal sealed class KafkaTopicProvisioningService(IKafkaTopicProvisioner provisioner, IOptions<KafkaOptions> options)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Admin.ProvisionTopicsOnStart)
        {
            await provisioner.EnsureTopicsAsync(KafkaTopicCatalog.Create(options.Value.Topics), cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
