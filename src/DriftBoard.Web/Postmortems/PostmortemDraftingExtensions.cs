using DriftBoard.Storage.Postmortems;
using DriftBoard.Web.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DriftBoard.Web.Postmortems;

public static class PostmortemDraftingExtensions
{
    /// <summary>
    /// The postmortem store (if nothing registered it yet), the template catalog over <c>DriftBoard:TemplatesPath</c> (default:
    /// the shipped <c>templates</c> folder) and the team's templates, and <see cref="PostmortemDrafting"/>.
    /// </summary>
    public static IServiceCollection AddPostmortemDrafting(this IServiceCollection services)
    {
        services.TryAddSingleton<PostmortemStore>();
        services.TryAddSingleton(static sp =>
        {
            var path = sp.GetRequiredService<IOptions<DriftBoardOptions>>().Value.TemplatesPath;
            return new PostmortemTemplateCatalog(string.IsNullOrWhiteSpace(path) ? PostmortemTemplateCatalog.ShippedFolder : path,
                sp.GetRequiredService<PostmortemStore>());
        });
        services.TryAddSingleton<PostmortemDrafting>();
        return services;
    }
}
