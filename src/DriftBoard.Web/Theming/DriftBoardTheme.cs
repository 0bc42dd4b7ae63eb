using MudBlazor;

namespace DriftBoard.Web.Theming;

/// <summary>
/// The one MudBlazor theme of the app: quiet neutral surfaces with the .NET purple as the accent, after the .NET Aspire dashboard.
/// Light and dark palettes share the same semantic colours so a chart or a chip means the same thing in both.
/// </summary>
public sealed class DriftBoardTheme
{
    public MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#512BD4",
            Secondary = "#0F6CBD",
            Tertiary = "#107C10",
            Info = "#0F6CBD",
            Success = "#107C10",
            Warning = "#BC4B09",
            Error = "#C50F1F",
            AppbarBackground = "#FFFFFF",
            AppbarText = "#242424",
            Background = "#F5F5F5",
            Surface = "#FFFFFF",
            DrawerBackground = "#FAFAFA",
            DrawerText = "#242424",
            DrawerIcon = "#616161",
            TextPrimary = "#242424",
            TextSecondary = "#616161",
            LinesDefault = "#E0E0E0",
            Divider = "#E0E0E0",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#A694FF",
            Secondary = "#479EF5",
            Tertiary = "#54B054",
            Info = "#479EF5",
            Success = "#54B054",
            Warning = "#FAA06B",
            Error = "#F1707B",
            AppbarBackground = "#1F1F1F",
            AppbarText = "#E6E6E6",
            Background = "#141414",
            Surface = "#1F1F1F",
            DrawerBackground = "#1A1A1A",
            DrawerText = "#E6E6E6",
            DrawerIcon = "#ADADAD",
            TextPrimary = "#E6E6E6",
            TextSecondary = "#ADADAD",
            LinesDefault = "#333333",
            Divider = "#333333",
        },
        Typography = new Typography
        {
            // System fonts only: the CSP allows no third-party font host, and the app must work offline.
            Default = new DefaultTypography
            {
                FontFamily = ["Segoe UI Variable", "Segoe UI", "system-ui", "-apple-system", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "6px",
            AppbarHeight = "56px",
        },
    };
}
