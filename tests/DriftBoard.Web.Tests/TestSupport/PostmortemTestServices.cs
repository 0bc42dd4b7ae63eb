using DriftBoard.Storage.Database;
using DriftBoard.Web.Options;
using DriftBoard.Web.Postmortems;
using Microsoft.Extensions.DependencyInjection;

namespace DriftBoard.Web.Tests.TestSupport;

/// <summary>Registers the postmortem drafting services as the app does, over <paramref name="database"/> (opened only when used).</summary>
internal static class PostmortemTestServices
{
    public static IServiceCollection AddPostmortemDrafting(this IServiceCollection services, DriftBoardDatabase database)
    {
        services.AddSingleton(database);
        services.AddOptions<DriftBoardOptions>();
        return PostmortemDraftingExtensions.AddPostmortemDrafting(services);
    }
}
