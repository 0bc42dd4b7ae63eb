using MudBlazor;
using MudBlazor.Utilities;

namespace DriftBoard.Web.Components.Charts;

/// <summary>
/// Chart colours from the app's MudBlazor palette (light or dark), so a chart means the same as the chips and tiles around
/// it and follows the theme toggle.
/// </summary>
public sealed record ChartPalette(
    bool Dark,
    string Primary,
    string Secondary,
    string Tertiary,
    string Warning,
    string Error,
    string Text,
    string TextSecondary,
    string Lines)
{
    public static ChartPalette From(MudTheme theme, bool dark)
    {
        Palette palette = dark ? theme.PaletteDark : theme.PaletteLight;
        return new ChartPalette(
            dark,
            Hex(palette.Primary),
            Hex(palette.Secondary),
            Hex(palette.Tertiary),
            Hex(palette.Warning),
            Hex(palette.Error),
            Hex(palette.TextPrimary),
            Hex(palette.TextSecondary),
            Hex(palette.LinesDefault));
    }

    public ChartTheme Theme => ChartTheme.For(Dark);

    /// <summary>Text on an accent-coloured label: the dark palette's accents are light, the light palette's dark.</summary>
    public string OnAccent => Dark ? "#141414" : "#FFFFFF";

    private static string Hex(MudColor color) => color.ToString(MudColorOutputFormats.Hex);
}
