using K2.Contracts.Grains;

namespace K2.Silo.Integrity;

/// <summary>
/// Operations on the sorted, non-overlapping list of open gaps held in <see cref="SymbolIntegrityState"/>. A struct: it
/// holds only the state and a limit, so the tracker carries it inline instead of as one more object per symbol grain.
/// </summary>
internal readonly struct GapList(SymbolIntegrityState state, int maxOpenGaps)
{
    public SymbolIntegrityState State => state;

    // Reads never create the list; only a change does (most symbols never have a gap).
    private IReadOnlyList<SequenceGap> OpenGaps => state.OpenGaps;

    private List<SequenceGap> Gaps => state.WritableOpenGaps;

    public int IndexOf(long sequence)
    {
        // Binary search for the last gap starting at or before the sequence.
        int low = 0, high = OpenGaps.Count - 1, candidate = -1;
        while (low <= high)
        {
            var mid = low + ((high - low) / 2);
            if (OpenGaps[mid].From <= sequence)
            {
                candidate = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return candidate >= 0 && OpenGaps[candidate].Contains(sequence) ? candidate : -1;
    }

    /// <summary>Records a newly detected gap above every open one; returns it.</summary>
    public SequenceGap Open(long from, long to, DateTimeOffset detectedAt)
    {
        var gap = new SequenceGap(from, to, detectedAt, ++state.GapsDetected);
        Gaps.Add(gap);
        RetireOverflow();
        return gap;
    }

    /// <summary>Removes <paramref name="sequence"/> from the gap at <paramref name="index"/>, splitting it if needed.</summary>
    public void Fill(int index, long sequence)
    {
        var gap = Gaps[index];
        var below = gap.From < sequence ? gap with { To = sequence - 1 } : null;
        var above = sequence < gap.To ? gap with { From = sequence + 1 } : null;

        switch (below, above)
        {
            case (null, null):
                Gaps.RemoveAt(index);
                if (!Gaps.Exists(other => other.GapNumber == gap.GapNumber))
                {
                    state.GapsClosed++;
                }

                break;
            case ({ } lower, null):
                Gaps[index] = lower;
                break;
            case (null, { } upper):
                Gaps[index] = upper;
                break;
            case ({ } lower, { } upper):
                Gaps[index] = lower;
                Gaps.Insert(index + 1, upper);
                RetireOverflow();
                break;
        }
    }

    /// <summary>Retires every open gap, e.g. when a session ends; they stay counted but are no longer fillable.</summary>
    public void RetireAll()
    {
        foreach (var gap in OpenGaps)
        {
            Retire(gap);
        }

        state.ClearOpenGaps();
        state.UnverifiableUpTo = null;
    }

    private void RetireOverflow()
    {
        while (Gaps.Count > maxOpenGaps)
        {
            var oldest = Gaps[0];
            Gaps.RemoveAt(0);
            Retire(oldest);
            state.UnverifiableUpTo = Math.Max(state.UnverifiableUpTo ?? long.MinValue, oldest.To);
        }
    }

    private void Retire(SequenceGap gap)
    {
        state.RetiredGaps++;
        state.RetiredMissingSequences += gap.Missing;
    }
}
