namespace DriftBoard.Core.Analysis.Monitors;

/// <summary>One replayed day of a monitor: whether it had enough data to decide, and whether it fired.</summary>
public interface IMonitorDay
{
    DateOnly Day { get; }

    /// <summary>The monitor had what it needs that day (enough rows, a baseline); a day not evaluated never fires.</summary>
    bool Evaluated { get; }

    bool Fired { get; }
}

/// <summary>
/// The periods a replay is judged on.
/// </summary>
/// <param name="IncidentStart">The start of the incident (the root cause's start, else the recall change point); null without one.</param>
/// <param name="DropVisible">The day the drop became visible in realised recall on matured labels; null when it never did.</param>
/// <param name="HealthyStart">First healthy day: the day after the baseline period.</param>
/// <param name="HealthyEndExclusive">The incident start, or without an incident the day after the last production day.</param>
public sealed record ReplayPeriods(DateOnly? IncidentStart, DateOnly? DropVisible, DateOnly HealthyStart, DateOnly HealthyEndExclusive)
{
    /// <summary>Length of the healthy period in days (0 when the incident starts before the baseline ends).</summary>
    public int HealthyDays => Math.Max(0, HealthyEndExclusive.DayNumber - HealthyStart.DayNumber);
}

/// <summary>How one monitor did over a replay.</summary>
/// <param name="FirstAlert">First day it fired on or after the incident start; null without an incident or when it never fired.</param>
/// <param name="LeadDays">DropVisible − FirstAlert in days (positive: earlier than the labels); null when either is missing.</param>
/// <param name="FalseAlarms">Alert episodes (runs of consecutive firing days, counted once) with a firing day in the healthy period.</param>
/// <param name="FiringShare">Share of evaluated days before the incident (all days without one) on which it fired; NaN with none.</param>
/// <param name="Constant">It fired on its first evaluated day and on at least the constant share of evaluated days: it cannot tell an incident apart.</param>
public sealed record MonitorOutcome(DateOnly? FirstAlert, int? LeadDays, int FalseAlarms, int HealthyDays, double FiringShare, bool Constant);

/// <summary>Scores a replayed monitor: first alert, lead over the labels, false alarms in the healthy period.</summary>
public static class MonitorScoring
{
    /// <param name="days">The replayed days in calendar order.</param>
    /// <param name="constantShare">See <see cref="MonitorSettings.ConstantFiringShare"/>.</param>
    public static MonitorOutcome Score<TDay>(IReadOnlyList<TDay> days, ReplayPeriods periods, double constantShare)
        where TDay : IMonitorDay
    {
        DateOnly? firstAlert = null;
        var falseAlarms = 0;
        int evaluatedBefore = 0, firedBefore = 0;
        bool? firstEvaluatedFired = null;
        var previousFired = false;
        foreach (var day in days)
        {
            if (periods.IncidentStart is { } start && day.Day >= start)
            {
                if (firstAlert is null && day.Fired)
                {
                    firstAlert = day.Day;
                }
            }
            else if (day.Evaluated)
            {
                evaluatedBefore++;
                firedBefore += day.Fired ? 1 : 0;
            }

            firstEvaluatedFired ??= day.Evaluated ? day.Fired : null;
            var healthy = day.Day >= periods.HealthyStart && day.Day < periods.HealthyEndExclusive;
            // An episode already running when the healthy period opens counts once, on its first healthy day.
            if (healthy && day.Fired && (!previousFired || day.Day == periods.HealthyStart))
            {
                falseAlarms++;
            }

            previousFired = day.Fired;
        }

        int? lead = firstAlert is { } alert && periods.DropVisible is { } visible ? visible.DayNumber - alert.DayNumber : null;
        var share = evaluatedBefore == 0 ? double.NaN : (double)firedBefore / evaluatedBefore;
        var constant = firstEvaluatedFired == true && share >= constantShare;
        return new MonitorOutcome(firstAlert, lead, falseAlarms, periods.HealthyDays, share, constant);
    }

    /// <summary>
    /// Whether a monitor may be recommended: it fired before the drop became visible (or, when the drop never became
    /// visible by as-of, at all), is not constant, and raised at most <paramref name="maxPer90Days"/> false alarms per
    /// 90 healthy days.
    /// </summary>
    public static bool Recommendable(MonitorOutcome outcome, ReplayPeriods periods, double maxPer90Days)
    {
        if (outcome.Constant || outcome.FirstAlert is null)
        {
            return false;
        }

        if (periods.DropVisible is not null && outcome.LeadDays is not > 0)
        {
            return false;
        }

        return outcome.FalseAlarms * 90.0 <= maxPer90Days * outcome.HealthyDays;
    }
}
