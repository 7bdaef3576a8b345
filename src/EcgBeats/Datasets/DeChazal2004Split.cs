namespace EcgBeats.Datasets;

/// <summary>
/// The inter-patient split: train and test on different people, so a model cannot recognise a
/// patient instead of a beat type.
/// </summary>
/// <remarks>
/// P. de Chazal, M. O'Dwyer, R. B. Reilly, "Automatic classification of heartbeats using ECG
/// morphology and heartbeat interval features", IEEE Trans. Biomed. Eng. 51(7):1196-1206, 2004.
/// DS1 (training) and DS2 (testing) hold 22 records each, balanced for beat types; the four paced
/// records are left out, as AAMI EC57 recommends.
/// </remarks>
public static class DeChazal2004Split
{
    /// <summary>DS1: the training records.</summary>
    public static IReadOnlyList<string> Ds1 { get; } =
        ["101", "106", "108", "109", "112", "114", "115", "116", "118", "119", "122", "124", "201", "203", "205", "207", "208", "209", "215", "220", "223", "230"];

    /// <summary>DS2: the test records.</summary>
    public static IReadOnlyList<string> Ds2 { get; } =
        ["100", "103", "105", "111", "113", "117", "121", "123", "200", "202", "210", "212", "213", "214", "219", "221", "222", "228", "231", "232", "233", "234"];

    /// <summary>The paced records, in neither set.</summary>
    public static IReadOnlyList<string> Excluded { get; } = ["102", "104", "107", "217"];
}
