using K2.Kafka.Producing;

namespace K2.Kafka.Tests.Producing;

public sealed class InFlightTrackerTests
{
    [Fact]
    public async Task A_drain_completes_only_when_every_record_counted_before_or_during_it_is_done()
    {
        var tracker = new InFlightTracker();
        tracker.Add();
        tracker.Add();

        var drained = tracker.WhenDrainedAsync(CancellationToken.None);
        tracker.Remove();
        tracker.Add();
        tracker.Remove();
        Assert.False(drained.IsCompleted);

        tracker.Remove();
        await drained;
        Assert.Equal(0, tracker.Count);
        Assert.True(tracker.WhenDrainedAsync(CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_pulse_wakes_everyone_waiting_for_queue_space()
    {
        var signal = new QueueSpaceSignal();
        var first = signal.Next();
        var second = signal.Next();
        Assert.False(first.IsCompleted);

        signal.Pulse();

        await Task.WhenAll(first, second);
        Assert.False(signal.Next().IsCompleted);
    }
}
