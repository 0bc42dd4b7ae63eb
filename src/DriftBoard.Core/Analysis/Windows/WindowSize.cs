namespace DriftBoard.Core.Analysis.Windows;

/// <summary>The length of the time windows a period is cut into. All windows are whole UTC days.</summary>
public enum WindowSize
{
    /// <summary>One UTC calendar day.</summary>
    Day,

    /// <summary>One ISO 8601 week: Monday 00:00 UTC to the next Monday.</summary>
    Week,

    /// <summary>One calendar month in UTC.</summary>
    Month,
}
