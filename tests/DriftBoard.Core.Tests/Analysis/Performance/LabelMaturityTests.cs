using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Tests.TestSupport;

namespace DriftBoard.Core.Tests.Analysis.Performance;

public class LabelMaturityTests
{
    // Nine full weeks; every positive's label arrives exactly 5 or exactly 15 days after its prediction.
    private static readonly SyntheticFrame KnownDelays = new()
    {
        Days = 63,
        RowsPerDay = 200,
        PositiveRate = 0.05,
        MaturityDays = 20,
        PositiveDelayMs = random => (random.Next(2) == 0 ? 5 : 15) * UtcDays.MsPerDay,
    };

    [Fact]
    public void Maturity_is_the_elapsed_share_of_the_delay_distribution()
    {
        var frame = KnownDelays.Build();
        var context = KnownDelays.Context();
        var windows = SyntheticFrame.Weeks(frame);
        var ranges = WindowRows.Ranges(frame.Timestamps, windows);
        var delays = LabelMaturity.FitDelays(frame, context);
        WindowMaturity Of(int weeksBack) => LabelMaturity.Of(frame, ranges[^(weeksBack + 1)], delays, context);

        // F is a two-step function: 0 below 5 days, the share h of 5-day delays up to 15 days, then 1.
        var h = delays.Cdf(10 * UtcDays.MsPerDay);
        Assert.InRange(h, 0.4, 0.6);
        Assert.Equal(h, delays.Cdf((5 * UtcDays.MsPerDay) + 1));
        Assert.Equal(0.0, delays.Cdf((5 * UtcDays.MsPerDay) - 1));
        Assert.Equal(1.0, delays.Cdf(15 * UtcDays.MsPerDay));
        // Rows k days back (age in (k, k + 1)) have F = 0 for k < 5, h for 5 <= k < 15, 1 from 15 on.
        Assert.Equal(2 * h / 7, Of(0).Maturity, 12);
        Assert.Equal(h, Of(1).Maturity, 12);
        Assert.Equal((6 + h) / 7, Of(2).Maturity, 12);
        Assert.Equal(1.0, Of(3).Maturity, 12);
        Assert.True(Of(1).Provisional);
        Assert.False(Of(2).Provisional);
        // Negatives are known 20 days on: only the oldest day of the week 14–20 days back.
        Assert.Equal(1.0 / 7, Of(2).PastMaturityShare, 12);
        Assert.Equal(1.0, Of(3).PastMaturityShare, 12);
    }

    [Fact]
    public void Delays_are_fitted_on_rows_old_enough_for_every_delay_to_be_seen()
    {
        // Young rows only show their fast labels; fitting on them would claim most labels arrive in 5 days.
        var frame = KnownDelays.Build();
        var context = KnownDelays.Context();

        var delays = LabelMaturity.FitDelays(frame, context);

        Assert.InRange(delays.Count, 380, 480); // about 0.05 · 200 · 43 days
        Assert.Equal(5 * UtcDays.MsPerDay, delays.QuantileMs(0.25));
        Assert.Equal(15 * UtcDays.MsPerDay, delays.QuantileMs(0.75));
    }

    [Fact]
    public void Without_positives_maturity_is_the_share_of_known_labels()
    {
        var day = new DateOnly(2026, 3, 2);
        var frame = new FrameBuilder()
            .Add(FrameBuilder.Ms(day), 0.1, false, 0, FrameBuilder.Ms(day))
            .Add(FrameBuilder.Ms(day), 0.2, false, -1, 0)
            .Add(FrameBuilder.Ms(day), 0.3, false, 0, FrameBuilder.Ms(day))
            .Add(FrameBuilder.Ms(day), 0.4, false, -1, 0)
            .Build();
        var context = new AnalysisContext(new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero));

        var maturity = LabelMaturity.Of(frame, new RowRange(0, 4), LabelMaturity.FitDelays(frame, context), context);

        Assert.Equal(0.5, maturity.Maturity);
        Assert.True(maturity.Provisional);
        Assert.True(double.IsNaN(maturity.PastMaturityShare));
    }
}
