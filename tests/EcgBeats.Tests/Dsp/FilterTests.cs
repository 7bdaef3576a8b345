using EcgBeats.Dsp;

namespace EcgBeats.Tests.Dsp;

/// <summary>Our filters against SciPy's, sample by sample, on 10 s of record 100 (in mV).</summary>
public sealed class FilterTests
{
    [Fact]
    public void BandPassCoefficientsEqualSciPysButter()
    {
        var filter = new ButterworthBandPass(0.5, 40, 4, 360);
        var expected = SciPyReference.Coefficients("scipy_butter4_bp_0.5_40_ba.csv");
        Assert.Equal(9, filter.Numerator.Length);
        for (int k = 0; k < 9; k++)
        {
            // Relative: the numerator spans 0.0066..0.04, the denominator 0.16..26.
            Assert.True(Math.Abs(filter.Numerator[k] - expected[0][k]) <= 1e-9 * Math.Abs(expected[0][k]) + 1e-15, $"b[{k}] = {filter.Numerator[k]}, SciPy {expected[0][k]}");
            Assert.True(Math.Abs(filter.Denominator[k] - expected[1][k]) <= 1e-12 * Math.Max(1, Math.Abs(expected[1][k])), $"a[{k}] = {filter.Denominator[k]}, SciPy {expected[1][k]}");
        }
    }

    [Fact]
    public void ZeroPhaseBandPassEqualsSciPysFiltfiltEverywhere()
    {
        double[] y = new ButterworthBandPass(0.5, 40, 4, 360).ApplyZeroPhase(SciPyReference.Input);
        double difference = SciPyReference.MaxAbsDifference(y, SciPyReference.Column("scipy_butter4_bp_0.5_40_filtfilt.csv"));
        Assert.True(difference < 1e-6, $"max |ours - SciPy| = {difference} mV");
    }

    [Fact]
    public void NotchCoefficientsEqualSciPysIirnotch()
    {
        var filter = new IirNotch(60, 30, 360);
        var expected = SciPyReference.Coefficients("scipy_notch60_q30_ba.csv");
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(expected[0][k], filter.Numerator[k], 1e-14);
            Assert.Equal(expected[1][k], filter.Denominator[k], 1e-14);
        }
    }

    [Fact]
    public void ZeroPhaseNotchEqualsSciPysFiltfiltEverywhere()
    {
        double[] y = new IirNotch(60, 30, 360).ApplyZeroPhase(SciPyReference.Input);
        double difference = SciPyReference.MaxAbsDifference(y, SciPyReference.Column("scipy_notch60_q30_filtfilt.csv"));
        Assert.True(difference < 1e-6, $"max |ours - SciPy| = {difference} mV");
    }

    [Fact]
    public void ResamplingEqualsSciPysResamplePolyEverywhere()
    {
        var resampler = new PolyphaseResampler(360, 125);
        Assert.Equal((25, 72), (resampler.Up, resampler.Down));
        double[] y = resampler.Apply(SciPyReference.Input);
        double difference = SciPyReference.MaxAbsDifference(y, SciPyReference.Column("scipy_resample_poly_25_72.csv"));
        Assert.True(difference < 1e-6, $"max |ours - SciPy| = {difference} mV");
    }

    [Theory]
    [InlineData(FilterKind.Notch)]
    [InlineData(FilterKind.Both)]
    public void MainsHumIsRemovedAndAToneInTheQrsBandKept(FilterKind kind)
    {
        // 60 s of a 10 Hz tone plus 60 Hz hum; judged in the middle 10 s, away from the 0.5 Hz
        // high-pass's start-up transient, which lasts seconds.
        const int n = 360 * 60;
        double[] tone = Enumerable.Range(0, n).Select(i => Math.Sin(2 * Math.PI * 10 * i / 360.0)).ToArray();
        double[] x = tone.Select((v, i) => v + Math.Sin(2 * Math.PI * 60 * i / 360.0)).ToArray();
        double[] y = new FilterOptions(kind).Apply(x, 360);
        double residual = Enumerable.Range(360 * 25, 3600).Max(i => Math.Abs(y[i] - tone[i]));
        Assert.True(residual < 0.01, $"residual {residual} (the hum alone has amplitude 1)");
    }

    [Fact]
    public void FilterDesignsRefuseImpossibleBands()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ButterworthBandPass(40, 0.5, 4, 360));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ButterworthBandPass(0.5, 200, 4, 360));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IirNotch(200, 30, 360));
    }
}
