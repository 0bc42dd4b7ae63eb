// The thin ApexCharts wrapper behind Components/Charts/ApexChart.razor (after the .NET Aspire dashboard's chart interop).
// Charts live in a module-level WeakMap keyed by their host element: no globals, and a host removed from the page
// takes its chart with it. Options arrive as a JSON string and are parsed as data (JSON.parse, never eval); the C#
// records have no function-valued options, so a strict Content-Security-Policy (script-src 'self') keeps working.
import ApexCharts from "../lib/apexcharts/apexcharts.esm.js";

const charts = new WeakMap();

function parse(spec) {
    return typeof spec === "string" ? JSON.parse(spec) : spec;
}

/** Draws a chart into element, replacing one drawn there before. */
export async function render(element, spec) {
    if (!element) {
        return;
    }

    destroy(element);
    const chart = new ApexCharts(element, parse(spec));
    charts.set(element, chart);
    await chart.render();
}

/** Applies new options to the chart drawn in element (draws it when there is none yet). */
export async function update(element, spec) {
    const chart = element ? charts.get(element) : undefined;
    if (!chart) {
        await render(element, spec);
        return;
    }

    // redrawPaths: the series may have changed entirely (another window size); animate: false keeps updates calm;
    // updateSyncedCharts: true; overwriteInitialConfig: true so a later reset does not bring old series back.
    await chart.updateOptions(parse(spec), true, false, true, true);
}

/** Removes the chart drawn in element, if any. */
export function destroy(element) {
    const chart = element ? charts.get(element) : undefined;
    if (!chart) {
        return;
    }

    charts.delete(element);
    chart.destroy();
}

function save(href, fileName) {
    const link = document.createElement("a");
    link.href = href;
    link.download = fileName;
    link.rel = "noopener";
    document.body.appendChild(link);
    link.click();
    link.remove();
}

/** Saves the chart in element as a PNG image. */
export async function downloadPng(element, fileName) {
    const chart = element ? charts.get(element) : undefined;
    if (!chart) {
        return;
    }

    const result = await chart.dataURI();
    if (result.imgURI) {
        save(result.imgURI, fileName);
    } else if (result.blob) {
        const url = URL.createObjectURL(result.blob);
        save(url, fileName);
        URL.revokeObjectURL(url);
    }
}

/** Saves the chart in element as the SVG ApexCharts drew. */
export function downloadSvg(element, fileName) {
    const svg = element ? element.querySelector("svg") : null;
    if (!svg) {
        return;
    }

    const clone = svg.cloneNode(true);
    clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
    const text = new XMLSerializer().serializeToString(clone);
    const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml;charset=utf-8" }));
    save(url, fileName);
    URL.revokeObjectURL(url);
}
