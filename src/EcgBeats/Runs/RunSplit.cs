namespace EcgBeats.Runs;

/// <summary>What <c>ecgbeats run --splits</c> runs.</summary>
public enum RunSplit
{
    /// <summary>The Kaggle split: stratified random 80/20 over beats.</summary>
    Intra,

    /// <summary>New patients: train on DS1, test on DS2 (de Chazal et al. 2004), and whole DS2 records scored as EC57.</summary>
    Inter,

    /// <summary>
    /// The patient-adaptive protocol on DS2 (<see cref="Protocols.PatientAdaptiveEvaluation"/>): the inter split's model for
    /// new patients adapted to each DS2 record on its first 5 minutes or on a few confirmed beats. Runs (or reads back) the
    /// inter split first: its model is the base.
    /// </summary>
    Adaptive,
}
