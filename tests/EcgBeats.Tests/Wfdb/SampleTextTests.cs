using System.Globalization;
using CsCheck;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Wfdb;

/// <summary>
/// #26: <see cref="PhysicalText"/> and <see cref="TimeText"/> write what .NET's own formats write for the same doubles
/// (<c>"R"</c> for <c>(adc - baseline) / gain</c>, <c>"0.######"</c> for <c>sample / frequency</c>), which is what
/// <c>samples</c> printed before them; the fast paths and the fallbacks are both drawn.
/// </summary>
public sealed class SampleTextTests
{
    private static string Written(Func<char[], (bool, int)> format)
    {
        var buffer = new char[64];
        var (fits, written) = format(buffer);
        Assert.True(fits);
        return new string(buffer, 0, written);
    }

    private static string Physical(int adc, int baseline, double gain) =>
        Written(b => (new PhysicalText(baseline, gain).TryFormat(adc, b, out int n), n));

    private static string Time(long sample, double frequency) =>
        Written(b => (new TimeText(frequency).TryFormat(sample, b, out int n), n));

    // Gains that divide 10^6 (the integer path) and others (the fallback), as PhysioNet headers have them.
    private static readonly double[] Gains = [200, 1000, 100, 400, 500, 2000, 1, 2, 5, 8, 16, 25, 64, 640, 1_000_000, 204.8, 3, 65536, 0.5, 2_000_000, 6.25];

    // Sampling frequencies: whole (the integer path while f * 10^D <= 10^8) and fractional (the fallback).
    private static readonly double[] Frequencies = [360, 128, 250, 256, 257, 500, 1000, 1024, 2000, 1, 3, 7, 44_100, 1_000_000, 360.5, 1000.0 / 3, 0.5, 62.5];

    [Fact]
    public void PhysicalValuesAreWhatTheRoundTripFormatWrites()
    {
        Gen.Select(Gen.Int, Gen.Int[-100_000, 100_000], Gen.Int[0, Gains.Length - 1]).Sample((adc, baseline, g) =>
        {
            double gain = Gains[g];
            Assert.Equal(((adc - (double)baseline) / gain).ToString("R", CultureInfo.InvariantCulture), Physical(adc, baseline, gain));
        }, iter: 200_000);
        // Small values near the round-trip format's switch to exponents, and the ends of the ADC range.
        foreach (double gain in Gains)
            foreach (int adc in new[] { 0, 1, -1, 2, 5, 9, 10, 99, 100, 101, 999, int.MaxValue, int.MinValue, -32768, 32767 })
                Assert.Equal(((double)adc / gain).ToString("R", CultureInfo.InvariantCulture), Physical(adc, 0, gain));
        Assert.Equal("-0.145", Physical(995, 1024, 200));           // MIT-BIH 100's first MLII sample, as rdsamp -p prints it
        Assert.Equal("0", Physical(1024, 1024, 200));
    }

    [Fact]
    public void TimesAreWhatTheCustomFormatWrites()
    {
        Gen.Select(Gen.Long[0, 100_000_000_000], Gen.Int[0, Frequencies.Length - 1]).Sample((sample, f) =>
        {
            double frequency = Frequencies[f];
            Assert.Equal((sample / frequency).ToString("0.######", CultureInfo.InvariantCulture), Time(sample, frequency));
        }, iter: 200_000);
        // Every sample of the first day at 128 Hz (exact halves of a millionth: 1/128 s = 0.0078125) and at 360 Hz.
        foreach (double frequency in new[] { 128.0, 360 })
            for (long sample = 0; sample < (long)(86_400 * frequency); sample += 7)
                Assert.Equal((sample / frequency).ToString("0.######", CultureInfo.InvariantCulture), Time(sample, frequency));
        Assert.Equal("0.007813", Time(1, 128));
        Assert.Equal("0.002778", Time(1, 360));
        Assert.Equal("1805.552778", Time(650_000 - 1, 360));        // MIT-BIH 100's last sample
        Assert.Equal("5", Time(1800, 360));
    }

    [Fact]
    public void ATooShortBufferIsRefusedNotOverrun()
    {
        var small = new char[5];
        Assert.False(new PhysicalText(0, 200).TryFormat(-123_456, small, out _)); // "-617.28"
        Assert.False(new TimeText(360).TryFormat(650_000, small, out _));         // "1805.555556"
        Assert.True(new TimeText(360).TryFormat(360, small, out int written));
        Assert.Equal("1", new string(small, 0, written));
    }
}
