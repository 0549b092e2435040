using Confluent.Kafka;
using Confluent.Kafka.Admin;
using K2.Kafka.Configuration;
using K2.Kafka.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace K2.Kafka.Topics;

/// <summary>
/// Creates missing topics on a real cluster through the admin API. Topics that exist (also when another process
/// created them a moment earlier) are accepted as they are; one with fewer partitions than configured is only
/// reported, because adding partitions remaps symbols to partitions and breaks per-symbol ordering.
/// </summary>
public sealed partial class AdminClientTopicProvisioner : IKafkaTopicProvisioner
{
    /// <summary>Client id suffix: <c>&lt;ClientId&gt;-admin</c>.</summary>
    public const string ClientPurpose = "admin";

    private const string LocalBrokerHint =
        "(The in-memory local broker does not implement CreateTopics: its topics are created by the host that starts it.)";

    private readonly KafkaOptions _options;
    private readonly ILogger _logger;

    public AdminClientTopicProvisioner(IOptions<KafkaOptions> options, ILogger<AdminClientTopicProvisioner> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public async Task<TopicProvisioningResult> EnsureTopicsAsync(
        IReadOnlyCollection<KafkaTopicSpec> topics,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var timeout = TimeSpan.FromMilliseconds(_options.Admin.OperationTimeoutMs);
        using var admin = new AdminClientBuilder(KafkaClientConfigs.Admin(_options, ClientPurpose))
            .SetLogHandler((_, message) => KafkaLog.Librdkafka(_logger, message))
            .Build();

        // Metadata is a blocking call in Confluent.Kafka.
        var existing = await Task.Run(() => ClusterTopics.ExistingTopics(admin, timeout), cancellationToken);
        var present = new List<string>();
        var missing = new List<KafkaTopicSpec>();
        foreach (var topic in topics)
        {
            if (existing.TryGetValue(topic.Name, out var partitions))
            {
                present.Add(topic.Name);
                if (partitions < topic.Partitions)
                {
                    LogFewerPartitions(topic.Name, partitions, topic.Partitions);
                }
            }
            else
            {
                missing.Add(topic);
            }
        }

        if (missing.Count == 0)
        {
            return new TopicProvisioningResult([], present);
        }

        var created = await CreateAsync(admin, missing, timeout, present, cancellationToken);
        foreach (var name in created)
        {
            LogCreated(name);
        }

        return new TopicProvisioningResult(created, present);
    }

    private async Task<List<string>> CreateAsync(
        IAdminClient admin,
        List<KafkaTopicSpec> missing,
        TimeSpan timeout,
        List<string> present,
        CancellationToken cancellationToken)
    {
        var specifications = missing.Select(topic => new TopicSpecification
        {
            Name = topic.Name,
            NumPartitions = topic.Partitions,
            ReplicationFactor = _options.Topics.ReplicationFactor,
            Configs = topic.Configs.Count == 0 ? null : new Dictionary<string, string>(topic.Configs, StringComparer.Ordinal),
        });
        try
        {
            await admin.CreateTopicsAsync(specifications, new CreateTopicsOptions { OperationTimeout = timeout, RequestTimeout = timeout })
                .WaitAsync(cancellationToken);
            return missing.Select(topic => topic.Name).ToList();
        }
        catch (CreateTopicsException e)
        {
            // Another process may have created some of them since the metadata was read: that is success too.
            var failures = e.Results
                .Where(result => result.Error.IsError && result.Error.Code != ErrorCode.TopicAlreadyExists)
                .Select(result => $"{result.Topic}: {result.Error.Reason} ({result.Error.Code})")
                .ToList();
            if (failures.Count > 0)
            {
                throw new InvalidOperationException(
                    $"Kafka topics could not be created: {string.Join("; ", failures)}. " + LocalBrokerHint,
                    e);
            }

            present.AddRange(e.Results.Where(result => result.Error.Code == ErrorCode.TopicAlreadyExists).Select(result => result.Topic));
            return e.Results.Where(result => !result.Error.IsError).Select(result => result.Topic).ToList();
        }
        catch (KafkaException e)
        {
            // The request as a whole failed (no controller, timeout, not authorised).
            throw new InvalidOperationException(
                $"Kafka topics {string.Join(", ", missing.Select(topic => topic.Name))} could not be created: {e.Error.Reason}. "
                + LocalBrokerHint,
                e);
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Created Kafka topic {Topic}")]
    private partial void LogCreated(string topic);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning,
        Message = "Kafka topic {Topic} has {Actual} partitions, {Configured} configured; left unchanged (adding partitions would remap symbols and break their ordering)")]
    private partial void LogFewerPartitions(string topic, int actual, int configured);
}
