namespace K2.Silo.Integrity;

/// <summary>
/// Set only in a stored log state whose ring is stored against a base row: which slot holds the base and which write of
/// it (its <see cref="MessageIdRingBase.Id"/>), and where the ring stood then. The state's
/// <see cref="IMessageIdRing.RecentMessageIdsDelta"/> holds the slots written since.
/// </summary>
[GenerateSerializer]
public sealed class MessageIdRingBaseRef
{
    [Id(0)] public int Slot { get; set; }

    [Id(1)] public Guid Id { get; set; }

    /// <summary>The ring's <see cref="IMessageIdRing.RecentMessageIdsAdded"/> when the base was written.</summary>
    [Id(2)] public long Added { get; set; }

    /// <summary>The ring's <see cref="IMessageIdRing.RecentMessageIdsNext"/> when the base was written.</summary>
    [Id(3)] public int Next { get; set; }
}
