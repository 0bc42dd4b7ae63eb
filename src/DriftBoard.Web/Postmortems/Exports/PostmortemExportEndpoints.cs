using System.Text;
using DriftBoard.Core.Postmortems;
using DriftBoard.Storage.Postmortems;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DriftBoard.Web.Postmortems.Exports;

/// <summary>
/// A postmortem as files: <c>export.md</c> (the Markdown as stored), <c>export.html</c> (<see cref="PostmortemHtmlDocument"/>),
/// <c>export.pdf</c> (that HTML printed by <see cref="ChromiumPdfPrinter"/>), all as attachments; and its stored figures at
/// <c>figures/{name}</c>. An unknown postmortem or figure is a 404; a missing Chromium a 503 naming the setting.
/// </summary>
public static class PostmortemExportEndpoints
{
    /// <summary>An SVG opened on its own is a document: no script, no loads, only its own inline styles.</summary>
    public const string FigureContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";

    public static IServiceCollection AddPostmortemExports(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<PostmortemStore>();
        services.AddOptions<PdfExportOptions>().Bind(configuration.GetSection("DriftBoard"));
        services.TryAddSingleton<ChromiumPdfPrinter>();
        return services;
    }

    public static IEndpointRouteBuilder MapPostmortemExports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/postmortems/{id:long}");
        group.MapGet("/export.md", (long id, PostmortemStore store) =>
            store.Get(id) is { } postmortem
                ? Results.File(Encoding.UTF8.GetBytes(postmortem.Markdown), "text/markdown; charset=utf-8", FileName(postmortem, "md"))
                : NoPostmortem(id));
        group.MapGet("/export.html", (long id, HttpRequest request, PostmortemStore store) =>
            store.Get(id) is { } postmortem
                ? Results.File(Encoding.UTF8.GetBytes(Html(postmortem, store, request)), "text/html; charset=utf-8", FileName(postmortem, "html"))
                : NoPostmortem(id));
        group.MapGet("/export.pdf", async (long id, HttpRequest request, PostmortemStore store, ChromiumPdfPrinter printer, CancellationToken ct) =>
        {
            if (store.Get(id) is not { } postmortem) return NoPostmortem(id);
            try
            {
                var pdf = await printer.PrintAsync(Html(postmortem, store, request), ct);
                return Results.File(pdf, "application/pdf", FileName(postmortem, "pdf"));
            }
            catch (ChromiumMissingException ex)
            {
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "PDF export unavailable");
            }
            catch (TimeoutException ex)
            {
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "PDF export timed out");
            }
            catch (InvalidOperationException ex)
            {
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status500InternalServerError, title: "PDF export failed");
            }
        });
        group.MapGet("/figures/{name}", (long id, string name, HttpContext context, PostmortemStore store) =>
        {
            if (store.Figure(id, name) is not { } figure) return Results.Problem($"postmortem {id} has no figure '{name}'", statusCode: StatusCodes.Status404NotFound);
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = FigureContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            // Figures are frozen at draft time; anything that is not an image is offered as a download, never rendered.
            return PostmortemFormat.IsImage(figure.ContentType)
                ? Results.File(figure.Data, figure.ContentType.ToLowerInvariant())
                : Results.File(figure.Data, "application/octet-stream", figure.Name);
        });
        return app;
    }

    private static string Html(PostmortemInfo postmortem, PostmortemStore store, HttpRequest request) =>
        PostmortemHtmlDocument.Render(postmortem, store.Figures(postmortem.Id), DateTimeOffset.UtcNow, new Uri($"{request.Scheme}://{request.Host}/"));

    /// <summary><c>postmortem-12-recall-drop-on-card-fraud-v3.md</c>: the id keeps it unique, the title makes it findable.</summary>
    internal static string FileName(PostmortemInfo postmortem, string extension)
    {
        var slug = new StringBuilder();
        foreach (var c in postmortem.Title.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
            if (slug.Length >= 60) break;
        }
        var stem = slug.ToString().Trim('-');
        return stem.Length == 0 ? $"postmortem-{postmortem.Id}.{extension}" : $"postmortem-{postmortem.Id}-{stem}.{extension}";
    }

    private static IResult NoPostmortem(long id) => Results.Problem($"no postmortem {id}", statusCode: StatusCodes.Status404NotFound);
}
