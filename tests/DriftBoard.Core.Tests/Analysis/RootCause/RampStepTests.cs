using DriftBoard.Core.Analysis.RootCauses;

namespace DriftBoard.Core.Tests.Analysis.RootCauses;

public class RampStepTests
{
    [Fact]
    public void A_step_is_found_on_its_day_with_no_ramp_and_both_levels()
    {
        var series = Noisy(120, day => day < 50 ? 0.06 : 0.53, sd: 0.01, seed: 1);

        var fit = RampStep.Fit(series);

        Assert.Equal(50, fit.Start);
        Assert.Equal(0, fit.RampDays);
        Assert.Equal(0.06, fit.Before, 2);
        Assert.Equal(0.53, fit.After, 2);
        Assert.True(fit.SignalToNoise(0.002) > 30);
        Assert.Equal(1, fit.Persistence, 1);
    }

    [Fact]
    public void A_gradual_change_is_fitted_as_a_ramp_of_about_its_length()
    {
        var series = Noisy(120, day => Math.Clamp((day - 40) / 14.0, 0, 1) * 0.3, sd: 0.01, seed: 2);

        var fit = RampStep.Fit(series);

        Assert.InRange(fit.Start, 39, 42);
        Assert.InRange(fit.RampDays, 11, 16);
        Assert.Equal(0.3, fit.After, 1);
    }

    [Fact]
    public void Days_without_a_value_are_skipped_and_a_short_series_has_no_fit()
    {
        var series = Noisy(60, day => day < 30 ? 1 : 3, sd: 0.05, seed: 3);
        for (var day = 25; day < 35; day++)
        {
            series[day] = double.NaN;
        }

        var fit = RampStep.Fit(series);

        Assert.True(fit.Found);
        // Any start inside the gap fits equally well; ties keep the earliest.
        Assert.InRange(fit.Start, 25, 35);
        Assert.Equal(2, fit.Jump, 1);
        Assert.False(RampStep.Fit([1.0, 2.0, double.NaN, 3.0, 4.0]).Found);
    }

    [Fact]
    public void A_change_that_goes_away_again_does_not_persist()
    {
        var series = Noisy(120, day => day is >= 40 and < 100 ? 0.5 : 0.1, sd: 0.01, seed: 4);

        var fit = RampStep.Fit(series);

        Assert.True(fit.Persistence < 0.2, $"persistence {fit.Persistence}");
    }

    [Fact]
    public void The_earliest_consistent_start_reaches_back_into_a_noisy_onset_but_not_before_a_clean_step()
    {
        var clean = Noisy(120, day => day < 60 ? 0 : 1, sd: 0.01, seed: 5);
        var cleanFit = RampStep.Fit(clean);
        Assert.Equal(cleanFit.Start, RampStep.EarliestConsistentStart(clean, cleanFit));

        var noisy = Noisy(120, day => Math.Clamp((day - 60) / 10.0, 0, 1) * -4, sd: 1, seed: 6);
        var noisyFit = RampStep.Fit(noisy);
        var onset = RampStep.EarliestConsistentStart(noisy, noisyFit);
        Assert.InRange(onset, 50, noisyFit.Start);
    }

    private static double[] Noisy(int days, Func<int, double> level, double sd, int seed)
    {
        var random = new Random(seed);
        var series = new double[days];
        for (var day = 0; day < days; day++)
        {
            // Box–Muller, so the noise is normal and seeded.
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            series[day] = level(day) + (sd * normal);
        }

        return series;
    }
}
