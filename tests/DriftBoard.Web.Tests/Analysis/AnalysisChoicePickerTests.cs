using Bunit;
using DriftBoard.Core.Analysis;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Web.Analysis;
using DriftBoard.Web.Components.Analysis;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace DriftBoard.Web.Tests.Analysis;

public sealed class AnalysisChoicePickerTests : DashboardTest
{
    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<AnalysisChoicePicker> RenderPicker(AnalysisSelection selection) =>
        Render<AnalysisChoicePicker>(p => p
            .Add(c => c.Selection, selection)
            .Add(c => c.FirstDay, new DateOnly(2026, 6, 1))
            .Add(c => c.LastDay, new DateOnly(2026, 6, 20)));

    [Fact]
    public void Choosing_a_window_puts_it_in_the_query_and_keeps_the_rest_of_the_address()
    {
        Navigation.NavigateTo("/datasets/fraud?window=week&reference=training&at=2026-06-08");
        var cut = RenderPicker(new AnalysisSelection(WindowSize.Week, ReferenceChoice.Training));

        cut.Find("[data-testid=window-day]").Click();

        Assert.Equal("http://localhost/datasets/fraud?window=day&reference=training&at=2026-06-08", Navigation.Uri);
        Assert.Equal(WindowSize.Day, Services.GetRequiredService<AnalysisChoice>().Current.Window);
    }

    [Fact]
    public void Choosing_a_production_reference_defaults_to_the_first_days_of_production_within_the_data()
    {
        Navigation.NavigateTo("/datasets/fraud");
        var cut = RenderPicker(new AnalysisSelection(WindowSize.Month, ReferenceChoice.Training));

        cut.Find("[data-testid=reference-production]").Click();

        // 28 default reference days from 2026-06-01 would end after the data's last day, 2026-06-20.
        Assert.Equal("http://localhost/datasets/fraud?window=month&reference=2026-06-01..2026-06-20", Navigation.Uri);
    }

    [Fact]
    public void Choosing_the_selected_value_again_does_not_navigate()
    {
        Navigation.NavigateTo("/datasets/fraud?window=week&reference=training");
        var cut = RenderPicker(new AnalysisSelection(WindowSize.Week, ReferenceChoice.Training));
        var before = Navigation.Uri;

        cut.Find("[data-testid=reference-training]").Click();

        Assert.Equal(before, Navigation.Uri);
    }

    [Fact]
    public void Toolbar_controls_are_labelled()
    {
        var cut = RenderPicker(new AnalysisSelection(WindowSize.Week, AnalysisSelection.Production(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 7))));

        var windowGroup = cut.Find("[data-testid=window-choice]");
        var label = cut.Find("#" + windowGroup.GetAttribute("aria-labelledby"));
        Assert.Equal("Window", label.TextContent.Trim());
        Assert.NotNull(cut.Find("[data-testid=reference-period]"));
    }
}

public sealed class AnalysisSelectionTests
{
    [Theory]
    [InlineData("training", true, null, null)]
    [InlineData("TRAINING", true, null, null)]
    [InlineData("2026-06-01..2026-06-28", false, "2026-06-01", "2026-06-28")]
    [InlineData("2026-06-01..2026-06-01", false, "2026-06-01", "2026-06-01")]
    public void Reference_query_values_parse(string value, bool training, string? from, string? to)
    {
        var reference = AnalysisSelection.ParseReference(value)!;

        Assert.Equal(training, reference.IsTraining);
        Assert.Equal(from, reference.From?.ToString("yyyy-MM-dd"));
        Assert.Equal(to, reference.To?.ToString("yyyy-MM-dd"));
        Assert.Equal(reference, AnalysisSelection.ParseReference(reference.ToString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-06-28..2026-06-01")]
    [InlineData("2026-06-01")]
    [InlineData("last-month")]
    public void Missing_or_invalid_reference_values_are_null(string? value) => Assert.Null(AnalysisSelection.ParseReference(value));

    [Fact]
    public void Choice_keeps_the_current_values_where_the_query_has_none_or_invalid_ones()
    {
        var choice = new AnalysisChoice();
        var changes = new List<AnalysisSelection>();
        choice.Changed += changes.Add;

        var first = choice.ApplyQuery("month", "2026-06-01..2026-06-07");
        var second = choice.ApplyQuery(null, "bogus");
        var third = choice.ApplyQuery("Day", null);

        Assert.Equal(new AnalysisSelection(WindowSize.Month, AnalysisSelection.Production(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 7))), first);
        Assert.Equal(first, second);
        Assert.Equal(first with { Window = WindowSize.Day }, third);
        Assert.Equal([first, third], changes);
        Assert.Equal("window=day&reference=2026-06-01..2026-06-07", third.ToQueryString());
        Assert.Equal(new DateOnly(2026, 6, 8), third.ToOptions().Reference.AsWindow()!.EndExclusive);
    }
}
