namespace DriftBoard.Web.Theming;

/// <summary>
/// Light or dark for one circuit (scoped). Until the user toggles, the layout follows the browser's preference;
/// after a toggle the explicit choice wins for the rest of the circuit.
/// </summary>
public sealed class ThemeState
{
    public bool IsDarkMode { get; private set; }

    /// <summary>True once the user chose explicitly; the system preference no longer applies.</summary>
    public bool IsUserChoice { get; private set; }

    public event Action? Changed;

    public void Toggle()
    {
        IsUserChoice = true;
        Set(!IsDarkMode);
    }

    /// <summary>Applies the browser's preference unless the user already chose.</summary>
    public void ApplySystemPreference(bool prefersDark)
    {
        if (!IsUserChoice)
        {
            Set(prefersDark);
        }
    }

    private void Set(bool dark)
    {
        if (dark == IsDarkMode)
        {
            return;
        }

        IsDarkMode = dark;
        Changed?.Invoke();
    }
}
