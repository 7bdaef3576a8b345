using EcgBeats.Datasets;
using EcgBeats.Representations;
using Spectre.Console;
using EcgBeats.Beats;

namespace EcgBeats.Cli.Commands;

/// <summary>Reads a training file for <c>train</c>: with the recipe of the dataset card beside it, or the Kaggle recipe assumed.</summary>
internal static class TrainingFile
{
    public static LabelledBeats Read(string file, IAnsiConsole console)
    {
        var data = DatasetFiles.ReadLabelled(file);
        if (data.Recipe is not null) return data;
        // Kaggle's own files come without a card; their 187 values are the Kaggle-faithful cut.
        var kaggle = new KaggleMitBihRepresentation().Recipe;
        console.MarkupLineInterpolated($"[yellow]note[/]: no {DatasetCard.FileName} lists {file}; its beats are taken to be Kaggle's ({kaggle.Describe()}).");
        return data.WithRecipe(kaggle);
    }
}
