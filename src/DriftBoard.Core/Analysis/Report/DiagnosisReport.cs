namespace DriftBoard.Core.Analysis.Report;

// The report objects of one analysis. The JSON report (camelCase), the Markdown report, the dashboard pages and the
// postmortem draft all show exactly these records; nothing downstream recomputes a statistic.
// Property names are a public contract (see the README's "Report" section): add, never rename.

/// <summary>A name and a number, for evidence and settings lists whose order must be stable (deterministic JSON).</summary>
public sealed record NamedValue(string Name, double Value);

/// <summary>What was analysed.</summary>
public sealed record DatasetSection(
    string Id,
    string Model,
    string Version,
    long Rows,
    long LabelledRows,
    long TrainingRows,
    DateTimeOffset? FirstEvent,
    DateTimeOffset? LastEvent,
    DateTimeOffset AsOf,
    string Window,
    string Reference,
    double Threshold);

/// <summary>The root-cause categories, as they appear in JSON.</summary>
public static class RootCauseCategory
{
    public const string SchemaChange = "schema_change";
    public const string DataDrift = "data_drift";
    public const string ConceptDrift = "concept_drift";
    public const string LabelShift = "label_shift";
    public const string None = "none";

    public static readonly IReadOnlyList<string> All = [SchemaChange, DataDrift, ConceptDrift, LabelShift, None];
}

/// <summary>One claim that supports (or weighs against) a category, with the numbers behind it.</summary>
public sealed record Evidence(string Category, string Claim, string? Feature, IReadOnlyList<NamedValue> Values);

/// <summary>A category that lost, its score and why.</summary>
public sealed record AlternativeCause(string Category, double Score, string WhyNot);

/// <summary>The verdict: the most likely cause, the features to blame (most responsible first), when it started, how sure.</summary>
public sealed record RootCause(
    string Category,
    IReadOnlyList<string> Features,
    DateOnly? StartDate,
    double Confidence,
    string Summary,
    IReadOnlyList<Evidence> Evidence,
    IReadOnlyList<AlternativeCause> Alternatives);

/// <summary>Fix kinds, as they appear in JSON.</summary>
public static class FixKind
{
    public const string ShortTerm = "short_term";
    public const string Structural = "structural";
}

/// <summary>A proposed fix with its expected recovery, estimated on matured labels of the affected period.</summary>
public sealed record Fix(
    string Kind,
    string Title,
    string Description,
    double ExpectedRecall,
    double ExpectedRecallLow,
    double ExpectedRecallHigh,
    double ExpectedPrecision,
    double AlertRateChange,
    string Method);

/// <summary>A candidate monitor replayed day by day over the logs.</summary>
public sealed record MonitorReplay(
    string Name,
    string Kind,
    string? Feature,
    string Rule,
    DateOnly? FirstAlert,
    int? LeadDays,
    int FalseAlarms,
    int HealthyDays);

/// <summary>When the drop became visible in matured labels, and which monitors to run from now on.</summary>
public sealed record Detection(DateOnly? DropVisible, IReadOnlyList<string> RecommendedMonitors, string Summary);
