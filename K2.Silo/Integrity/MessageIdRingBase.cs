namespace K2.Silo.Integrity;

/// <summary>
/// A log's message-id ring as it stood at one write, stored in a grain state row of its own (one of two slots, see
/// <see cref="Grains.MessageIdRingBases"/>): the log's main state then carries only the ids added since
/// (<see cref="MessageIdRingBaseRef"/>), instead of the whole ring at every flush.
/// </summary>
[GenerateSerializer]
public sealed class MessageIdRingBase
{
    /// <summary>Drawn anew at every write: the main state names the base it was stored against by it.</summary>
    [Id(0)] public Guid Id { get; set; }

    /// <summary>The ring's slots (see <see cref="MessageIdBytes"/>).</summary>
    [Id(1)] public byte[] Ids { get; set; } = [];
}
