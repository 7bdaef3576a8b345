using EcgBeats.Runs;
using EcgBeats.TestSupport;

namespace EcgBeats.Tests.Runs;

public sealed class RunFolderTests
{
    [Fact]
    public void AnnotateTakesTheAllPatientsModelWhenARunHoldsOneAndTheDs1OnlyModelOtherwise()
    {
        // #27: the model for new records is the declared recipe trained on every patient, where run or train-default made it.
        using var temp = TestData.TempFolder();
        string ds1Only = Path.Combine(temp.Path, "inter", "models", "ensemble-classwise");
        string allPatients = Path.Combine(temp.Path, "all-patients", "models", "ensemble-classwise");
        Assert.Equal(ds1Only, RunFolder.AnnotationModelIn(temp.Path));

        // A folder without a card is not a model: an interrupted training leaves one.
        Directory.CreateDirectory(allPatients);
        Assert.Equal(ds1Only, RunFolder.AnnotationModelIn(temp.Path));

        File.WriteAllText(Path.Combine(allPatients, "model.json"), "{}");
        Assert.Equal(allPatients, RunFolder.AnnotationModelIn(temp.Path));
        Assert.Equal(Path.Combine("runs", "latest", "all-patients", "models", "ensemble-classwise"), RunFolder.AllPatientsModel(RunFolder.DefaultPath));
    }
}
