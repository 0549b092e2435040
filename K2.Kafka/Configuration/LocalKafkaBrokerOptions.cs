using System.ComponentModel.DataAnnotations;

namespace K2.Kafka.Configuration;

/// <summary>
/// The in-memory local broker a development host starts (never production), bound from <c>K2:Kafka:LocalBroker</c>.
/// </summary>
public sealed class LocalKafkaBrokerOptions
{
    /// <summary>Brokers in the mock cluster; more than one only matters for testing leader/broker failures.</summary>
    [Range(1, 16)]
    public int BrokerCount { get; set; } = 1;
}
