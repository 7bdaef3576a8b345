using System.Globalization;
using EcgBeats.Classification;

namespace EcgBeats.Benchmarks.Torch;

/// <summary>
/// Patience chosen by measurement (issue #26): <c>dotnet run -c Release --project bench/EcgBeats.Benchmarks -- patience
/// RUN_FOLDER...</c> reads every network's card in the run folders (trained with a patience longer than their epochs, so
/// that each history runs on past its best) and replays early stopping (<see cref="EarlyStopping.Replay"/>) with
/// patience 1-10: per patience, the epochs each training would have run and the validation macro-F1 it would have
/// given up against the best of its whole history.
/// </summary>
internal static class PatienceReplay
{
    public static void Run(string[] runFolders)
    {
        var histories = new List<(string Name, IReadOnlyList<EpochRecord> History)>();
        foreach (string run in runFolders)
            foreach (string card in Directory.EnumerateFiles(run, ModelCard.FileName, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var read = ModelCard.Read(Path.GetDirectoryName(card)!);
                if (read.History is { Count: > 0 } history)
                    histories.Add(($"{Path.GetFileName(run)}/{Path.GetRelativePath(run, Path.GetDirectoryName(card)!)}", history));
            }
        Console.WriteLine("| training | epochs | best epoch | " + string.Join(" | ", Enumerable.Range(1, 10).Select(p => $"P={p}")) + " |");
        Console.WriteLine("|---|---:|---:|" + string.Concat(Enumerable.Repeat("---:|", 10)));
        foreach (var (name, history) in histories)
        {
            int best = EarlyStopping.Replay(history, int.MaxValue).KeptEpoch;
            var cells = Enumerable.Range(1, 10).Select(p => EarlyStopping.Replay(history, p)).Select(r =>
                r.MacroF1Lost == 0 ? $"{r.EpochsRun}" : string.Create(CultureInfo.InvariantCulture, $"{r.EpochsRun} (-{r.MacroF1Lost:0.0000})"));
            Console.WriteLine($"| {name} | {history.Count} | {best} | {string.Join(" | ", cells)} |");
        }
        Console.WriteLine();
        Console.WriteLine("Each cell: epochs run with that patience (and the validation macro-F1 given up, where the best epoch was not reached).");
        foreach (int p in Enumerable.Range(1, 10))
        {
            var replays = histories.Select(h => EarlyStopping.Replay(h.History, p)).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"P={p}: {replays.Sum(r => r.EpochsRun)} of {histories.Sum(h => h.History.Count)} epochs, macro-F1 given up: largest {replays.Max(r => r.MacroF1Lost):0.000}, mean {replays.Average(r => r.MacroF1Lost):0.0000}"));
        }
    }
}
