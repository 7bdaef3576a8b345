using EcgBeats.Classification;

namespace EcgBeats.Tests.Classification;

public sealed class EarlyStoppingTests
{
    private static List<EpochRecord> History(params double[] f1) =>
        f1.Select((v, i) => new EpochRecord(i + 1, 0, 0, 0, 0, v, 0, 1)).ToList();

    [Fact]
    public void ReplayStopsWhereTheTrainerWouldAndKeepsTheBestEpochSoFar()
    {
        // The quick run's inter-patient LSTM before #26's changes (2026-12-07, rounded): best 0.452 at epoch 2 until 0.464 at 10.
        var history = History(0.442, 0.452, 0.341, 0.404, 0.421, 0.420, 0.360, 0.418, 0.394, 0.464, 0.435, 0.375, 0.386, 0.336);

        // Worked by hand: with patience 5 the last epoch run is 2 + 5 = 7 (epoch 8 would be 6 past the best), keeping epoch 2.
        Assert.Equal(new EarlyStoppingReplay(5, 7, 2, 0.452, 0.464), Replay(history, 5));
        // Patience 8 reaches epoch 10, then runs 8 more: all 14 recorded epochs, keeping epoch 10.
        Assert.Equal(new EarlyStoppingReplay(8, 14, 10, 0.464, 0.464), Replay(history, 8));
        Assert.Equal(0.012, Replay(history, 5).MacroF1Lost, 9);
        Assert.Equal(0, Replay(history, 8).MacroF1Lost);
        // Patience 0 allows no epoch past the best so far: the trainer stops after epoch 1 whatever follows.
        Assert.Equal(1, Replay(history, 0).EpochsRun);
    }

    [Fact]
    public void ATieKeepsTheEarlierEpochAsTheTrainerDoes()
    {
        var replay = Replay(History(0.5, 0.6, 0.6, 0.55), 1);

        Assert.Equal(2, replay.KeptEpoch);
        Assert.Equal(3, replay.EpochsRun);
    }

    [Fact]
    public void AnEmptyHistoryIsRefused() => Assert.Throws<ArgumentException>(() => EarlyStopping.Replay([], 3));

    private static EarlyStoppingReplay Replay(List<EpochRecord> history, int patience) => EarlyStopping.Replay(history, patience);
}
