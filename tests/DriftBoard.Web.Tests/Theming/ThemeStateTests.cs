using DriftBoard.Web.Theming;

namespace DriftBoard.Web.Tests.Theming;

public sealed class ThemeStateTests
{
    [Fact]
    public void System_preference_applies_until_the_user_chooses()
    {
        var state = new ThemeState();
        var changes = 0;
        state.Changed += () => changes++;

        state.ApplySystemPreference(prefersDark: true);
        Assert.True(state.IsDarkMode);
        Assert.False(state.IsUserChoice);

        state.Toggle();
        Assert.False(state.IsDarkMode);

        // Once the user chose, a later system preference (e.g. from a re-render) must not override it.
        state.ApplySystemPreference(prefersDark: true);
        Assert.False(state.IsDarkMode);
        Assert.Equal(2, changes);
    }
}
