using System.Security.Cryptography;
using System.Text;
using EcgBeats.Beats;

namespace EcgBeats.Datasets;

/// <summary>
/// Training data and the part of it held out for validation (early stopping, ensemble weights), made once and
/// given to every trainer and to ensemble fitting, so that all of them hold out exactly the same beats.
/// </summary>
public sealed class ValidationSplit
{
    private LabelledBeats? _training, _validation;

    private ValidationSplit(LabelledBeats data, int[] train, int[] validation, string description)
    {
        Data = data;
        TrainIndices = train;
        ValidationIndices = validation;
        Description = description;
        Fingerprint = ComputeFingerprint();
    }

    /// <summary>
    /// Holds out <paramref name="fraction"/> of each class, drawn with <paramref name="seed"/> (<see cref="IntraPatientSplit"/>):
    /// beats of one record can fall on both sides.
    /// </summary>
    public static ValidationSplit ByBeat(LabelledBeats data, double fraction, int seed)
    {
        var (train, validation) = IntraPatientSplit.Split(data.Labels, fraction, seed);
        return new ValidationSplit(data, train, validation,
            $"by beat: {fraction.ToString(System.Globalization.CultureInfo.InvariantCulture)} of each class held out, seed {seed}");
    }

    /// <summary>Holds out every beat of <paramref name="validationRecords"/>: no record is on both sides, as with a new patient.</summary>
    /// <exception cref="ArgumentException">The beats carry no origins, or a record named holds no beat.</exception>
    public static ValidationSplit ByRecord(LabelledBeats data, IReadOnlyCollection<string> validationRecords)
    {
        var origins = data.Origins ?? throw new ArgumentException("the beats do not say which record each came from", nameof(data));
        var held = validationRecords.ToHashSet(StringComparer.Ordinal);
        var missing = held.Where(r => !origins.Any(o => o.Record == r)).ToList();
        if (missing.Count > 0) throw new ArgumentException($"no beats of record(s) {string.Join(", ", missing)}", nameof(validationRecords));
        var train = new List<int>();
        var validation = new List<int>();
        for (int i = 0; i < data.Count; i++) (held.Contains(origins[i].Record) ? validation : train).Add(i);
        return new ValidationSplit(data, train.ToArray(), validation.ToArray(),
            $"by record: {string.Join(" ", held.Order(StringComparer.Ordinal))} held out");
    }

    /// <summary>All the data: training part and validation part.</summary>
    public LabelledBeats Data { get; }

    /// <summary>Indices into <see cref="Data"/> of the beats trained on, ascending.</summary>
    public int[] TrainIndices { get; }

    /// <summary>Indices into <see cref="Data"/> of the beats held out, ascending.</summary>
    public int[] ValidationIndices { get; }

    /// <summary>The split in words, for cards.</summary>
    public string Description { get; }

    /// <summary>SHA-256 (hex) of the data and of which beats are held out: two splits with the same fingerprint hold out the same beats of the same data.</summary>
    public string Fingerprint { get; }

    /// <summary>The beats trained on.</summary>
    public LabelledBeats Training => _training ??= Data.Select(TrainIndices);

    /// <summary>The beats held out.</summary>
    public LabelledBeats Validation => _validation ??= Data.Select(ValidationIndices);

    private string ComputeFingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(Data.Fingerprint()));
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(ValidationIndices.AsSpan()));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
