using System.Diagnostics;
using EcgBeats.Adaptation;
using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Io;
using EcgBeats.Metrics;
using EcgBeats.Models;
using EcgBeats.Protocols;

namespace EcgBeats.Runs;

/// <summary>
/// The main job behind <c>ecgbeats run</c>: for the intra- and the inter-patient split, build the dataset, train every
/// model kind of the registry and the ensembles, evaluate each on the test set and (inter) on whole DS2 records; the
/// results come back for a report (<c>EcgBeats.Reports</c>' <c>ReportWriter</c>). Everything stays in memory from one
/// step to the next; the disk is read only to resume. Each step leaves a <see cref="StepStamp"/> hashing every input
/// that shapes its output and is skipped while that stamp still matches, so an interrupted run goes on where it stopped
/// and a changed option reruns exactly the steps it touches.
/// </summary>
/// <param name="registry">The kinds to train (every kind that trains on beats alone, then the ensembles).</param>
/// <param name="dataDirectory">The MIT-BIH records.</param>
/// <param name="run">Where every step's output and stamp go.</param>
/// <param name="profile">How much work: the options of each kind and the training beats kept.</param>
/// <param name="seed">Seed of every random choice.</param>
/// <param name="force">Redo every step, even those whose stamps match.</param>
public sealed class MainJob(ModelRegistry registry, string dataDirectory, RunFolder run, RunProfile profile, int seed, bool force)
{
    /// <summary>The share of each class of the training data every model holds out for validation.</summary>
    public const double ValidationFraction = 0.1;

    /// <summary>Bootstrap resamples behind each evaluation's intervals.</summary>
    private const int BootstrapResamples = 1000;

    private readonly List<ModelResult> _results = [];
    private readonly Dictionary<string, DatasetCard> _datasets = [];
    private readonly Dictionary<string, LabelledBeats> _testBeats = [];
    private readonly List<Ec57ModelResult> _ec57 = [];
    private Ec57Evaluation? _prepared;
    private StepClaims? _claims;       // two processes share the run folder: each step is claimed by the one doing it
    private DateTime _since;           // with force, a step counts as done only if its stamp was written after this
    private CancellationToken _cancel;
    private AdaptiveResult? _adaptive;
    private ModelCard? _allPatients;

    /// <summary>The splits to run, intra first; <see cref="RunSplit.Adaptive"/> runs the inter split too (its base model).</summary>
    public IReadOnlyList<RunSplit> Splits { get; init; } = [RunSplit.Intra, RunSplit.Inter];

    /// <summary>The clustering the adaptive step's reviews use (required with <see cref="RunSplit.Adaptive"/>).</summary>
    public IBeatClusterer? Clusterer { get; init; }

    /// <summary>The adaptive step's numbers of confirmed beats per record (#24: 2, 6 and 12).</summary>
    public IReadOnlyList<int> ConfirmedBeats { get; init; } = [2, 6, 12];

    /// <summary>
    /// Processes at once (1 or 2): with 2, every training takes one thread (unless its options name threads) and, when
    /// <see cref="SideBySide"/> is set, a second process runs the same steps on the same run folder beside this one. Each
    /// step is done by whichever process claims it first (<see cref="StepClaims"/>): this one goes through the splits
    /// and each split's trainings from the first, the second from the last, and each reads back what the other did.
    /// The numbers are those of one process at one thread each. Results depend on thread counts, which the model cards
    /// record (docs/benchmarks.md, issue #26).
    /// </summary>
    public int Lanes { get; init; } = 1;

    /// <summary>
    /// Starts the second process (the command line starts <c>ecgbeats run</c> with the same splits and options on the
    /// same run folder, and <see cref="SecondProcessSince"/> set to the time it is given: this job's start) and returns
    /// when it ends. Whatever it did not finish (it failed or was stopped) is done here. Used with <see cref="Lanes"/> 2.
    /// </summary>
    public Func<DateTime, CancellationToken, Task>? SideBySide { get; init; }

    /// <summary>
    /// Set in the second process of <see cref="Lanes"/> 2: the first process's start (UTC). This job then takes steps from
    /// the other end, never takes over a stale claim (only the first one does), and with force counts a step as done
    /// when its stamp was written after that time (by either process).
    /// </summary>
    public DateTime? SecondProcessSince { get; init; }

    /// <summary>
    /// After the splits (and the DS2 evaluation they make), also train the recipe declared for new patients on every
    /// non-paced MIT-BIH patient, DS1 + DS2, into <see cref="RunFolder.AllPatients"/>: the model <c>annotate</c> uses by
    /// default (issue #27). Nothing is chosen on it: the same options, and early stopping and ensemble weights on a record
    /// fold of its own training records, as the recipe does on DS1. <c>run --profile full</c> and <c>train-default</c> set it.
    /// </summary>
    public bool AllPatients { get; init; }

    /// <summary>Told when a step starts, is up to date, or is done (the command line prints it).</summary>
    public IRunObserver? Observer { get; init; }

    /// <summary>How a kind is trained: <see cref="ModelKind.Train(ValidationSplit, ModelOptions, TrainingContext?)"/>, or a wrapper that shows progress.</summary>
    public Func<ModelKind, ValidationSplit, ModelOptions, TrainingContext, IBeatClassifier> Train { get; init; } = (kind, split, options, context) => kind.Train(split, options, context);

    /// <summary>Runs every split's steps (those up to date are read back) and returns the results, for a report.</summary>
    /// <exception cref="OperationCanceledException">Cancelled; every finished step stays done.</exception>
    public RunResults Run(CancellationToken cancel)
    {
        Directory.CreateDirectory(run.Root);
        var facts = new Dictionary<string, string>
        {
            ["profile"] = profile.Name,
            ["seed"] = seed.ToString(),
            ["data"] = dataDirectory,
            ["threads"] = Environment.ProcessorCount.ToString(),
            ["training"] = profile.MaxTrainingBeatsPerClass is { } n
                ? $"at most {string.Join(", ", n.Select((c, k) => $"{c} {AamiMapping.Classes[k]}"))} training beats (seeded subsample)"
                : "all training beats",
        };
        bool adaptive = Splits.Contains(RunSplit.Adaptive);
        if (adaptive && Clusterer is null) throw new InvalidOperationException("the adaptive step needs a clusterer (MainJob.Clusterer)");
        // train-default alone (no split) leaves the run's description to the run that made the splits.
        if (Splits.Count > 0) JsonFile.Write(run.RunFile, facts);
        bool intra = Splits.Contains(RunSplit.Intra), inter = Splits.Contains(RunSplit.Inter) || adaptive;
        _cancel = cancel;
        _since = SecondProcessSince ?? DateTime.UtcNow;
        bool first = SecondProcessSince is null;
        if (Lanes > 1 && (SideBySide is not null || !first))
        {
            _claims = new StepClaims(run.Root);
            if (first) _claims.RemoveStale();   // what a killed run left
        }
        // Two lanes: a second process does the same steps from the other end; each step is claimed by one of them.
        using var besideCancel = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        Task? beside = first && _claims is not null && SideBySide is not null ? SideBySide(_since, besideCancel.Token) : null;
        try
        {
            var splits = new List<SplitKind>();
            if (intra) splits.Add(SplitKind.Intra);
            if (inter) splits.Add(SplitKind.Inter);
            if (!first) splits.Reverse();
            foreach (var split in splits)
            {
                RunOneSplit(split, split == SplitKind.Inter && adaptive, cancel);
                cancel.ThrowIfCancellationRequested();
            }
            if (AllPatients) _allPatients = TrainAllPatients(run.AllPatients, cancel);
        }
        catch
        {
            besideCancel.Cancel();   // this one failed: the second process stops too
            throw;
        }
        finally
        {
            // Never leave the second process behind, nor report its failure over this one's.
            if (beside is not null) Observe(beside);
        }
        return new RunResults(RunResults.DefaultTitle, _datasets, _results, RunReader.WithVersions(facts, _results, _datasets), _testBeats, _ec57, _adaptive)
        {
            AllPatients = _allPatients,
        };
    }

    /// <summary>Waits for the second process; its failure only means its remaining steps are done here.</summary>
    private void Observe(Task beside)
    {
        try
        {
            beside.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not OperationCanceledException) { Observer?.SplitSkipped("second process", $"{e.Message}; this process did the steps it left"); }
        catch (OperationCanceledException) { }
    }

    /// <summary>
    /// The declared recipe for new patients trained on all 44 non-paced records (<see cref="AllPatients"/>); returns the
    /// ensemble's card, or null when the data folder lacks some of the records.
    /// </summary>
    private ModelCard? TrainAllPatients(SplitFolder folder, CancellationToken cancel)
    {
        const string name = "all-patients";
        var records = DeChazal2004Split.Ds1.Concat(DeChazal2004Split.Ds2).Order(StringComparer.Ordinal).ToList();
        var missing = records.Except(DatasetBuilder.RecordsIn(dataDirectory)).ToList();
        if (missing.Count > 0)
        {
            Observer?.SplitSkipped(name, $"the data folder lacks {missing.Count} of the 44 records ({string.Join(", ", missing.Take(3))}{(missing.Count > 3 ? ", ..." : "")})");
            return null;
        }
        var recipe = InterPatientProtocol.Recipe(seed);
        // The beats are cut again each time (seconds): no test set, so no dataset files of their own.
        var all = DatasetBuilder.ExtractAll(dataDirectory, records, recipe, cancel: cancel);
        var train = profile.MaxTrainingBeatsPerClass is { } cap ? Subsample(all, cap, seed) : all;
        // The recipe's own rule: a record fold of the training records chooses early stopping and ensemble weights.
        var split = InterPatientProtocol.Validation(train, seed, ds1: all);
        var declared = registry.Find(DeclaredNewPatientModel.Model) ?? throw new InvalidOperationException($"the registry lacks {DeclaredNewPatientModel.Model}");
        var memberKinds = declared.DefaultMembers(registry);
        string source = $"MIT-BIH Arrhythmia, all {records.Count} non-paced records (DS1 + DS2)";
        var provenance = new Dictionary<string, string>
        {
            ["trainedOn"] = $"every non-paced MIT-BIH Arrhythmia record, DS1 and DS2 ({records.Count}): {string.Join(" ", records)}; " +
                            $"their beats {string.Join(", ", all.ClassCounts(AamiMapping.ClassCount).Select((n, k) => $"{AamiMapping.Classes[k]} {n}"))}, of which " +
                            $"{split.Training.Count} trained and {split.Validation.Count} validated ({profile.Name} profile)",
            ["heldOutPatients"] = $"none of its own: its validation records ({string.Join(" ", InterPatientProtocol.ValidationRecords(all, seed))}, " +
                                  "a record fold of the 44, the recipe's rule) chose early stopping and ensemble weights; no patient was kept for a test",
            ["recipe"] = DeclaredNewPatientModel.Recipe,
            ["standsFor"] = DeclaredNewPatientModel.Evaluation,
        };
        var owned = new List<IBeatClassifier>();
        try
        {
            var stamps = new Dictionary<string, StepStamp>(StringComparer.Ordinal);
            var members = new Dictionary<string, IBeatClassifier>(StringComparer.Ordinal);   // by model folder (full path)
            bool TrainMember(int i, bool wait)
            {
                var kind = memberKinds[i];
                var options = OptionsFor(kind, inter: true);
                string target = folder.Model(kind.Name);
                var stamp = ModelStamp(kind, options, split).With("provenance", string.Join("|", provenance.Values));
                var context = new TrainingContext { Source = source, Cancel = cancel, CheckpointFolder = target, Resume = true };
                if (!TryStep($"{name}: train {kind.Name}", target, stamp,
                    () => WithProvenance(Saved(Train(kind, split, options, context), target), target, provenance),
                    () => registry.Open(target), wait, out var model)) return false;
                owned.Add(model);
                members[Path.GetFullPath(target)] = new SharedClassifier(model);   // lent to the ensemble, disposed here
                stamps[kind.Name] = stamp;
                return true;
            }
            Independent(memberKinds.Count, TrainMember);
            string ensembleTarget = folder.Model(declared.Name);
            var ensembleOptions = profile.For(declared, inter: true, seed);
            var ensembleStamp = ModelStamp(declared, ensembleOptions, split).With("members", string.Join(" ", memberKinds.Select(k => stamps[k.Name].Hash)))
                .With("provenance", string.Join("|", provenance.Values));
            var ensembleContext = new TrainingContext { Cancel = cancel, Members = memberKinds.Select(k => members[Path.GetFullPath(folder.Model(k.Name))]).ToList() };
            var ensemble = Step($"{name}: {declared.Name}", ensembleTarget, ensembleStamp,
                () => WithProvenance(Saved(declared.Train(split, ensembleOptions, ensembleContext), ensembleTarget,
                    memberKinds.ToDictionary(k => k.Name, k => folder.Model(k.Name))), ensembleTarget, provenance),
                () => registry.Open(ensembleTarget, members: path => members.GetValueOrDefault(Path.GetFullPath(path))));
            owned.Add(ensemble);
            return ModelCard.Read(ensembleTarget);
        }
        finally
        {
            foreach (var model in owned) model.Dispose();
        }
    }

    /// <summary>The profile's options for <paramref name="kind"/>; with two lanes, one thread unless the options name threads.</summary>
    private ModelOptions OptionsFor(ModelKind kind, bool inter)
    {
        var options = profile.For(kind, inter, seed);
        return Lanes > 1 && kind.Options.Contains(CommonOptions.Threads) && !options.TryGet(CommonOptions.Threads, out _)
            ? options.With(CommonOptions.Threads, (int?)1)
            : options;
    }

    /// <summary>Adds <paramref name="provenance"/> to the card saved in <paramref name="folder"/> (the step's stamp is written after).</summary>
    private static IBeatClassifier WithProvenance(IBeatClassifier model, string folder, IReadOnlyDictionary<string, string> provenance)
    {
        ModelCard.Read(folder).With(provenance).Write(folder);
        return model;
    }

    private void RunOneSplit(SplitKind kind, bool adaptive, CancellationToken cancel)
    {
        string name = kind.ToString().ToLowerInvariant();
        var available = DatasetBuilder.RecordsIn(dataDirectory);
        if (kind == SplitKind.Inter && DeChazal2004Split.Ds1.Concat(DeChazal2004Split.Ds2).Except(available).Any())
        {
            Observer?.SplitSkipped(name, "the data folder lacks de Chazal's DS1/DS2 records");
            return;
        }
        var folder = run.Split(name);
        bool inter = kind == SplitKind.Inter;
        // The intra-patient split keeps the Kaggle beats; new patients get the rhythm + morphology beats (docs/inter-patient.md).
        var recipe = inter ? InterPatientProtocol.Recipe(seed) : DatasetRecipe.Kaggle(kind, seed);
        var (card, trainAll, test) = Dataset(name, folder, recipe, available, cancel);
        _datasets[name] = card;
        _testBeats[name] = test;

        var train = profile.MaxTrainingBeatsPerClass is { } cap ? Subsample(trainAll, cap, seed) : trainAll;
        // One validation split for every model and ensemble of this split: beats drawn at random (intra), whole DS1 records (inter).
        var split = inter ? InterPatientProtocol.Validation(train, seed, ds1: trainAll) : ValidationSplit.ByBeat(train, ValidationFraction, seed);
        var owned = new List<IBeatClassifier>();
        var members = new Dictionary<string, SharedClassifier>(StringComparer.Ordinal);   // by model folder (full path)
        var stamps = new Dictionary<string, StepStamp>(StringComparer.Ordinal);
        var order = new List<(string Model, IBeatClassifier Classifier)>();
        try
        {
            // Every kind that trains on beats alone, then the ensembles, which combine them. With two lanes each training
            // takes one thread: the other core is the second process's.
            var baseKinds = registry.Kinds.Where(k => k.DefaultMembers(registry).Count == 0).ToList();
            var trained = new (IBeatClassifier Model, string Target, StepStamp Stamp)[baseKinds.Count];
            bool TrainBase(int i, bool wait)
            {
                var modelKind = baseKinds[i];
                var options = OptionsFor(modelKind, inter);
                string target = folder.Model(modelKind.Name);
                var stamp = ModelStamp(modelKind, options, split);
                // An interrupted run left a checkpoint: go on from it.
                var context = new TrainingContext { Source = card.FileFor("train"), Cancel = cancel, CheckpointFolder = target, Resume = true };
                if (!TryStep($"{name}: train {modelKind.Name}", target, stamp,
                    () => Saved(Train(modelKind, split, options, context), target),
                    () => registry.Open(target), wait, out var model)) return false;
                trained[i] = (model, target, stamp);
                return true;
            }
            try
            {
                Independent(baseKinds.Count, TrainBase);
            }
            catch
            {
                // The models trained before the failure are not yet owned: free them.
                foreach (var t in trained) t.Model?.Dispose();
                throw;
            }
            for (int i = 0; i < baseKinds.Count; i++) Keep(baseKinds[i].Name, trained[i].Target, trained[i].Stamp, trained[i].Model);
            var ensembles = new List<(string Model, ModelKind Kind, ModelOptions Options)>
            {
                (Ensembles.Weighted.Name, Ensembles.Weighted, ModelOptions.None),
                ($"{Ensembles.Voting.Name}-hard", Ensembles.Voting, ModelOptions.None.With(Ensembles.VotingOption, VotingMode.Hard)),
                ($"{Ensembles.Voting.Name}-soft", Ensembles.Voting, ModelOptions.None.With(Ensembles.VotingOption, VotingMode.Soft)),
            };
            // For new patients: the specialists DS1's cross-validation chose (docs/inter-patient.md).
            if (inter) ensembles.Add((Ensembles.ClassWise.Name, Ensembles.ClassWise, ModelOptions.None));
            foreach (var (model, ensemble, given) in ensembles)
            {
                string target = folder.Model(model);
                var memberKinds = ensemble.DefaultMembers(registry);
                var options = profile.For(ensemble, inter, seed).With(given);
                var stamp = ModelStamp(ensemble, options, split).With("members", string.Join(" ", memberKinds.Select(k => stamps[k.Name].Hash)));
                var context = new TrainingContext { Cancel = cancel, Members = memberKinds.Select(k => (IBeatClassifier)members[folder.Model(k.Name)]).ToList() };
                var classifier = Step($"{name}: {model}", target, stamp,
                    () => Saved(ensemble.Train(split, options, context), target, memberKinds.ToDictionary(k => k.Name, k => folder.Model(k.Name))),
                    () => registry.Open(target, members: path => members.GetValueOrDefault(path)));
                stamps[model] = stamp;
                owned.Add(classifier);
                order.Add((model, classifier));
            }
            // Members are evaluated before the ensembles, which then reuse their test-set probabilities.
            foreach (var (model, classifier) in order)
            {
                string target = folder.Evaluation(model);
                var stamp = new StepStamp("evaluation").With("model", stamps[model].Hash).With("test", test.Fingerprint())
                    .With("seed", seed.ToString()).With("bootstrap", BootstrapResamples.ToString());
                var evaluation = Step($"{name}: evaluate {model}", target, stamp,
                    () =>
                    {
                        var (evaluation, _) = Evaluation.Run(classifier, test, Path.Combine(folder.Data, card.FileFor("test")), seed, BootstrapResamples);
                        evaluation.Write(folder.EvaluationFile(model));
                        return evaluation;
                    },
                    () => Evaluation.Read(folder.EvaluationFile(model)));
                _results.Add(new ModelResult(name, evaluation, classifier.Card with { Model = model }));
            }
            if (inter) ScoreWholeRecords(name, folder, recipe, test, order, stamps, cancel);
            if (inter && adaptive)
            {
                string declared = Ensembles.ClassWise.Name;
                AdaptiveStep(recipe, order.First(o => o.Model == declared), stamps[declared], cancel);
            }
        }
        finally
        {
            foreach (var classifier in owned) classifier.Dispose();
        }

        void Keep(string model, string target, StepStamp stamp, IBeatClassifier classifier)
        {
            owned.Add(classifier);
            stamps[model] = stamp;
            var shared = new SharedClassifier(classifier);
            members[Path.GetFullPath(target)] = shared;
            order.Add((model, shared));
        }
    }

    /// <summary>
    /// Every model on the whole test records, beat by beat (EC57): at the reference beats and end to end (the default QRS detector, the
    /// model's cut). The records are read, detected and cut once, only when some model's scores are not up to date.
    /// </summary>
    private void ScoreWholeRecords(string name, SplitFolder folder, DatasetRecipe recipe, LabelledBeats test,
        List<(string Model, IBeatClassifier Classifier)> order, Dictionary<string, StepStamp> stamps, CancellationToken cancel)
    {
        var detector = Dsp.QrsDetectors.Default();
        foreach (var (model, classifier) in order)
        {
            var stamp = new StepStamp("ec57").With("model", stamps[model].Hash).With("test", test.Fingerprint())
                .With("detector", detector.Name).With("records", string.Join(" ", DeChazal2004Split.Ds2)).With("comparator", "bxb 10.7")
                .With("episodes", "epicmp -A 10.7").With("rhythm", new Rhythms.AtrialFibrillationDetector().Describe());
            var results = Step($"{name}: whole records (EC57) {model}", folder.Ec57(model), stamp,
                () =>
                {
                    var scores = Prepared(recipe, cancel).Score(classifier, test);
                    if (scores.Rhythm is not null) JsonFile.Write(folder.Ec57RhythmFile(model), scores.Rhythm);
                    JsonFile.Write(folder.Ec57File(model), scores.Results);
                    return (scores.Results, scores.Rhythm);
                },
                () => (JsonFile.Read<List<Ec57Result>>(folder.Ec57File(model), "EC57 scores"),
                    File.Exists(folder.Ec57RhythmFile(model)) ? JsonFile.Read<Ec57Rhythm>(folder.Ec57RhythmFile(model), "AF episodes and rhythm gate") : null));
            _ec57.Add(new Ec57ModelResult(name, model, results.Item1, results.Item2));
        }
    }

    /// <summary>DS2's records read, detected and cut by the representation, once per run.</summary>
    private Ec57Evaluation Prepared(DatasetRecipe recipe, CancellationToken cancel) =>
        _prepared ??= Ec57Evaluation.Prepare(dataDirectory, DeChazal2004Split.Ds2, recipe.Representation, Dsp.QrsDetectors.Default(), cancel: cancel);

    /// <summary>
    /// The patient-adaptive protocol on DS2 (#24): the declared model for new patients adapted to each DS2 record on its
    /// first 5 minutes and on 2, 6, 12 confirmed beats, with DS1's settings (docs/patient-adaptive.md), scored from minute 5.
    /// </summary>
    private void AdaptiveStep(DatasetRecipe recipe, (string Model, IBeatClassifier Classifier) baseModel, StepStamp baseStamp, CancellationToken cancel)
    {
        var adaptation = new AdaptationSettings();
        var review = new ReviewSettings(Seed: seed);
        string method = $"adaptation: {adaptation}; review: {review.TypicalShare:0.##} of the beats clusters' typical beats, labels {(review.SpreadToClusters ? "spread to agreeing clusters" : "on the confirmed beats alone")}, seed {review.Seed}";
        var stamp = new StepStamp("adaptive").With("version", "1").With("model", baseStamp.Hash).With("detector", Dsp.QrsDetectors.Default().Name)
            .With("records", string.Join(" ", DeChazal2004Split.Ds2)).With("rhythm", new Rhythms.AtrialFibrillationDetector().Describe())
            .With("method", method).With("beats", string.Join(" ", ConfirmedBeats)).With("clusterer", Clusterer!.GetType().FullName ?? "?");
        _adaptive = Step($"adaptive: {baseModel.Model} adapted to each DS2 record (first 5 minutes; {string.Join(", ", ConfirmedBeats)} confirmed beats)", run.Adaptive, stamp,
            () =>
            {
                var rows = PatientAdaptiveEvaluation.Run(Prepared(recipe, cancel), baseModel.Classifier, Clusterer, ConfirmedBeats, adaptation, review, cancel: cancel);
                var result = new AdaptiveResult(baseModel.Model, PatientAdaptiveCrossValidation.Ec57Seconds, method, rows);
                JsonFile.Write(run.AdaptiveFile, result);
                return result;
            },
            () => JsonFile.Read<AdaptiveResult>(run.AdaptiveFile, "the patient-adaptive results"));
    }

    /// <summary>The split's dataset: built and written, or read back when its stamp says it is up to date.</summary>
    private (DatasetCard Card, LabelledBeats Train, LabelledBeats Test) Dataset(string name, SplitFolder folder, DatasetRecipe recipe,
        IReadOnlyList<string> available, CancellationToken cancel)
    {
        var stamp = new StepStamp("dataset").With("builder", DatasetRecipe.BuilderVersion.ToString())
            .WithJson("representation", recipe.Representation.Recipe).With("split", recipe.Split.ToString())
            .With("seed", recipe.Seed.ToString()).With("testFraction", recipe.TestFraction.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("sources", Sources(available));
        return Step($"{name}: dataset", folder.Data, stamp,
            () =>
            {
                var built = DatasetBuilder.Build(dataDirectory, recipe, cancel: cancel);
                var card = DatasetWriter.Write(folder.Data, built, cancel);
                return (card, built.Train, built.Test);
            },
            () =>
            {
                var card = DatasetCard.Read(folder.DatasetCard);
                return (card, DatasetFiles.ReadLabelled(Path.Combine(folder.Data, card.FileFor("train"))),
                    DatasetFiles.ReadLabelled(Path.Combine(folder.Data, card.FileFor("test"))));
            });
    }

    /// <summary>
    /// A model step's inputs: the kind and its code version, every option that changes results (as the kind resolves
    /// them, so a changed default reruns the step too), the data and validation split, the representation.
    /// </summary>
    public static StepStamp ModelStamp(ModelKind kind, ModelOptions options, ValidationSplit split)
    {
        var resolved = kind.Resolve(options);
        var stamp = new StepStamp("model").With("kind", kind.Name).With("version", kind.Version.ToString());
        foreach (var option in kind.Options.Where(o => o.ChangesResults)) stamp = stamp.With("option " + option.Name, resolved[option.Name]);
        return stamp.With("split", split.Fingerprint).WithJson("representation", split.Data.Recipe);
    }

    /// <summary>Saves a trained model into its step's folder (removing its checkpoint) and returns it.</summary>
    private static IBeatClassifier Saved(IBeatClassifier model, string folder, IReadOnlyDictionary<string, string>? memberFolders = null)
    {
        model.Save(folder, memberFolders);
        return model;
    }

    /// <summary>
    /// Runs <paramref name="work"/> unless <paramref name="folder"/>'s stamp says it was done with these inputs; then
    /// <paramref name="resume"/> reads its result back instead.
    /// </summary>
    private T Step<T>(string title, string folder, StepStamp stamp, Func<T> work, Func<T> resume)
    {
        TryStep(title, folder, stamp, work, resume, wait: true, out var result);
        return result;
    }

    /// <summary>
    /// <see cref="Step{T}"/>, where a second process shares the run folder: returns false, doing nothing, when the other
    /// process has claimed the step and <paramref name="wait"/> is false; with <paramref name="wait"/>, waits for it and
    /// reads its output back (or does the step here, if the other process let it go undone).
    /// </summary>
    private bool TryStep<T>(string title, string folder, StepStamp stamp, Func<T> work, Func<T> resume, bool wait, out T result)
    {
        bool told = false;
        while (true)
        {
            if (IsDone(stamp, folder))
            {
                Observer?.UpToDate(title);
                result = resume();
                return true;
            }
            using var claim = _claims?.TryClaim(folder);
            if (_claims is null || claim is not null)
            {
                // The other process may have finished it between the look above and the claim.
                if (claim is not null && IsDone(stamp, folder)) continue;
                result = Do(title, folder, stamp, work);
                return true;
            }
            if (!wait)
            {
                result = default!;
                return false;
            }
            if (!told) Observer?.Elsewhere(title);
            told = true;
            WaitForOther(title, folder, stamp);
        }
    }

    /// <summary>Does a step and leaves its stamp.</summary>
    private T Do<T>(string title, string folder, StepStamp stamp, Func<T> work)
    {
        Observer?.Started(title);
        var clock = Stopwatch.StartNew();
        if (Directory.Exists(folder)) StepStamp.Clear(folder);
        var result = work();
        // The stamp is the step's commit: written last, so a step killed before it (a test may kill here) is done again.
        FaultPoints.Reach("Run.Step");
        stamp.WriteTo(folder);
        Observer?.Done(title, clock.Elapsed);
        return result;
    }

    /// <summary>Whether the step is done: its stamp matches (and, with force, was written during this run, by either process).</summary>
    private bool IsDone(StepStamp stamp, string folder) => stamp.IsDoneIn(folder) && (!force || StepStamp.WrittenAt(folder) >= _since);

    /// <summary>
    /// Waits while the other process holds the step's claim; returns when the step is done or its claim is gone. A stale
    /// claim (its process exited) is taken over by the first process; the second stops instead (the first has gone).
    /// </summary>
    private void WaitForOther(string title, string folder, StepStamp stamp)
    {
        while (!IsDone(stamp, folder))
        {
            switch (_claims!.StateOf(folder))
            {
                case ClaimState.None:
                    return;
                case ClaimState.Stale when SecondProcessSince is null:
                    _claims.RemoveIfStale(folder);
                    return;
                case ClaimState.Stale:
                    throw new InvalidOperationException($"{title}: the process that had claimed it has exited");
            }
            if (_cancel.WaitHandle.WaitOne(ClaimPoll)) _cancel.ThrowIfCancellationRequested();
        }
    }

    /// <summary>How often a process waiting for the other one's step looks again.</summary>
    private static readonly TimeSpan ClaimPoll = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Steps that do not depend on each other (<paramref name="step"/>(i, wait), as <see cref="TryStep{T}"/>): each is tried in
    /// turn, from the first (the second process: from the last), those the other process holds are left for the end, then
    /// waited for.
    /// </summary>
    private void Independent(int count, Func<int, bool, bool> step)
    {
        var order = Enumerable.Range(0, count).ToList();
        if (SecondProcessSince is not null) order.Reverse();
        var left = order.Where(i => !step(i, false)).ToList();
        foreach (int i in left) step(i, true);
    }

    /// <summary>The data files' names, sizes and times (a linked file's target's): enough to notice a changed database, without hashing 100 MB.</summary>
    private string Sources(IReadOnlyList<string> records) =>
        string.Join(";", records.SelectMany(r => new[] { ".hea", ".dat", ".atr" }.Select(e => (Name: r + e, File: Io.FileKinds.Target(Path.Combine(dataDirectory, r + e)))))
            .Select(f => $"{f.Name}:{(f.File.Exists ? f.File.Length : -1)}:{(f.File.Exists ? f.File.LastWriteTimeUtc.Ticks : 0)}"));

    /// <summary>At most <c>cap[c]</c> beats of each class c, chosen with the seed, in their original order.</summary>
    private static LabelledBeats Subsample(LabelledBeats beats, IReadOnlyList<int> cap, int seed)
    {
        var random = SeededRandom.Create(seed);
        var keep = new List<int>();
        foreach (var group in Enumerable.Range(0, beats.Count).GroupBy(i => beats.Labels[i]))
        {
            int[] members = group.ToArray();
            SeededRandom.Shuffle(members, random);
            keep.AddRange(members.Take(cap[group.Key]));
        }
        keep.Sort();
        return beats.Select(keep);
    }
}
