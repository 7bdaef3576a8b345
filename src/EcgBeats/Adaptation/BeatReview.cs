using EcgBeats.Beats;
using EcgBeats.Classification;

namespace EcgBeats.Adaptation;

/// <summary>A beat the review asks an analyst to confirm.</summary>
/// <param name="Index">The beat's index among the record's beats.</param>
/// <param name="Sample">Its position in the record, samples.</param>
/// <param name="Cluster">Its cluster.</param>
/// <param name="ClusterSize">Its cluster's number of beats.</param>
/// <param name="Proposed">The base model's class for it.</param>
/// <param name="Confidence">The base model's probability of that class, in [0, 1].</param>
/// <param name="Reason">Why it was chosen: <c>typical</c> (its cluster's beat nearest the centre) or <c>unsure</c> (the base model is least sure of it).</param>
public sealed record ReviewedBeat(int Index, long Sample, int Cluster, int ClusterSize, AamiClass Proposed, double Confidence, string Reason);

/// <summary>What a review chose: the record's clusters and the beats to confirm, in the order an analyst should see them.</summary>
public sealed record ReviewSelection(BeatClusters Clusters, IReadOnlyList<ReviewedBeat> Chosen);

/// <summary>A record reviewed (<see cref="BeatReview.Review"/>): its beats as the base model cuts them, the base model's view of them and the choice.</summary>
/// <param name="Record">The record's name.</param>
/// <param name="SamplingFrequency">Its rate, Hz.</param>
/// <param name="Beats">Its beats, with their positions.</param>
/// <param name="Probabilities">The base model's probabilities for them.</param>
/// <param name="Selection">The clusters and the beats to confirm.</param>
/// <param name="Signals">The signals the beats were cut from (the first is drawn).</param>
/// <param name="Warnings">What the cut noticed (a noisy lead, a gap).</param>
public sealed record RecordReview(string Record, double SamplingFrequency, UnlabelledBeats Beats, ClassProbabilities Probabilities,
    ReviewSelection Selection, IReadOnlyList<int> Signals, IReadOnlyList<string> Warnings);

/// <summary>The patient model's training beats from confirmed ones (<see cref="BeatReview.Spread"/>).</summary>
/// <param name="Beats">The training beats and their labels.</param>
/// <param name="Confirmed">How many of them an analyst confirmed.</param>
/// <param name="Spread">How many took a confirmed label from their cluster.</param>
public sealed record SpreadLabels(LabelledBeats Beats, int Confirmed, int Spread);

/// <summary>
/// Chooses the few beats of a record an analyst should confirm, after Llamedo &amp; Martinez (2012): the record's beats
/// are clustered by morphology and rhythm, each cluster's most typical beat is asked about (one per morphology, large
/// clusters first), then the beats the base model is least sure of. The confirmed labels then spread to the clusters
/// they speak for (<see cref="Spread"/>) and adapt the base model (<see cref="PatientAdaptation"/>).
/// </summary>
/// <remarks>Llamedo M, Martinez JP. An automatic patient-adapted ECG heartbeat classifier allowing expert assistance. IEEE Trans Biomed Eng 2012;59(8):2312-2320.</remarks>
public static class BeatReview
{
    /// <summary>
    /// The clustering space (n x width, row-major): every lead sample and every feature models read
    /// (<see cref="BeatLayout.ModelFeatures"/>), each standardised over the record's beats, then the morphology and the
    /// features each scaled to the same total weight, so that 13 rhythm features count as much as 180 samples of shape.
    /// Values constant over the record are left out.
    /// </summary>
    /// <param name="beats">The record's beats.</param>
    /// <param name="width">Values per point.</param>
    public static float[] Points(UnlabelledBeats beats, out int width)
    {
        var layout = beats.Recipe?.Layout;
        int shape = layout is null ? beats.ValuesPerBeat : layout.Leads.Count * layout.SamplesPerLead;
        var features = layout is null ? [] : layout.ModelFeatures().Select(f => shape + f).ToList();
        var blocks = new[] { Enumerable.Range(0, shape).ToList(), features };
        int n = beats.Count;
        var columns = new List<(int Column, double Mean, double Scale)>();
        foreach (var block in blocks)
        {
            var kept = new List<(int, double, double)>();
            foreach (int column in block)
            {
                double mean = 0, square = 0;
                for (int i = 0; i < n; i++) mean += beats.Values[i * beats.ValuesPerBeat + column];
                mean /= Math.Max(1, n);
                for (int i = 0; i < n; i++) { double d = beats.Values[i * beats.ValuesPerBeat + column] - mean; square += d * d; }
                double sd = Math.Sqrt(square / Math.Max(1, n));
                if (sd > 1e-9 && double.IsFinite(sd)) kept.Add((column, mean, sd));
            }
            // Each block's squared distances sum over its columns: 1/sqrt(width) gives every block the same weight.
            double weight = kept.Count == 0 ? 0 : 1 / Math.Sqrt(kept.Count);
            columns.AddRange(kept.Select(k => (k.Item1, k.Item2, k.Item3 / weight)));
        }
        width = Math.Max(1, columns.Count);
        var points = new float[n * width];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < columns.Count; j++)
            {
                var (column, mean, scale) = columns[j];
                double value = (beats.Values[i * beats.ValuesPerBeat + column] - mean) / scale;
                points[i * width + j] = double.IsFinite(value) ? (float)value : 0;
            }
        return points;
    }

    /// <summary>
    /// Reviews a whole record: finds and cuts its beats exactly as <c>annotate</c> with <paramref name="baseModel"/> would
    /// (<see cref="Annotators.RecordAnnotator.Cut"/>), has the base model classify them, clusters them and chooses the
    /// beats to confirm.
    /// </summary>
    /// <param name="record">The whole record.</param>
    /// <param name="name">Its name.</param>
    /// <param name="baseModel">The model to adapt later (<c>adapt --sheet</c> must use the same one).</param>
    /// <param name="clusterer">The clustering.</param>
    /// <param name="settings">How many beats, and how they are chosen.</param>
    /// <exception cref="InvalidInputException">A missing or flat lead, no stretch long enough, or no beats.</exception>
    public static RecordReview Review(Wfdb.WfdbRecord record, string name, IBeatClassifier baseModel, IBeatClusterer clusterer, ReviewSettings settings)
    {
        var (beats, signals, _, warnings) = new Annotators.RecordAnnotator(baseModel).Cut(record, name);
        var probabilities = baseModel.Predict(beats);
        return new RecordReview(name, record.SamplingFrequency, beats, probabilities, Choose(beats, probabilities, clusterer, settings), signals, warnings);
    }

    /// <summary>Clusters the record's beats and chooses the ones to confirm (<see cref="ReviewSettings"/>).</summary>
    /// <param name="beats">The record's beats, with their positions (origins).</param>
    /// <param name="probabilities">The base model's probabilities for them.</param>
    /// <param name="clusterer">The clustering.</param>
    /// <param name="settings">How many beats, and how they are chosen.</param>
    /// <exception cref="InvalidInputException">No beats, or probabilities for another number of beats.</exception>
    public static ReviewSelection Choose(UnlabelledBeats beats, ClassProbabilities probabilities, IBeatClusterer clusterer, ReviewSettings settings)
    {
        settings = settings.Validated();
        if (beats.Count == 0) throw new InvalidInputException("the record has no beats to review");
        if (probabilities.Count != beats.Count) throw new InvalidInputException($"{probabilities.Count} probability rows for {beats.Count} beats");
        var origins = beats.Origins ?? throw new InvalidInputException("the beats do not say where they are");
        float[] points = Points(beats, out int width);
        var clusters = clusterer.Cluster(points, width, Math.Min(settings.Clusters, beats.Count), settings.Seed);
        int[] sizes = clusters.Sizes();
        var chosen = new List<ReviewedBeat>();
        var taken = new HashSet<int>();
        ReviewedBeat Beat(int i, string reason)
        {
            int proposed = probabilities.Predicted(i);
            return new ReviewedBeat(i, origins[i].Sample, clusters.Assignments[i], sizes[clusters.Assignments[i]], AamiMapping.Classes[proposed], probabilities.Row(i)[proposed], reason);
        }
        foreach (int c in Enumerable.Range(0, clusters.Count).Where(c => sizes[c] > 0).OrderByDescending(c => sizes[c]).ThenBy(c => c))
        {
            int best = -1;
            double nearest = double.PositiveInfinity;
            for (int i = 0; i < beats.Count; i++)
            {
                if (clusters.Assignments[i] != c) continue;
                double distance = 0;
                for (int j = 0; j < width; j++) { double d = points[i * width + j] - clusters.Centroids[c][j]; distance += d * d; }
                if (distance < nearest) (nearest, best) = (distance, i);
            }
            if (best >= 0 && chosen.Count < settings.Beats && taken.Add(best)) chosen.Add(Beat(best, "typical"));
        }
        // Then the beats the base model is least sure of (lowest top probability; earliest first on ties), one per cluster
        // in each round: the least sure beats of a record are often one run of odd beats, and one of them says enough.
        var unsure = Enumerable.Range(0, beats.Count).OrderBy(i => probabilities.Row(i)[probabilities.Predicted(i)]).ThenBy(i => i).Where(i => !taken.Contains(i)).ToList();
        while (chosen.Count < settings.Beats && unsure.Count > 0)
        {
            var round = new HashSet<int>();
            foreach (int i in unsure)
                if (chosen.Count < settings.Beats && round.Add(clusters.Assignments[i])) { taken.Add(i); chosen.Add(Beat(i, "unsure")); }
            unsure.RemoveAll(taken.Contains);
        }
        return new ReviewSelection(clusters, chosen);
    }

    /// <summary>
    /// The patient model's training beats: the confirmed beats with their labels and, when <paramref name="spreadToClusters"/>,
    /// every member of a cluster whose confirmed beats all agree, with that label. A cluster whose confirmed beats disagree
    /// speaks for none of its members (the analyst has shown it mixes classes); unconfirmed clusters teach nothing.
    /// </summary>
    /// <param name="beats">The record's beats.</param>
    /// <param name="clusters">Their clusters (<see cref="Choose"/>), or null: the confirmed beats alone.</param>
    /// <param name="confirmed">Beat index -> AAMI class index, as the analyst labelled them.</param>
    /// <param name="spreadToClusters">Whether labels spread.</param>
    public static SpreadLabels Spread(UnlabelledBeats beats, BeatClusters? clusters, IReadOnlyDictionary<int, int> confirmed, bool spreadToClusters)
    {
        var labels = new Dictionary<int, int>(confirmed);
        int spread = 0;
        if (spreadToClusters && clusters is not null)
        {
            if (clusters.Assignments.Length != beats.Count) throw new ArgumentException($"{clusters.Assignments.Length} cluster assignments for {beats.Count} beats", nameof(clusters));
            var agreed = confirmed.GroupBy(p => clusters.Assignments[p.Key])
                .Where(g => g.Select(p => p.Value).Distinct().Count() == 1).ToDictionary(g => g.Key, g => g.First().Value);
            for (int i = 0; i < beats.Count; i++)
                if (!labels.ContainsKey(i) && agreed.TryGetValue(clusters.Assignments[i], out int label)) { labels[i] = label; spread++; }
        }
        var order = labels.Keys.Order().ToList();
        return new SpreadLabels(new LabelledBeats(beats.Select(order), order.Select(i => labels[i]).ToArray()), confirmed.Count, spread);
    }

    /// <summary>
    /// The training beats from a filled sheet (<see cref="LabellingSheet.Read"/>): each label names a beat by its sample,
    /// which must be one of <paramref name="beats"/> (the sheet was made from the same cut); with
    /// <paramref name="clusters"/> (sample -> cluster, every beat), labels spread as <see cref="Spread"/> says.
    /// </summary>
    /// <param name="beats">The record's beats, cut as the review cut them.</param>
    /// <param name="labels">The sheet's labels.</param>
    /// <param name="clusters">Sample -> cluster for every beat (the review's clusters file), or null: the confirmed beats alone.</param>
    /// <param name="spreadToClusters">Whether labels spread to their clusters.</param>
    /// <param name="sheet">The sheet's path, for messages.</param>
    /// <exception cref="InvalidInputException">A label at a sample where no beat was found, or a clusters file that does not list exactly these beats.</exception>
    public static SpreadLabels FromSheet(UnlabelledBeats beats, IReadOnlyList<SheetLabel> labels, IReadOnlyDictionary<long, int>? clusters, bool spreadToClusters, string sheet)
    {
        var origins = beats.Origins ?? throw new InvalidInputException("the beats do not say where they are");
        var index = new Dictionary<long, int>();
        for (int i = 0; i < beats.Count; i++) index[origins[i].Sample] = i;
        var confirmed = new Dictionary<int, int>();
        foreach (var label in labels)
        {
            if (!index.TryGetValue(label.Sample, out int i))
                throw new InvalidInputException($"{sheet}: line {label.Line}: no beat was found at sample {label.Sample} of record {origins.FirstOrDefault()?.Record}: " +
                    "was the sheet made from another record, or with another base model (review and adapt must use the same one)?");
            confirmed[i] = (int)label.Class;
        }
        BeatClusters? partition = null;
        if (clusters is not null)
        {
            if (clusters.Count != beats.Count || origins.Any(o => !clusters.ContainsKey(o.Sample)))
                throw new InvalidInputException($"{sheet}: its clusters file lists {clusters.Count:N0} beats, not the {beats.Count:N0} found in the record now: it was made from another record or base model");
            int[] assignments = origins.Select(o => clusters[o.Sample]).ToArray();
            partition = new BeatClusters(assignments, new float[assignments.Length == 0 ? 0 : assignments.Max() + 1][]);
        }
        return Spread(beats, partition, confirmed, spreadToClusters);
    }
}
