using EcgBeats.Beats;
using EcgBeats.Representations;
using EcgBeats.Wfdb;

namespace EcgBeats.Datasets;

/// <summary>A built dataset: both sides of the split and the card that describes them.</summary>
public sealed record BuiltDataset(LabelledBeats Train, LabelledBeats Test, DatasetCard Card);

/// <summary>
/// Builds labelled beat datasets from raw WFDB records: cut each record's beats with the recipe's
/// representation, label them from the reference annotations (AAMI classes), split. Records are processed in
/// parallel; the result does not depend on the thread count.
/// </summary>
public static class DatasetBuilder
{
    /// <summary>The records of a database folder: its <c>RECORDS</c> list, else every <c>.hea</c> file.</summary>
    public static IReadOnlyList<string> RecordsIn(string dataDirectory)
    {
        string list = Path.Combine(dataDirectory, "RECORDS");
        List<string> records;
        if (File.Exists(list))
        {
            records = [.. RecordList.ReadNames(list)];
        }
        else
        {
            if (!Directory.Exists(dataDirectory))
                throw new DirectoryNotFoundException($"{dataDirectory}: no such data folder");
            records = Directory.GetFiles(dataDirectory, "*.hea").Select(p => Path.GetFileNameWithoutExtension(p)!).Order(StringComparer.Ordinal).ToList();
        }
        if (records.Count == 0)
            throw new FileNotFoundException($"{dataDirectory}: holds no records (no RECORDS list, no .hea files)");
        return records;
    }

    /// <summary>Builds both sides of the split the recipe names, from the records in <paramref name="dataDirectory"/>.</summary>
    public static BuiltDataset Build(string dataDirectory, DatasetRecipe recipe, IProgress<string>? progress = null, CancellationToken cancel = default)
    {
        var available = RecordsIn(dataDirectory);
        LabelledBeats train, test;
        IReadOnlyList<string> trainRecords, testRecords;
        if (recipe.Split == SplitKind.Intra)
        {
            trainRecords = testRecords = available;
            var all = ExtractAll(dataDirectory, available, recipe, progress, cancel);
            var (trainIndices, testIndices) = IntraPatientSplit.Split(all.Labels, recipe.TestFraction, recipe.Seed);
            train = SortByClass(all.Select(trainIndices));
            test = SortByClass(all.Select(testIndices));
        }
        else
        {
            var missing = DeChazal2004Split.Ds1.Concat(DeChazal2004Split.Ds2).Except(available).ToList();
            if (missing.Count > 0)
                throw new InvalidInputException($"{dataDirectory}: the inter-patient split needs records {string.Join(", ", missing)}, which are not there");
            trainRecords = DeChazal2004Split.Ds1;
            testRecords = DeChazal2004Split.Ds2;
            var both = ExtractAll(dataDirectory, [.. trainRecords, .. testRecords], recipe, progress, cancel);
            var trainSet = new HashSet<string>(trainRecords);
            var isTrain = Enumerable.Range(0, both.Count).ToLookup(i => trainSet.Contains(both.Origins![i].Record));
            train = SortByClass(both.Select(isTrain[true].ToList()));
            test = SortByClass(both.Select(isTrain[false].ToList()));
        }
        var card = DatasetCard.Describe(dataDirectory, recipe, trainRecords, testRecords, train, test,
            LeadNotes(dataDirectory, trainRecords.Concat(testRecords).Distinct().ToList(), recipe.Representation));
        return new BuiltDataset(train, test, card);
    }

    /// <summary>Every labelled beat of the given records, record by record in the order given.</summary>
    public static LabelledBeats ExtractAll(string dataDirectory, IReadOnlyList<string> records, DatasetRecipe recipe,
        IProgress<string>? progress = null, CancellationToken cancel = default)
    {
        var perRecord = new LabelledBeats[records.Count];
        try
        {
            Parallel.For(0, records.Count, new ParallelOptions { CancellationToken = cancel }, i =>
            {
                perRecord[i] = ExtractRecord(Path.Combine(dataDirectory, records[i]), recipe);
                progress?.Report(records[i]);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // A missing or bad record is the user's to fix, named as one error (the first), not a wrapper the CLI reads as a bug.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        var representation = recipe.Representation.Recipe;
        return LabelledBeats.Concat(perRecord, representation.Layout.ValuesPerBeat, representation);
    }

    /// <summary>The labelled beats of one record (path without extension): cut by the representation, labelled from the reference annotations.</summary>
    public static LabelledBeats ExtractRecord(string recordPath, DatasetRecipe recipe)
    {
        var record = RecordReader.Read(recordPath);
        string name = RecordPath.Name(recordPath);
        var reference = AnnotationReader.ReadFile(RecordPath.Annotations(recordPath, "atr"))
            .Where(a => AamiMapping.IsBeat(a.Symbol))
            .ToList();
        long[] positions = reference.Select(a => a.Sample).ToArray();
        var beats = recipe.Representation.Cut(record, name, positions, BeatCutMode.Dataset);

        // Each beat takes the class of the nearest reference beat within the tolerance (the Kaggle cut is at the reference
        // positions, so it matches exactly); beats with none are dropped.
        long tolerance = (long)Math.Round(recipe.MatchToleranceSeconds * record.SamplingFrequency);
        var kept = new List<int>(beats.Count);
        var labels = new List<int>(beats.Count);
        var symbols = new List<string>(beats.Count);
        for (int i = 0; i < beats.Count; i++)
        {
            long sample = beats.Origins![i].Sample;
            int match = Nearest(positions, sample);
            if (match < 0 || Math.Abs(positions[match] - sample) > tolerance) continue;
            kept.Add(i);
            labels.Add((int)AamiMapping.Beats[reference[match].Symbol]);
            symbols.Add(reference[match].Symbol);
        }
        return new LabelledBeats(beats.Select(kept), labels.ToArray(), symbols.ToArray());
    }

    /// <summary>Notes on how each record's leads were chosen (e.g. a record without the lead asked for), for the card.</summary>
    /// <remarks>A record whose header names every lead gives no note and is not read; one with a stand-in is read, because which signal stands in for MLII may depend on its samples (<see cref="LeadResolver"/>).</remarks>
    public static IReadOnlyList<string> LeadNotes(string dataDirectory, IReadOnlyList<string> records, IBeatRepresentation representation) =>
        records.SelectMany(r =>
        {
            string path = Path.Combine(dataDirectory, r);
            var leads = representation.Recipe.Layout.Leads;
            var notes = LeadResolver.Resolve(leads, RecordReader.ReadHeader(path), r).Notes;
            return notes.Count == 0 ? notes : LeadResolver.Resolve(leads, RecordReader.Read(path), r).Notes;
        }).ToList();

    /// <summary>Index of the position nearest to <paramref name="sample"/> (ties to the earlier), or -1 when there are none.</summary>
    private static int Nearest(long[] positions, long sample)
    {
        if (positions.Length == 0) return -1;
        int at = Array.BinarySearch(positions, sample);
        if (at >= 0) return at;
        int after = ~at;
        if (after == 0) return 0;
        if (after == positions.Length) return positions.Length - 1;
        return sample - positions[after - 1] <= positions[after] - sample ? after - 1 : after;
    }

    /// <summary>Rows grouped by class (as the Kaggle files are), keeping record and sample order within a class.</summary>
    private static LabelledBeats SortByClass(LabelledBeats beats) =>
        beats.Select(Enumerable.Range(0, beats.Count).OrderBy(i => beats.Labels[i]).ThenBy(i => i).ToList());
}
