namespace EcgBeats.Dsp;

/// <summary>
/// Rational resampling by up/down with a Kaiser-windowed sinc anti-alias filter, as SciPy's
/// <c>resample_poly(x, up, down)</c> does with its defaults: the ratio reduced by its gcd,
/// <c>2·10·max(up, down) + 1</c> taps, cut-off at <c>1/max(up, down)</c> of Nyquist, Kaiser β = 5,
/// unit DC gain times <c>up</c>, zero padding at the ends, and the filter's delay removed so
/// output sample k lies at time <c>k·down/up</c> input samples. The window comes from NWaves.
/// </summary>
public sealed class PolyphaseResampler
{
    private const int HalfLengthFactor = 10;
    private const double KaiserBeta = 5.0;
    private readonly double[] _taps;
    private readonly int _preRemove;

    /// <summary>A resampler between two sampling frequencies whose ratio is rational (e.g. 360 Hz -> 125 Hz is 25/72).</summary>
    public PolyphaseResampler(int fromHz, int toHz)
    {
        if (fromHz <= 0 || toHz <= 0) throw new ArgumentOutOfRangeException(nameof(fromHz), "sampling frequencies must be positive");
        int gcd = Gcd(fromHz, toHz);
        FromHz = fromHz;
        ToHz = toHz;
        Up = toHz / gcd;
        Down = fromHz / gcd;
        int maxRate = Math.Max(Up, Down);
        int halfLength = HalfLengthFactor * maxRate;
        int n = 2 * halfLength + 1;
        var window = NWaves.Windows.Window.Kaiser(n, KaiserBeta);
        double cutoff = 1.0 / maxRate; // relative to Nyquist
        var h = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x = cutoff * (i - halfLength);
            h[i] = cutoff * (x == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x)) * window[i];
        }
        double sum = h.Sum();
        // SciPy pads the filter in front so the delay is a whole number of output samples.
        int prePad = Down - halfLength % Down;
        _preRemove = (halfLength + prePad) / Down;
        _taps = new double[prePad + n];
        for (int i = 0; i < n; i++) _taps[prePad + i] = h[i] / sum * Up;
    }

    /// <summary>Input rate, Hz.</summary>
    public int FromHz { get; }

    /// <summary>Output rate, Hz.</summary>
    public int ToHz { get; }

    /// <summary>Upsampling factor after reduction.</summary>
    public int Up { get; }

    /// <summary>Downsampling factor after reduction.</summary>
    public int Down { get; }

    /// <summary>Output length for an input of <paramref name="inputLength"/> samples: ceil(n·up/down).</summary>
    public long OutputLength(long inputLength) => (inputLength * Up + Down - 1) / Down;

    /// <summary>Resamples a signal sampled at <see cref="FromHz"/> to <see cref="ToHz"/>.</summary>
    public double[] Apply(ReadOnlySpan<double> signal)
    {
        if (Up == 1 && Down == 1) return signal.ToArray();
        var output = new double[OutputLength(signal.Length)];
        int up = Up;
        for (int j = 0; j < output.Length; j++)
        {
            // y[j] = Σ_i taps[T − i·up]·x[i], T = (j + preRemove)·down: only one polyphase branch contributes.
            long t = (long)(j + _preRemove) * Down;
            long first = Math.Max(0, (t - _taps.Length + up) / up);
            while (t - first * up >= _taps.Length) first++;
            long last = Math.Min(signal.Length - 1, t / up);
            double acc = 0;
            for (long i = first; i <= last; i++) acc += _taps[t - i * up] * signal[(int)i];
            output[j] = acc;
        }
        return output;
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
