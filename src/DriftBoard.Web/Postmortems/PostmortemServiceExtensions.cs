using DriftBoard.Storage.Postmortems;
using DriftBoard.Web.Postmortems.Collab;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DriftBoard.Web.Postmortems;

/// <summary>The postmortems' services and endpoints, called from <c>ApplicationServiceExtensions</c>.</summary>
public static class PostmortemServiceExtensions
{
    public static IServiceCollection AddPostmortems(this IServiceCollection services)
    {
        services.TryAddSingleton<PostmortemStore>();
        services.AddSingleton<PostmortemAuthority>();
        // SignalR's defaults stay, the 32 KB receive limit included: editors push changes, not documents.
        services.AddSignalR();
        return services;
    }

    public static IEndpointRouteBuilder MapPostmortems(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<PostmortemHub>(PostmortemHub.Path);
        return endpoints;
    }
}
