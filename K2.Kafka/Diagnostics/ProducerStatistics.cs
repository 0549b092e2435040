namespace K2.Kafka.Diagnostics;

/// <summary>Totals of one producer since it was created.</summary>
/// <param name="Produced">Records handed to librdkafka.</param>
/// <param name="Delivered">Records the broker acknowledged (acks=all).</param>
/// <param name="Failed">Records whose delivery failed; any failure faults the publisher.</param>
/// <param name="QueueFullWaits">Times a publisher waited because the bounded local queue was full.</param>
/// <param name="InFlight">Records handed over but not yet acknowledged or failed.</param>
public readonly record struct ProducerStatistics(
    long Produced,
    long Delivered,
    long Failed,
    long QueueFullWaits,
    long InFlight);
