using EcgBeats.Adaptation;
using EcgBeats.Beats;
using EcgBeats.TestSupport;

namespace EcgBeats.Tests.Adaptation;

public sealed class LabellingSheetTests
{
    [Theory]
    [InlineData(203.1556, "3:23.156")] // 73136 samples at 360 Hz
    [InlineData(0.0026, "0:00.003")]
    [InlineData(3725.5, "1:02:05.500")]
    public void TimesReadAsRdannPrintsThem(double seconds, string expected) => Assert.Equal(expected, LabellingSheet.Time(seconds));

    [Fact]
    public void ASheetAsASpreadsheetSavesItIsRead()
    {
        // As a spreadsheet saves it: a byte-order mark, CRLF, quoted fields, columns in another order, empty labels, a
        // WFDB symbol (A: atrial premature, class S) and an AAMI letter.
        using var temp = TestData.TempFolder();
        string path = temp.File("filled.csv");
        File.WriteAllText(path, "\uFEFFlabel,sample,record,time\r\n\"V\",\"73136\",208,3:23.156\r\n,64400,208,x\r\nA,\"29578\",\"208\",\"1:22,161\"\r\n", new System.Text.UTF8Encoding(false));
        var labels = LabellingSheet.Read(path, "208");
        Assert.Equal([(73136L, AamiClass.V, 2), (29578L, AamiClass.S, 4)], labels.Select(l => (l.Sample, l.Class, l.Line)));
    }

    [Theory]
    [InlineData("record,sample,label\n208,12,X\n", "line 2: label X: expected N, S, V, F or Q")]
    [InlineData("record,sample,label\n208,12,N\n208,12,V\n", "line 3: sample 12 is labelled again (first on line 2)")]
    [InlineData("record,sample,label\n100,12,N\n", "line 2: the row is about record 100, not 208")]
    [InlineData("record,sample,label\n208,-4,N\n", "line 2: sample -4: expected a whole number")]
    [InlineData("record,time\n208,0:01\n", "line 1: the header needs columns 'sample' and 'label'")]
    [InlineData("record,sample,label\n208,12\n", "line 2: 2 fields; the header has 3")]
    [InlineData("record,sample,label\n208,\"12,N\n", "line 2: a quoted field is never closed")]
    public void AWrongSheetIsRefusedWithItsLine(string text, string expected)
    {
        using var temp = TestData.TempFolder();
        string path = temp.File("sheet.csv");
        File.WriteAllText(path, text);
        var error = Assert.Throws<InvalidInputException>(() => LabellingSheet.Read(path, "208"));
        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
    }
}
