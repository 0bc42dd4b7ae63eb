using System.Text.Json;
using DriftBoard.Web.Components.Charts;

namespace DriftBoard.Web.Tests.Charts;

public sealed class ChartSpecJsonTests
{
    [Fact]
    public void Spec_serialises_with_ApexCharts_option_names_and_without_nulls()
    {
        var spec = new ChartSpec(
            new ChartOptions("rangeArea", 300, Id: "perf"),
            [
                new ChartSeries("Band", [ChartPoint.RangeAt(new DateOnly(1970, 1, 2), 0.1, 0.3), ChartPoint.RangeAt(new DateOnly(1970, 1, 3), double.NaN, 0.3)], "rangeArea"),
                new ChartSeries("Line", [ChartPoint.At(new DateOnly(1970, 1, 2), 0.2), ChartPoint.At(new DateOnly(1970, 1, 3), double.NaN)]),
            ],
            new ChartXAxis(ChartXAxis.Datetime),
            YAxis: [new ChartYAxis(Min: 0, DecimalsInFloat: 2)],
            Annotations: new ChartAnnotations([new XAxisAnnotation(86_400_000, X2: 172_800_000, Label: new AnnotationLabel("Provisional"))]));

        using var json = JsonDocument.Parse(ChartSpecJson.Serialize(spec));
        var root = json.RootElement;

        Assert.Equal("rangeArea", root.GetProperty("chart").GetProperty("type").GetString());
        Assert.False(root.GetProperty("chart").GetProperty("toolbar").GetProperty("show").GetBoolean());
        Assert.Equal("datetime", root.GetProperty("xaxis").GetProperty("type").GetString());
        Assert.True(root.GetProperty("xaxis").GetProperty("labels").GetProperty("datetimeUTC").GetBoolean());
        Assert.Equal(2, root.GetProperty("yaxis")[0].GetProperty("decimalsInFloat").GetInt32());
        Assert.False(root.GetProperty("yaxis")[0].TryGetProperty("max", out _));
        Assert.False(root.TryGetProperty("stroke", out _));
        Assert.Equal(172_800_000, root.GetProperty("annotations").GetProperty("xaxis")[0].GetProperty("x2").GetDouble());

        var band = root.GetProperty("series")[0];
        Assert.Equal("rangeArea", band.GetProperty("type").GetString());
        Assert.Equal(86_400_000, band.GetProperty("data")[0].GetProperty("x").GetDouble());
        Assert.Equal([0.1, 0.3], band.GetProperty("data")[0].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(JsonValueKind.Null, band.GetProperty("data")[1].GetProperty("y").ValueKind);

        var line = root.GetProperty("series")[1];
        Assert.False(line.TryGetProperty("type", out _));
        Assert.Equal(0.2, line.GetProperty("data")[0].GetProperty("y").GetDouble());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("data")[1].GetProperty("y").ValueKind);
    }

    [Fact]
    public void Category_points_keep_their_name()
    {
        var spec = new ChartSpec(new ChartOptions("bar", 200), [new ChartSeries("Share", [ChartPoint.Category("card not present", 0.4)])],
            new ChartXAxis(ChartXAxis.Category));

        using var json = JsonDocument.Parse(ChartSpecJson.Serialize(spec));

        var point = json.RootElement.GetProperty("series")[0].GetProperty("data")[0];
        Assert.Equal("card not present", point.GetProperty("x").GetString());
        Assert.False(json.RootElement.GetProperty("xaxis").TryGetProperty("labels", out _));
    }

    [Fact]
    public void The_threshold_curve_labels_every_tenth_threshold_not_all_hundred()
    {
        var grid = DriftBoard.Core.Analysis.Detail.ThresholdCurve.Grid();
        var curve = DriftBoard.Core.Analysis.Detail.ThresholdCurve.Compute(
            new DriftBoard.Core.Domain.DatasetFrame
            {
                Timestamps = [], Scores = [], Predictions = [], Labels = [], LabelKnownAt = [],
                Features = new Dictionary<string, DriftBoard.Core.Domain.FeatureColumn>(),
            },
            [], [], null, 0.5, grid);

        var spec = DriftBoard.Web.Components.Pages.Fixes.ThresholdChart.Build(curve, ChartPalette.From(new DriftBoard.Web.Theming.DriftBoardTheme().Theme, dark: false));
        using var json = JsonDocument.Parse(ChartSpecJson.Serialize(spec));

        Assert.Equal(10, json.RootElement.GetProperty("xaxis").GetProperty("tickAmount").GetInt32());
    }
}
