using Bunit;
using DriftBoard.Web.Components.Charts;
using DriftBoard.Web.Tests.Analysis;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace DriftBoard.Web.Tests.Charts;

public sealed class ApexChartTests : DashboardTest
{
    private static ChartSpec Spec(double y, bool dark = false) => new(
        new ChartOptions("line", 240, Id: "test-chart"),
        [new ChartSeries("Recall", [ChartPoint.At(new DateOnly(2026, 7, 13), y), ChartPoint.At(new DateOnly(2026, 7, 20), double.NaN)])],
        new ChartXAxis(ChartXAxis.Datetime),
        YAxis: [new ChartYAxis(Min: 0, Max: 1, DecimalsInFloat: 2)],
        Theme: ChartTheme.For(dark));

    private BunitJSModuleInterop SetupModule()
    {
        var module = JSInterop.SetupModule(ApexChart.ModulePath);
        module.Mode = JSRuntimeMode.Loose;
        return module;
    }

    private IRenderedComponent<ApexChart> RenderChart(ChartSpec spec) => Render<ApexChart>(p => p
        .Add(c => c.Spec, spec)
        .Add(c => c.TestId, "recall-chart")
        .Add(c => c.AriaLabel, "Recall per week"));

    [Fact]
    public void First_render_imports_the_module_and_renders_the_serialised_spec_into_the_host()
    {
        var module = SetupModule();

        var cut = RenderChart(Spec(0.8));

        var render = module.VerifyInvoke("render");
        Assert.IsType<ElementReference>(render.Arguments[0]);
        Assert.Equal(ChartSpecJson.Serialize(Spec(0.8)), render.Arguments[1]);
        module.VerifyNotInvoke("update");

        var host = cut.Find("[data-testid=recall-chart]");
        Assert.Equal("img", host.GetAttribute("role"));
        Assert.Equal("Recall per week", host.GetAttribute("aria-label"));
        Assert.Empty(host.Children);
    }

    [Fact]
    public void A_changed_spec_updates_the_chart_and_an_equal_spec_does_not()
    {
        var module = SetupModule();
        var cut = RenderChart(Spec(0.8));

        // A new but equal record serialises to the same JSON: no update.
        cut.Render(p => p.Add(c => c.Spec, Spec(0.8)));
        module.VerifyNotInvoke("update");

        cut.Render(p => p.Add(c => c.Spec, Spec(0.8, dark: true)));
        var update = module.VerifyInvoke("update");
        Assert.Contains("\"mode\":\"dark\"", (string)update.Arguments[1]!);

        cut.Render(p => p.Add(c => c.Spec, Spec(0.8, dark: true)));
        module.VerifyInvoke("update", calledTimes: 1);
        module.VerifyInvoke("render", calledTimes: 1);
    }

    [Fact]
    public async Task Dispose_destroys_the_chart()
    {
        var module = SetupModule();
        RenderChart(Spec(0.8));

        await Context.DisposeComponentsAsync();

        var destroy = module.VerifyInvoke("destroy");
        Assert.IsType<ElementReference>(destroy.Arguments[0]);
    }

    [Fact]
    public async Task Dispose_tolerates_a_disconnected_circuit()
    {
        var module = SetupModule();
        module.SetupVoid("destroy", _ => true).SetException(new JSDisconnectedException("The circuit is gone."));
        RenderChart(Spec(0.8));

        var exception = await Record.ExceptionAsync(() => Context.DisposeComponentsAsync());

        Assert.Null(exception);
        module.VerifyInvoke("destroy");
    }

    [Fact]
    public void The_table_button_shows_the_chart_numbers_as_text()
    {
        SetupModule();
        var cut = RenderChart(Spec(0.8123));
        Assert.Empty(cut.FindAll("[data-testid=recall-chart-table]"));

        cut.Find("[data-testid=recall-chart-table-toggle]").Click();

        var table = cut.Find("[data-testid=recall-chart-table]");
        var rows = table.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToArray()).ToArray();
        Assert.Equal([["2026-07-13", "0.81"], ["2026-07-20", "–"]], rows);
        Assert.Equal("true", cut.Find("[data-testid=recall-chart-table-toggle]").GetAttribute("aria-expanded"));
    }

    [Fact]
    public void Download_buttons_call_the_module_with_a_file_name()
    {
        var module = SetupModule();
        var cut = RenderChart(Spec(0.8));

        cut.Find("[data-testid=recall-chart-png]").Click();
        cut.Find("[data-testid=recall-chart-svg]").Click();

        Assert.Equal("recall-chart.png", module.VerifyInvoke("downloadPng").Arguments[1]);
        Assert.Equal("recall-chart.svg", module.VerifyInvoke("downloadSvg").Arguments[1]);
    }
}
