using Bunit;
using Bunit.TestDoubles;
using DriftBoard.Storage.Users;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;

namespace DriftBoard.Web.Tests.TestSupport;

/// <summary>
/// A bUnit context with MudBlazor's services and loose JS interop. MudBlazor registers services that only implement
/// IAsyncDisposable and xunit 2 disposes test classes synchronously, so the context is owned here and disposed asynchronously.
/// </summary>
public abstract class MudPageTest : IAsyncLifetime
{
    protected MudPageTest()
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        // Signed in as an author: the import page needs CanEdit. Tests of other roles call Authorization.SetRole.
        Authorization = Context.SignInAs(UserRole.Author);
    }

    protected BunitAuthorizationContext Authorization { get; }

    protected BunitContext Context { get; } = new();

    protected BunitServiceProvider Services => Context.Services;

    /// <summary>Renders as in an interactive circuit (the dataset pages start analyses only when interactive).</summary>
    protected IRenderedComponent<T> Render<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null) where T : IComponent
    {
        Context.SetRendererInfo(new RendererInfo("Server", true));
        return Context.Render(parameters);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Context.DisposeAsync().AsTask();
}
