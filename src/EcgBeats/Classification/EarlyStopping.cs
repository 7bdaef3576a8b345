namespace EcgBeats.Classification;

/// <summary>What early stopping with a given patience would have done to a training that ran on: its epochs and the model it kept.</summary>
/// <param name="Patience">Epochs without a better validation macro-F1 before stopping.</param>
/// <param name="EpochsRun">Epochs it would have trained.</param>
/// <param name="KeptEpoch">The epoch whose weights it would have kept (the best up to where it stopped).</param>
/// <param name="KeptMacroF1">That epoch's validation macro-F1.</param>
/// <param name="BestMacroF1">The best validation macro-F1 of the whole recorded training.</param>
public sealed record EarlyStoppingReplay(int Patience, int EpochsRun, int KeptEpoch, double KeptMacroF1, double BestMacroF1)
{
    /// <summary>Validation macro-F1 given up by stopping there (0 when the best epoch was reached).</summary>
    public double MacroF1Lost => BestMacroF1 - KeptMacroF1;
}

/// <summary>
/// Early stopping as the deep trainer does it (stop once <c>epoch - best epoch &gt; patience</c>, keep the best epoch's
/// weights), replayed on a recorded history, so that patience is chosen from trainings that ran on past their best
/// rather than assumed (issue #26; docs/models.md).
/// </summary>
public static class EarlyStopping
{
    /// <summary>
    /// Whether a training whose best epoch so far is <paramref name="bestEpoch"/> (0: none yet) goes on to <paramref name="epoch"/>.
    /// The first epoch always runs, so that patience 0 trains one epoch rather than none.
    /// </summary>
    public static bool Continues(int epoch, int bestEpoch, int patience) => bestEpoch == 0 || epoch - bestEpoch <= patience;

    /// <summary>What patience <paramref name="patience"/> would have done to <paramref name="history"/> (epochs 1, 2, ... in order).</summary>
    /// <exception cref="ArgumentException">The history is empty.</exception>
    public static EarlyStoppingReplay Replay(IReadOnlyList<EpochRecord> history, int patience)
    {
        if (history.Count == 0) throw new ArgumentException("an empty training history", nameof(history));
        int bestEpoch = 0, run = 0;
        double bestF1 = double.NegativeInfinity;
        foreach (var record in history)
        {
            if (!Continues(record.Epoch, bestEpoch, patience)) break;
            run = record.Epoch;
            // Strictly better, as the trainer: a tie keeps the earlier epoch.
            if (record.ValidationMacroF1 > bestF1) (bestF1, bestEpoch) = (record.ValidationMacroF1, record.Epoch);
        }
        return new EarlyStoppingReplay(patience, run, bestEpoch, bestF1, history.Max(h => h.ValidationMacroF1));
    }
}
