using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Analysis.Surrogate;

namespace DriftBoard.Core.Analysis.Report;

/// <summary>The recall drop as the report states it.</summary>
public sealed record RecallDropReport(bool Detected, double Baseline, double Current, DateOnly? StartDate, double Significance, double Drop, int WindowsTested)
{
    public static RecallDropReport From(RecallDropResult r) =>
        new(r.Detected, r.Baseline, r.Current, r.StartDate, r.Significance, r.Drop, r.WindowsTested);
}

/// <summary>How the label-free estimate was calibrated.</summary>
public sealed record CalibrationReport(DateOnly ReferenceStart, DateOnly ReferenceEnd, int FittedRows, int FittedPositives, double ExpectedCalibrationError);

/// <summary>The complete result of one analysis: what <c>driftboard analyze</c> writes as JSON and the dashboard shows.</summary>
public sealed record AnalysisReport(
    string SchemaVersion,
    DatasetSection Dataset,
    IReadOnlyList<WindowPerformance> Performance,
    IReadOnlyList<EstimatedWindowPerformance> EstimatedPerformance,
    CalibrationReport Calibration,
    RecallDropReport RecallDrop,
    IReadOnlyList<FeatureDriftSeries> Drift,
    RootCause RootCause,
    IReadOnlyList<Fix> Fixes,
    SurrogateFidelity? Surrogate,
    IReadOnlyList<MonitorReplay> Monitors,
    Detection Detection,
    IReadOnlyList<string> Notes)
{
    public const string CurrentSchemaVersion = "1";
}
