using System.Collections.Concurrent;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Analysis.RootCauses;
using DriftBoard.Core.Demo;
using DriftBoard.Core.Domain;
using DriftBoard.Core.Tests.TestSupport;

namespace DriftBoard.Core.Tests.Analysis.RootCauses;

/// <summary>
/// The classifier on incidents generated with the demo scenario presets, with randomised feature names and start dates:
/// it must name the planted category, the broken feature for feature-level causes, and the start within a week.
/// </summary>
public class ScenarioSuiteTests
{
    private static readonly ConcurrentDictionary<(IncidentKind, int), ScenarioRun> Runs = new();

    public static TheoryData<IncidentKind, int, string> Incidents => new()
    {
        { IncidentKind.PipelineDefault, 11, RootCauseCategory.SchemaChange },
        { IncidentKind.RecodedCategories, 12, RootCauseCategory.SchemaChange },
        { IncidentKind.UnitChange, 13, RootCauseCategory.SchemaChange },
        { IncidentKind.NewMarket, 14, RootCauseCategory.DataDrift },
        { IncidentKind.ConceptChange, 15, RootCauseCategory.ConceptDrift },
        { IncidentKind.LabelShift, 16, RootCauseCategory.LabelShift },
        { IncidentKind.SeasonalOnly, 17, RootCauseCategory.None },
        { IncidentKind.None, 18, RootCauseCategory.None },
    };

    [Theory]
    [MemberData(nameof(Incidents))]
    public void The_verdict_names_the_planted_cause_its_feature_and_its_start(IncidentKind kind, int seed, string category)
    {
        var run = Run(kind, seed);
        var verdict = run.Verdict;
        var incident = run.Settings.Incident;
        var context = $"{kind}: {verdict.Category} [{string.Join(", ", verdict.Features)}] from {verdict.StartDate} ({verdict.Confidence}): {verdict.Summary}";

        Assert.True(category == verdict.Category, context);
        Assert.InRange(verdict.Confidence, 0.25, 1);
        Assert.Equal(RootCauseCategory.All.Where(c => c != category).Order(), verdict.Alternatives.Select(a => a.Category).Order());
        Assert.All(verdict.Alternatives, a => Assert.True(a.Score <= verdict.Alternatives.Max(x => x.Score) && a.WhyNot.Length > 0, context));
        Assert.NotEmpty(verdict.Evidence);
        if (category is RootCauseCategory.SchemaChange or RootCauseCategory.DataDrift)
        {
            Assert.True(incident.Feature == verdict.Features[0], context);
            Assert.Contains($"`{incident.Feature}`", verdict.Summary);
        }

        if (category == RootCauseCategory.None)
        {
            Assert.Null(verdict.StartDate);
            Assert.Empty(verdict.Features);
        }
        else
        {
            Assert.True(verdict.StartDate is { } start && Math.Abs(start.DayNumber - incident.Start.DayNumber) <= 7, context);
            Assert.Contains(verdict.StartDate!.Value.ToString("yyyy-MM-dd"), verdict.Summary);
        }
    }

    [Fact]
    public void Label_delay_in_the_last_weeks_is_not_read_as_label_shift()
    {
        var run = Run(IncidentKind.None, 18);
        var frame = run.Production;
        var lastMonth = frame.Timestamps[^1] - (28 * 86_400_000L);
        var rateBefore = PositiveRate(frame, ts => ts < lastMonth);
        var rateLastMonth = PositiveRate(frame, ts => ts >= lastMonth);

        // The youngest rows' chargebacks have mostly not arrived: their raw positive rate is a fraction of the rest's.
        Assert.True(rateLastMonth < 0.5 * rateBefore, $"{rateLastMonth} vs {rateBefore}");
        Assert.Equal(RootCauseCategory.None, run.Verdict.Category);
        Assert.True(run.Verdict.Alternatives.Single(a => a.Category == RootCauseCategory.LabelShift).Score < 0.2);
        Assert.Contains("provisional", run.Verdict.Summary);
    }

    [Theory]
    [InlineData(IncidentKind.UnitChange, 13)]
    public void Repairing_the_broken_input_recovers_most_of_the_lost_recall(IncidentKind kind, int seed)
    {
        var run = Run(kind, seed);
        var drop = run.Report.RecallDrop;
        var feature = run.Settings.Incident.Feature!;

        var repair = run.Report.Fixes.SingleOrDefault(f => f.Kind == FixKind.ShortTerm && f.Title.Contains(feature, StringComparison.Ordinal));

        Assert.NotNull(repair);
        Assert.True(repair.ExpectedRecall - drop.Current >= 0.5 * (drop.Baseline - drop.Current),
            $"repair {repair.ExpectedRecall:F3}, before {drop.Baseline:F3}, after {drop.Current:F3}");
    }

    [Theory]
    [InlineData(IncidentKind.PipelineDefault, 21)]
    [InlineData(IncidentKind.NewMarket, 22)]
    public void Renaming_every_feature_does_not_change_the_verdict(IncidentKind kind, int seed)
    {
        var settings = DemoScenarios.Create(kind, seed, new DemoScenarioOptions(Days: ScenarioRun.Days, RandomizeStart: true));
        var (production, reference, specs) = DemoFrameSink.Generate(settings);
        var names = specs.Select((s, i) => (s.Name, Renamed: $"z{(i * 7) % specs.Count:00}_{new string((char)('q' - i), 3)}"))
            .ToDictionary(p => p.Name, p => p.Renamed);

        var original = ScenarioRun.Diagnose(settings, production, reference, specs).Verdict;
        var renamed = ScenarioRun.Diagnose(
            DemoScenarios.RenameFeatures(settings, names),
            Rename(production, names),
            Rename(reference, names),
            [.. specs.Select(s => s with { Name = names[s.Name] })]).Verdict;

        Assert.Equal(original.Category, renamed.Category);
        Assert.Equal(original.StartDate, renamed.StartDate);
        Assert.Equal(original.Confidence, renamed.Confidence);
        Assert.Equal(original.Features.Select(f => names[f]), renamed.Features);
        Assert.Equal(names.Aggregate(original.Summary, (text, p) => text.Replace($"`{p.Key}`", $"`{p.Value}`")), renamed.Summary);
    }

    private static double PositiveRate(DatasetFrame frame, Func<long, bool> include)
    {
        int rows = 0, positives = 0;
        for (var i = 0; i < frame.Count; i++)
        {
            if (include(frame.Timestamps[i]))
            {
                rows++;
                positives += frame.Labels[i] == LabelValue.Positive ? 1 : 0;
            }
        }

        return (double)positives / rows;
    }

    private static ScenarioRun Run(IncidentKind kind, int seed) =>
        Runs.GetOrAdd((kind, seed), key => ScenarioRun.Diagnose(ScenarioRun.SettingsFor(key.Item1, key.Item2)));

    private static DatasetFrame Rename(DatasetFrame frame, IReadOnlyDictionary<string, string> names) => new()
    {
        Timestamps = frame.Timestamps,
        Scores = frame.Scores,
        Predictions = frame.Predictions,
        Labels = frame.Labels,
        LabelKnownAt = frame.LabelKnownAt,
        Features = frame.Features.ToDictionary(
            p => names[p.Key],
            p => p.Value with { Spec = p.Value.Spec with { Name = names[p.Key] } }),
    };
}
