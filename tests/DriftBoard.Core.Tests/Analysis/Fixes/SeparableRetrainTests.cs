using DriftBoard.Core.Analysis.Fixes;
using DriftBoard.Core.Analysis.Surrogate;
using DriftBoard.Core.Domain;
using Xunit.Abstractions;

namespace DriftBoard.Core.Tests.Analysis.Fixes;

/// <summary>
/// Labels that one feature separates perfectly: an unpenalised logistic fit would send its coefficients to infinity and
/// its probabilities to exactly 0 and 1, so a threshold matched to an alert rate would tie and flag everything.
/// </summary>
public class SeparableRetrainTests(ITestOutputHelper output)
{
    const double Threshold = 0.5;
    const string Signal = "signal_strength";
    const string Noise = "session_noise";

    [Fact]
    public void A_label_model_on_separable_rows_keeps_bounded_coefficients_and_untied_scores()
    {
        var frame = Separable(rows: 20_000, seed: 41);
        var rows = RowSets.Range(0, 20_000);

        var model = LabelModel.Fit(frame, rows);
        var largest = model.Coefficients.Max(Math.Abs);
        var scores = model.Score(frame, rows);
        output.WriteLine($"iterations {model.Iterations} converged {model.Converged} largest |β| {largest}");

        Assert.True(largest < 50, $"largest coefficient {largest}");
        // On the logit scale the scores do not tie, even where the probabilities round to 0 or 1.
        var distinctLogits = model.LinearPredictor(frame, rows).Distinct().Count();
        Assert.True(distinctLogits > 0.99 * rows.Length, $"{distinctLogits} distinct log-odds for {rows.Length} rows");
        var flaggedAtHalf = scores.Count(s => s >= 0.5);
        var positives = rows.Count(row => frame.Labels[row] == LabelValue.Positive);
        Assert.InRange(flaggedAtHalf, positives * 0.9, positives * 1.1);
    }

    [Fact]
    public void Retraining_on_separable_rows_flags_the_current_alert_share_and_reports_a_real_interval()
    {
        var frame = Separable(rows: 40_000, seed: 42);

        var result = FixSimulator.Retrain(frame, RowSets.Range(0, 20_000), RowSets.Range(20_000, 20_000), Threshold, 0.9);
        var fix = result.AtCurrentAlertRate;
        output.WriteLine($"{result}");

        Assert.True(Math.Abs(fix.AlertRateChange) < 0.1, $"alert volume change {fix.AlertRateChange}");
        Assert.Contains("same alert volume", fix.Title);
        Assert.True(fix.ExpectedRecall > result.CurrentRecall + 0.1, $"retrained {fix.ExpectedRecall} vs current {result.CurrentRecall}");
        Assert.True(fix.ExpectedPrecision > result.CurrentPrecision, $"precision {fix.ExpectedPrecision} vs current {result.CurrentPrecision}");
        Assert.InRange(fix.ExpectedRecall, fix.ExpectedRecallLow, fix.ExpectedRecallHigh);
    }

    [Fact]
    public void The_retrain_reports_the_alert_share_its_threshold_achieves()
    {
        var frame = Separable(rows: 40_000, seed: 43);
        // Two logged score values: the current model flags about 60% of rows; the retrained threshold must flag that share too.
        var scores = frame.Scores;
        var random = new Random(5);
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = random.NextDouble() < 0.6 ? 0.9 : 0.1;
        }

        var fix = FixSimulator.Retrain(frame, RowSets.Range(0, 20_000), RowSets.Range(20_000, 20_000), Threshold, 0.9).AtCurrentAlertRate;
        output.WriteLine($"{fix}");

        var currentShare = RowSets.Range(20_000, 20_000).Count(row => scores[row] >= Threshold) / 20_000.0;
        Assert.Contains($"flags {(currentShare * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}% of rows", fix.Description);
        Assert.True(Math.Abs(fix.AlertRateChange) < 0.1);
    }

    [Fact]
    public void A_retrain_that_cannot_beat_the_current_model_says_so()
    {
        var frame = Separable(rows: 40_000, seed: 44);
        // The logged model is made perfect on the evaluation window; the label model on two features cannot do better.
        for (var i = 20_000; i < 40_000; i++)
        {
            frame.Scores[i] = frame.Labels[i] == LabelValue.Positive ? 0.9 : 0.1;
        }

        var fix = FixSimulator.Retrain(frame, RowSets.Range(0, 20_000), RowSets.Range(20_000, 20_000), Threshold, 0.9).AtCurrentAlertRate;
        var clean = FixSimulator.Retrain(Separable(rows: 40_000, seed: 44), RowSets.Range(0, 20_000), RowSets.Range(20_000, 20_000), Threshold, 0.9).AtCurrentAlertRate;

        Assert.Contains("No gain from retraining alone", fix.Description);
        Assert.DoesNotContain("No gain", clean.Description);
    }

    /// <summary>Label = signal above 9.5 (5% positives); the logged model sees the signal through noise and misses many.</summary>
    static DatasetFrame Separable(int rows, int seed)
    {
        var random = new Random(seed);
        var signal = new double[rows];
        var noise = new double[rows];
        var scores = new double[rows];
        var labels = new sbyte[rows];
        var timestamps = new long[rows];
        var knownAt = new long[rows];
        var predictions = new byte[rows];
        const long start = 1_780_000_000_000;
        for (var i = 0; i < rows; i++)
        {
            signal[i] = 10 * random.NextDouble();
            noise[i] = 3 * (random.NextDouble() - 0.5);
            labels[i] = signal[i] > 9.5 ? LabelValue.Positive : LabelValue.Negative;
            scores[i] = 1 / (1 + Math.Exp(-(1.5 * (signal[i] - 9.2) + 2 * noise[i])));
            predictions[i] = scores[i] >= Threshold ? (byte)1 : (byte)0;
            timestamps[i] = start + i * 60_000L;
            knownAt[i] = timestamps[i] + 86_400_000L;
        }
        return new DatasetFrame
        {
            Timestamps = timestamps,
            Scores = scores,
            Predictions = predictions,
            Labels = labels,
            LabelKnownAt = knownAt,
            Features = new Dictionary<string, FeatureColumn>
            {
                [Signal] = new NumericColumn(new FeatureSpec(Signal, FeatureType.Numeric), signal),
                [Noise] = new NumericColumn(new FeatureSpec(Noise, FeatureType.Numeric), noise),
            },
        };
    }
}
