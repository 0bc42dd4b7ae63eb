using System.Numerics;

namespace DriftBoard.Core.Analysis.Monitors;

/// <summary>
/// Per-day values of <see cref="Width"/> cells (a histogram, a category table, or one count), with prefix sums so the
/// total of any run of days is O(width) — a trailing window slides by subtracting two prefixes, never by re-reading rows.
/// </summary>
public sealed class DaySeries<T>
    where T : struct, INumber<T>
{
    private readonly T[] _values;
    private readonly T[] _prefix;

    /// <param name="values">Day-major values: cell c of day d at <c>d · width + c</c>. Kept, not copied.</param>
    public DaySeries(int days, int width, T[] values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        if (values.Length != days * width)
        {
            throw new ArgumentException($"Expected {days} x {width} values, got {values.Length}.", nameof(values));
        }

        Days = days;
        Width = width;
        _values = values;
        _prefix = new T[(days + 1) * width];
        for (var d = 0; d < days; d++)
        {
            var previous = _prefix.AsSpan(d * width, width);
            var next = _prefix.AsSpan((d + 1) * width, width);
            var day = values.AsSpan(d * width, width);
            for (var c = 0; c < width; c++)
            {
                next[c] = previous[c] + day[c];
            }
        }
    }

    public int Days { get; }

    public int Width { get; }

    /// <summary>The cells of one day.</summary>
    public ReadOnlySpan<T> OnDay(int day) => _values.AsSpan(day * Width, Width);

    /// <summary>Total of <paramref name="cell"/> over days [from, to), both clamped to [0, <see cref="Days"/>]; zero for an empty run.</summary>
    public T Sum(int fromDay, int toDayExclusive, int cell = 0)
    {
        var (from, to) = Clamp(fromDay, toDayExclusive);
        return _prefix[(to * Width) + cell] - _prefix[(from * Width) + cell];
    }

    /// <summary>Totals of every cell over days [from, to) (clamped) written to <paramref name="destination"/>.</summary>
    public void Sum(int fromDay, int toDayExclusive, Span<T> destination)
    {
        if (destination.Length != Width)
        {
            throw new ArgumentException($"Destination must hold {Width} cells.", nameof(destination));
        }

        var (from, to) = Clamp(fromDay, toDayExclusive);
        var end = _prefix.AsSpan(to * Width, Width);
        var start = _prefix.AsSpan(from * Width, Width);
        for (var c = 0; c < Width; c++)
        {
            destination[c] = end[c] - start[c];
        }
    }

    private (int From, int To) Clamp(int fromDay, int toDayExclusive)
    {
        var from = Math.Clamp(fromDay, 0, Days);
        var to = Math.Clamp(toDayExclusive, from, Days);
        return (from, to);
    }
}
