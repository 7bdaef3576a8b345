using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EcgBeats.Wfdb.Formats;

/// <summary>
/// Vector loops for the byte-aligned codecs: 16 bytes in, widened to ints, the invalid marker mapped to
/// <see cref="SignalCodecs.InvalidSample"/>. Each returns how many values it decoded; the caller finishes the tail
/// with its scalar loop. <c>Vector128</c> runs on SSE and NEON alike (and in software elsewhere).
/// </summary>
internal static class Widen
{
    /// <summary>Little-endian 16-bit values (format 16; <paramref name="swap"/> for big-endian format 61).</summary>
    public static int Int16(ReadOnlySpan<byte> bytes, Span<int> values, bool swap)
    {
        if (!Vector128.IsHardwareAccelerated) return 0;
        ref byte src = ref MemoryMarshal.GetReference(bytes);
        ref int dst = ref MemoryMarshal.GetReference(values);
        var order = Vector128.Create((byte)1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14);
        int i = 0;
        for (; i + 8 <= values.Length; i += 8)
        {
            var raw = Vector128.LoadUnsafe(ref src, (nuint)(2 * i));
            if (swap) raw = Vector128.Shuffle(raw, order);
            var words = raw.AsInt16();
            Vector128.WidenLower(words).StoreUnsafe(ref dst, (nuint)i);
            Vector128.WidenUpper(words).StoreUnsafe(ref dst, (nuint)(i + 4));
        }
        return i;
    }

    /// <summary>Offset-binary 16-bit values (format 160): word - 32768; the marker (0) maps to -32768 by itself.</summary>
    public static int OffsetUInt16(ReadOnlySpan<byte> bytes, Span<int> values)
    {
        if (!Vector128.IsHardwareAccelerated) return 0;
        ref byte src = ref MemoryMarshal.GetReference(bytes);
        ref int dst = ref MemoryMarshal.GetReference(values);
        var offset = Vector128.Create(32768);
        int i = 0;
        for (; i + 8 <= values.Length; i += 8)
        {
            var words = Vector128.LoadUnsafe(ref src, (nuint)(2 * i)).AsUInt16();
            (Vector128.WidenLower(words).AsInt32() - offset).StoreUnsafe(ref dst, (nuint)i);
            (Vector128.WidenUpper(words).AsInt32() - offset).StoreUnsafe(ref dst, (nuint)(i + 4));
        }
        return i;
    }

    /// <summary>8-bit values: signed (format 8's differences) or offset binary (format 80: byte - 128, marker -128).</summary>
    public static int Int8(ReadOnlySpan<byte> bytes, Span<int> values, bool offsetBinary)
    {
        if (!Vector128.IsHardwareAccelerated) return 0;
        ref byte src = ref MemoryMarshal.GetReference(bytes);
        ref int dst = ref MemoryMarshal.GetReference(values);
        var flip = Vector128.Create((byte)0x80);
        int i = 0;
        for (; i + 16 <= values.Length; i += 16)
        {
            var raw = Vector128.LoadUnsafe(ref src, (nuint)i);
            // byte - 128 is the byte with its top bit flipped, read as signed; a stored 0 (-128) is rare, so it is
            // looked for once per 16 bytes and mapped only where present.
            var signed = (offsetBinary ? raw ^ flip : raw).AsSByte();
            var lo = Vector128.WidenLower(signed);
            var hi = Vector128.WidenUpper(signed);
            if (offsetBinary && Vector128.EqualsAny(raw, Vector128<byte>.Zero))
            {
                lo = Vector128.ConditionalSelect(Vector128.Equals(lo, Vector128.Create((short)-128)), Vector128.Create((short)SignalCodecs.InvalidSample), lo);
                hi = Vector128.ConditionalSelect(Vector128.Equals(hi, Vector128.Create((short)-128)), Vector128.Create((short)SignalCodecs.InvalidSample), hi);
            }
            Vector128.WidenLower(lo).StoreUnsafe(ref dst, (nuint)i);
            Vector128.WidenUpper(lo).StoreUnsafe(ref dst, (nuint)(i + 4));
            Vector128.WidenLower(hi).StoreUnsafe(ref dst, (nuint)(i + 8));
            Vector128.WidenUpper(hi).StoreUnsafe(ref dst, (nuint)(i + 12));
        }
        return i;
    }

    /// <summary>Little-endian 24-bit values (format 24), 4 at a time from 12 bytes (16 loaded, so the last 4 values are left to the caller).</summary>
    public static int Int24(ReadOnlySpan<byte> bytes, Span<int> values)
    {
        if (!Vector128.IsHardwareAccelerated) return 0;
        ref byte src = ref MemoryMarshal.GetReference(bytes);
        ref int dst = ref MemoryMarshal.GetReference(values);
        // Each value's 3 bytes into the top 3 bytes of its int lane (index 0xFF gives 0), then an arithmetic shift.
        var place = Vector128.Create((byte)0xFF, 0, 1, 2, 0xFF, 3, 4, 5, 0xFF, 6, 7, 8, 0xFF, 9, 10, 11);
        int i = 0;
        for (; i + 4 <= values.Length && 3 * i + 16 <= bytes.Length; i += 4)
        {
            var lanes = Vector128.Shuffle(Vector128.LoadUnsafe(ref src, (nuint)(3 * i)), place).AsInt32();
            Store(Vector128.ShiftRightArithmetic(lanes, 8), ref dst, i, true, -(1 << 23));
        }
        return i;
    }

    /// <summary>Little-endian 32-bit values (format 32), marker int.MinValue.</summary>
    public static int Int32(ReadOnlySpan<byte> bytes, Span<int> values)
    {
        if (!Vector128.IsHardwareAccelerated) return 0;
        ref byte src = ref MemoryMarshal.GetReference(bytes);
        ref int dst = ref MemoryMarshal.GetReference(values);
        int i = 0;
        for (; i + 4 <= values.Length; i += 4)
            Store(Vector128.LoadUnsafe(ref src, (nuint)(4 * i)).AsInt32(), ref dst, i, true, int.MinValue);
        return i;
    }

    /// <summary>
    /// Format 212, 8 values from 12 bytes (16 loaded, so the last 8 values are left to the caller). Each pair's bytes
    /// b0 b1 b2 go into two 16-bit lanes: b0|b1&lt;&lt;8 (value a = its low 12 bits) and b2|b1&lt;&lt;8 (value b = b2 plus
    /// b1's high nibble); both are sign-extended in 16 bits, the marker -2048 mapped, then widened.
    /// </summary>
    public static int Packed212(ReadOnlySpan<byte> bytes, Span<int> values)
    {
        if (!Vector128.IsHardwareAccelerated) return 0;
        ref byte src = ref MemoryMarshal.GetReference(bytes);
        ref int dst = ref MemoryMarshal.GetReference(values);
        var place = Vector128.Create((byte)0, 1, 2, 1, 3, 4, 5, 4, 6, 7, 8, 7, 9, 10, 11, 10);
        var evenLanes = Vector128.Create((short)-1, 0, -1, 0, -1, 0, -1, 0);
        var marker = Vector128.Create((short)-2048);
        int i = 0;
        for (; i + 8 <= values.Length && 3 * i / 2 + 16 <= bytes.Length; i += 8)
        {
            var lanes = Vector128.Shuffle(Vector128.LoadUnsafe(ref src, (nuint)(3 * i / 2)), place).AsInt16();
            var a = Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(lanes, 4), 4);
            var b = (Vector128.ShiftRightArithmetic(lanes, 4) & Vector128.Create(unchecked((short)0xFF00))) | (lanes & Vector128.Create((short)0x00FF));
            var v = Vector128.ConditionalSelect(evenLanes, a, b);
            if (Vector128.EqualsAny(v, marker))
                v = Vector128.ConditionalSelect(Vector128.Equals(v, marker), Vector128.Create((short)SignalCodecs.InvalidSample), v);
            Vector128.WidenLower(v).StoreUnsafe(ref dst, (nuint)i);
            Vector128.WidenUpper(v).StoreUnsafe(ref dst, (nuint)(i + 4));
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector128<int> v, ref int dst, int at, bool mapMarker, int marker)
    {
        // The marker is rare: test for it once, map only where present.
        if (mapMarker && Vector128.EqualsAny(v, Vector128.Create(marker))) v = Vector128.ConditionalSelect(Vector128.Equals(v, Vector128.Create(marker)), Vector128.Create(SignalCodecs.InvalidSample), v);
        v.StoreUnsafe(ref dst, (nuint)at);
    }
}
