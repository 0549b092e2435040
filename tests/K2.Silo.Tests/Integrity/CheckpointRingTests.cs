using K2.Silo.Grains;
using K2.Silo.Integrity;

namespace K2.Silo.Tests.Integrity;

/// <summary>
/// Flush checkpoints keep a mark in the live message-id ring's journal instead of a copy of the ring: whatever the live
/// ring did since (grew, wrapped and evicted ids, was rolled back and went on), a checkpoint's ring, a rollback to it,
/// and what is stored for it are the ring exactly as it was when it was cut.
/// </summary>
public sealed class CheckpointRingTests : IDisposable
{
    private const int Capacity = 8;
    private readonly StoredForms _stored = new();

    public void Dispose() => _stored.Dispose();

    [Fact]
    public void A_rollback_after_more_ids_were_added_and_evicted_restores_the_ring_as_it_was_cut()
    {
        var log = new Log(_stored);
        log.Add(5);
        var atFive = log.Snapshot();
        var baseCut = log.Checkpoints.Prepare("p", baseOffset: 0, throughOffset: 5, log.Live);

        // Past the capacity: the ring grows to 8 slots, wraps, and evicts the first ids (all of them present at the cut).
        log.Add(11);
        var atSixteen = log.Snapshot();
        var prepared = log.Checkpoints.Prepare("p", baseOffset: 5, throughOffset: 16, log.Live);
        log.Add(6);

        Assert.Equal(atFive.Ring, CheckpointLog<QuoteLogState>.RingOf(baseCut, log.Live));
        Assert.Equal(atSixteen.Ring, CheckpointLog<QuoteLogState>.RingOf(prepared, log.Live));

        var restored = log.RollBackTo(baseCut);

        Assert.Equal(atFive.Ring, restored.RecentMessageIds);
        Assert.Equal(atFive.Next, restored.RecentMessageIdsNext);
        Assert.Equal((true, false), (log.Window.Contains(log.Added[0]), log.Window.Contains(log.Added[5])));
        Assert.Null(log.Checkpoints.At("p", 16));
    }

    [Fact]
    public void After_a_rollback_the_log_goes_on_and_rolls_back_to_the_same_checkpoint_again_exactly()
    {
        var log = new Log(_stored);
        log.Add(3);
        var atThree = log.Snapshot();
        var baseCut = log.Checkpoints.Prepare("p", 0, 3, log.Live);
        log.Add(9);
        log.RollBackTo(baseCut);

        // A replay adds other ids than the first time (ids are unique per record, the replay carries the same ones,
        // but whatever it adds must be undone just as well), evicting the restored ids again.
        log.Add(10);
        var replayed = log.Snapshot();
        var prepared = log.Checkpoints.Prepare("p", 3, 13, log.Live);
        log.Add(2);

        Assert.Equal(replayed.Ring, CheckpointLog<QuoteLogState>.RingOf(prepared, log.Live));
        Assert.Equal(atThree.Ring, CheckpointLog<QuoteLogState>.RingOf(baseCut, log.Live));
        var restored = log.RollBackTo(baseCut);
        Assert.Equal(atThree.Ring, restored.RecentMessageIds);
        Assert.Equal(atThree.Next, restored.RecentMessageIdsNext);
    }

    [Fact]
    public void A_checkpoint_of_another_partition_cut_after_the_one_rolled_back_to_keeps_its_ring()
    {
        var log = new Log(_stored);
        log.Add(2);
        var baseCut = log.Checkpoints.Prepare("a", 0, 2, log.Live);
        log.Add(4);
        var atSix = log.Snapshot();
        var other = log.Checkpoints.Prepare("b", 0, 4, log.Live);
        log.Add(7);
        var earlierOther = log.Checkpoints.At("b", 4)!;

        log.RollBackTo(baseCut);
        log.Add(9);

        Assert.Same(other, earlierOther);
        Assert.Equal(atSix.Ring, CheckpointLog<QuoteLogState>.RingOf(other, log.Live));
    }

    [Fact]
    public void Checkpoints_stored_beside_a_cut_load_back_as_the_rings_they_were_cut_with()
    {
        var log = new Log(_stored);
        log.Add(6);
        var atSix = log.Snapshot();
        log.Checkpoints.Prepare("p", 0, 6, log.Live);
        log.Add(5);
        var atEleven = log.Snapshot();
        var prepared = log.Checkpoints.Prepare("p", 6, 11, log.Live);
        log.Add(4);

        // What LogStream.PersistCutAsync stores: the cut with its ring, the base as a delta against it.
        var stored = prepared.State!.MemberwiseCopy();
        stored.RecentMessageIds = CheckpointLog<QuoteLogState>.RingOf(prepared, log.Live);
        stored.Checkpoints = log.Checkpoints.ToPersisted(prepared, stored.RecentMessageIds, log.Live);
        var reloaded = _stored.RoundTrip(stored);
        var loaded = new CheckpointLog<QuoteLogState>(_stored.Copier<QuoteLogState>());
        loaded.Load(reloaded);

        Assert.Equal(atEleven.Ring, reloaded.RecentMessageIds);
        Assert.Equal(atEleven.Next, reloaded.RecentMessageIdsNext);
        Assert.Equal(atSix.Ring, CheckpointLog<QuoteLogState>.RingOf(loaded.At("p", 6)!, reloaded));
        Assert.Equal(atEleven.Ring, CheckpointLog<QuoteLogState>.RingOf(loaded.At("p", 11)!, reloaded));
    }

    [Fact]
    public void A_journal_longer_than_the_ring_is_dropped_and_every_checkpoint_keeps_its_ring()
    {
        var log = new Log(_stored);
        log.Add(3);
        var atThree = log.Snapshot();
        var baseCut = log.Checkpoints.Prepare("p", 0, 3, log.Live);
        log.Add(Capacity + 1);

        log.Checkpoints.Bound(log.Live);

        Assert.Null(log.Live.RecentMessageIdsJournal);
        Assert.Equal(atThree.Ring, CheckpointLog<QuoteLogState>.RingOf(baseCut, log.Live));
        var restored = log.RollBackTo(baseCut);
        Assert.Equal(atThree.Ring, restored.RecentMessageIds);
        Assert.Equal(atThree.Next, restored.RecentMessageIdsNext);
    }

    [Fact]
    public void The_journal_forgets_what_no_checkpoint_rewinds_past_and_goes_when_no_checkpoint_is_left()
    {
        var log = new Log(_stored);
        log.Add(2);
        log.Checkpoints.Prepare("p", 0, 2, log.Live);
        log.Add(3);
        log.Checkpoints.Prepare("p", 2, 5, log.Live);
        log.Add(1);

        // The base at 2 is what the table records; the cut at 5 is committing: the journal reaches back to the base.
        Assert.Equal(4, log.Live.RecentMessageIdsJournal!.Count);

        // The flush at 5 committed: the next cut drops the checkpoint at 2, and the journal the adds before 5.
        log.Checkpoints.Prepare("p", 5, 6, log.Live);
        Assert.Equal(1, log.Live.RecentMessageIdsJournal!.Count);
    }

    /// <summary>A log's live state, its message-id window and its checkpoints, fed as a tracker feeds them.</summary>
    private sealed class Log(StoredForms stored)
    {
        public QuoteLogState Live { get; private set; } = new();

        public CheckpointLog<QuoteLogState> Checkpoints { get; } = new(stored.Copier<QuoteLogState>());

        public List<Guid> Added { get; } = [];

        // Built on first use, as a tracker builds it over its state; a struct, so used through this field (by ref).
        private MessageIdWindow _window;
        private bool _windowBuilt;

        public ref MessageIdWindow Window
        {
            get
            {
                if (!_windowBuilt)
                {
                    _window = new MessageIdWindow(Live, Capacity);
                    _windowBuilt = true;
                }

                return ref _window;
            }
        }

        public void Add(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var id = Guid.NewGuid();
                Window.Add(id);
                Added.Add(id);
            }
        }

        public (Guid[] Ring, int Next) Snapshot() => (Live.RecentMessageIds.ToArray(), Live.RecentMessageIdsNext);

        public QuoteLogState RollBackTo(StateCheckpoint<QuoteLogState> checkpoint)
        {
            Live = Checkpoints.Restore(checkpoint, Live);
            _window = new MessageIdWindow(Live, Capacity);
            _windowBuilt = true;
            return Live;
        }
    }
}
