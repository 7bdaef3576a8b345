using System.Runtime.InteropServices;
using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Io;
using EcgBeats.Metrics;
using EcgBeats.Beats;
using EcgBeats.Protocols;

namespace EcgBeats.Runs;

/// <summary>Reads what a run folder holds (datasets, model cards, evaluations, facts) into <see cref="RunResults"/>, without any model.</summary>
public static class RunReader
{
    /// <summary>Reads <paramref name="run"/>; models are listed in the order <paramref name="order"/> gives their names (e.g. the registry's).</summary>
    /// <exception cref="DirectoryNotFoundException">No such folder.</exception>
    /// <exception cref="InvalidInputException">It holds no evaluation, or a file in it is malformed.</exception>
    public static RunResults Read(RunFolder run, Func<string, int> order)
    {
        if (!Directory.Exists(run.Root)) throw new DirectoryNotFoundException($"{run.Root}: no such run folder");
        var datasets = new Dictionary<string, DatasetCard>();
        var testBeats = new Dictionary<string, LabelledBeats>();
        var results = new List<ModelResult>();
        var ec57 = new List<Ec57ModelResult>();
        foreach (string name in RunFolder.SplitNames)
        {
            var split = run.Split(name);
            if (File.Exists(split.DatasetCard))
            {
                var card = DatasetCard.Read(split.DatasetCard);
                datasets[name] = card;
                string test = Path.Combine(split.Data, card.FileFor("test"));
                if (File.Exists(test)) testBeats[name] = DatasetFiles.ReadLabelled(test);
            }
            if (!Directory.Exists(split.Evaluations)) continue;
            var models = Directory.GetDirectories(split.Evaluations).Select(Path.GetFileName).OfType<string>()
                .Where(m => File.Exists(split.EvaluationFile(m)))
                .OrderBy(order).ThenBy(m => m, StringComparer.Ordinal);
            foreach (string model in models)
            {
                results.Add(new ModelResult(name, Evaluation.Read(split.EvaluationFile(model)), CardOf(split.Model(model), model)));
                if (File.Exists(split.Ec57File(model)))
                    ec57.Add(new Ec57ModelResult(name, model, JsonFile.Read<List<Ec57Result>>(split.Ec57File(model), "EC57 scores"),
                        File.Exists(split.Ec57RhythmFile(model)) ? JsonFile.Read<Ec57Rhythm>(split.Ec57RhythmFile(model), "AF episodes and rhythm gate") : null));
            }
        }
        if (results.Count == 0)
            throw new InvalidInputException($"{run.Root}: no evaluations found (expected intra/evaluation/MODEL/metrics.json or inter/...)");
        var facts = File.Exists(run.RunFile)
            ? JsonFile.Read<Dictionary<string, string>>(run.RunFile, "a run description (JSON object of strings)")
            : new Dictionary<string, string>();
        var adaptive = File.Exists(run.AdaptiveFile) ? JsonFile.Read<AdaptiveResult>(run.AdaptiveFile, "the patient-adaptive results") : null;
        string allPatients = RunFolder.AllPatientsModel(run.Root);
        return new RunResults(RunResults.DefaultTitle, datasets, results, WithVersions(facts, results, datasets), testBeats, ec57, adaptive)
        {
            AllPatients = File.Exists(Path.Combine(allPatients, ModelCard.FileName)) ? ModelCard.Read(allPatients) : null,
        };
    }

    /// <summary>A model's card, named as in the run; a stand-in when the model folder is gone (the evaluation still reports).</summary>
    private static ModelCard CardOf(string folder, string name)
    {
        if (File.Exists(Path.Combine(folder, ModelCard.FileName))) return ModelCard.Read(folder) with { Model = name };
        return new ModelCard
        {
            Model = name, Framework = "?", Hyperparameters = new Dictionary<string, string>(),
            Representation = new Representations.KaggleMitBihRepresentation().Recipe,
        };
    }

    /// <summary>
    /// Adds what the report's "how this run was made" table shows beside the run's own facts: EcgBeats, .NET, the machine,
    /// the libraries the models were trained with (as their cards recorded them) and each dataset's recipe.
    /// </summary>
    public static Dictionary<string, string> WithVersions(Dictionary<string, string> facts, IReadOnlyList<ModelResult> results,
        IReadOnlyDictionary<string, DatasetCard> datasets)
    {
        facts.TryAdd("EcgBeats", typeof(RunReader).Assembly.GetName().Version?.ToString(3) ?? "?");
        facts.TryAdd(".NET", Environment.Version.ToString());
        facts.TryAdd("machine", $"{RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} cores");
        foreach (var (library, version) in results.SelectMany(r => r.Card.Versions).Where(v => v.Key is not ("EcgBeats" or ".NET")))
            facts.TryAdd(library, version);
        foreach (var (split, card) in datasets)
            facts.TryAdd($"{split} dataset", $"{card.Representation.Describe()}; seed {card.Seed}; {card.SplitDescription}");
        return facts;
    }
}
