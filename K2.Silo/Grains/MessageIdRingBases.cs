using K2.Contracts.Grains;
using K2.Silo.Integrity;
using Orleans.Core;
using Orleans.Storage;

namespace K2.Silo.Grains;

/// <summary>
/// Where a log's long message-id ring is stored: whole in one of two base rows of its own, written now and then, with
/// the log's main state carrying only the ids added since (<see cref="MessageIdRingBaseRef"/>). A full ring is 64 KB,
/// and stored whole it made every flush write 64 KB per symbol however few ids the symbol added (docs/benchmarks.md,
/// "Session 13 (lead)" under Freshness).
/// </summary>
/// <remarks>
/// <para>
/// Crash safety: a new base goes to the slot the stored main state does not name, and a main state names it only once
/// the base's write has completed. A crash between the two writes leaves the stored main state and the base it names
/// as they were; a crash during the main write leaves either the old main state (its base untouched) or the new one.
/// Two activations of one grain (briefly possible while the cluster's membership changes): one that is behind reads the
/// main row's version before it writes a base and stops (<see cref="WriteBaseAsync"/>); two that are both current and
/// write bases at the same moment could still leave the stored state naming a base the other overwrote, which a read
/// then reports and gets past with the ids added since the base (<see cref="ResolveAsync"/>).
/// </para>
/// <para>
/// A base serves the states whose ring it is plus adds alone: written in the same lineage (no rollback since, see
/// <see cref="CheckpointLog{TState}.Lineage"/>), and at most <see cref="IntegrityOptions.RingBaseMaxAddedIds"/> adds
/// on. Any other state gets a new base first, or, when its ring moves so fast that a new base would be outdated by the
/// next write, is stored whole as before.
/// </para>
/// </remarks>
internal sealed class MessageIdRingBases
{
    private const int SlotCount = 2;
    private const int NoSlot = -1;

    private readonly IStorage<MessageIdRingBase>?[] _slots = new IStorage<MessageIdRingBase>?[SlotCount];
    private MessageIdRingBaseRef? _current;
    private int _currentLineage;

    // The base slot the main state in storage names; a new base must not overwrite it.
    private int _storedSlot = NoSlot;

    // RecentMessageIdsAdded of the last state written (or read); null before the first.
    private long? _lastWritten;

    /// <summary>The row name of base slot <paramref name="slot"/> of the state stored as <paramref name="stateName"/>.</summary>
    public static string RowName(string stateName, int slot) => $"{stateName}.ring{slot}";

    /// <summary>
    /// Rebuilds the ring of a state just read whose ring is stored against a base row, from that row. The reference stays
    /// on the state for the log to take over (<see cref="TakeOver"/>). A base row that is gone or holds another base
    /// (only a second, concurrent activation of the grain could have written it, see <see cref="WriteBaseAsync"/>) is
    /// logged and leaves the ring with the ids added since the base only: the log's sequence checks still recognise
    /// older redeliveries, where failing the read would leave the symbol, and its partition, unable to go on.
    /// </summary>
    public static async Task ResolveAsync(IMessageIdRing state, IMessageIdRingBaseRows rows, string stateName, SymbolKey symbol, ILogger logger)
    {
        if (state.RecentMessageIdsBase is not { } reference)
        {
            return;
        }

        if (state.RecentMessageIdsDelta is not { } delta || reference.Slot is < 0 or >= SlotCount)
        {
            throw new InvalidDataException($"The stored state '{stateName}' names message-id ring base slot {reference.Slot} but is not stored against one.");
        }

        var name = RowName(stateName, reference.Slot);
        var row = rows.OpenRow<MessageIdRingBase>(name);
        await row.ReadStateAsync();
        var found = row.State?.Id ?? Guid.Empty;
        if (found == reference.Id)
        {
            state.RecentMessageIds = delta.ApplyTo(MessageIdBytes.ToIds(row.State!.Ids));
        }
        else
        {
            LogStreamLog.RingBaseLost(logger, symbol, stateName, reference.Id, name, found);
            state.RecentMessageIds = delta.ApplyTo([]);
            state.RecentMessageIdsBase = null;
        }

        state.RecentMessageIdsDelta = null;
    }

    /// <summary>The bases of a state read from storage (<see cref="ResolveAsync"/> ran), if it has one; clears its reference.</summary>
    public static MessageIdRingBases? TakeOver(IMessageIdRing state, int lineage)
    {
        if (state.RecentMessageIdsBase is not { } reference)
        {
            return null;
        }

        state.RecentMessageIdsBase = null;
        return new MessageIdRingBases
        {
            _current = reference,
            _currentLineage = lineage,
            _storedSlot = reference.Slot,
            _lastWritten = state.RecentMessageIdsAdded,
        };
    }

    /// <summary>The live ring no longer descends from the current base by adds (it was compacted): the next write rebases.</summary>
    public void Forget() => _current = null;

    /// <summary>
    /// What to store for <paramref name="state"/>, a state of <paramref name="lineage"/> whose ring is at least
    /// <see cref="IntegrityOptions.RingBaseMinimumIds"/> long: a copy carrying the ids added since a base (written first
    /// when needed), or the state itself to store whole.
    /// </summary>
    public async ValueTask<TState> ToStoredAsync<TState>(TState state, int lineage, IStorage<TState> main, IMessageIdRingBaseRows rows, LogKind<TState> kind)
        where TState : class, ILogState<TState>
    {
        var ring = state.RecentMessageIds;
        var added = state.RecentMessageIdsAdded;
        var maxAdded = Math.Min(kind.Integrity.RingBaseMaxAddedIds, ring.Length);
        var since = added - (_current?.Added ?? 0);
        if (_current is null || _currentLineage != lineage || since < 0 || since > maxAdded)
        {
            // A ring that moved more than half the bound since the last write would outdate a new base within a write
            // or two: two writes, one of them the whole ring, instead of one. Before a first write there is no pace to
            // go by (a backlog's first flush moves every ring by thousands): stored whole, the next write decides.
            if (_lastWritten is not { } last || added - last > maxAdded / 2)
            {
                return state;
            }

            _current = await WriteBaseAsync(ring, added, state.RecentMessageIdsNext, main, rows, kind.StateName);
            _currentLineage = lineage;
            since = 0;
        }

        var stored = state.MemberwiseCopy();
        stored.RecentMessageIds = [];
        stored.RecentMessageIdsDelta = MessageIdRingDelta.OfAdds(ring, _current.Next, (int)since);
        stored.RecentMessageIdsBase = _current;
        return stored;
    }

    /// <summary>Records that <paramref name="stored"/> (what <see cref="ToStoredAsync"/> returned, or a state stored whole) is in storage.</summary>
    public void Written(IMessageIdRing stored)
    {
        _storedSlot = stored.RecentMessageIdsBase?.Slot ?? NoSlot;
        _lastWritten = stored.RecentMessageIdsAdded;
    }

    /// <summary>
    /// Writes <paramref name="ring"/> as a new base to the slot the stored main state does not name, once the main row is
    /// seen to be at the version this activation last wrote or read: a second activation of the grain (possible briefly
    /// while the cluster's membership changes) that is behind would otherwise overwrite the base the current state
    /// names, before its own main write failed on the version. Costs a read of the main row per base written.
    /// </summary>
    private async Task<MessageIdRingBaseRef> WriteBaseAsync<TState>(
        Guid[] ring, long added, int next, IStorage<TState> main, IMessageIdRingBaseRows rows, string stateName)
    {
        var stored = rows.OpenRow<TState>(stateName);
        await stored.ReadStateAsync();
        if (stored.Etag != main.Etag)
        {
            throw new InconsistentStateException(
                $"The stored state '{stateName}' changed since this activation last wrote it: another activation wrote it; not writing a message-id ring base.",
                stored.Etag,
                main.Etag);
        }

        var slot = _storedSlot == 0 ? 1 : 0;

        // Read once per activation before the first write: the row's version (Orleans' ETag) may be from any earlier one.
        var row = _slots[slot] ??= await ReadAsync(rows.OpenRow<MessageIdRingBase>(RowName(stateName, slot)));
        var written = new MessageIdRingBase { Id = Guid.NewGuid(), Ids = MessageIdBytes.From(ring) };
        row.State = written;
        try
        {
            await row.WriteStateAsync();
        }
        finally
        {
            // Storage keeps the row's version, not its 64 KB of ids.
            row.State = new MessageIdRingBase();
        }

        return new MessageIdRingBaseRef { Slot = slot, Id = written.Id, Added = added, Next = next };
    }

    private static async Task<IStorage<MessageIdRingBase>> ReadAsync(IStorage<MessageIdRingBase> row)
    {
        await row.ReadStateAsync();
        row.State = new MessageIdRingBase();
        return row;
    }
}
