using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Demo;

/// <summary>How a numeric feature's true value is drawn. Shifts (benign drift, <see cref="IncidentKind.SeasonalOnly"/>) act on each one's natural link scale.</summary>
public enum NumericDistribution
{
    /// <summary>Mean <see cref="DemoFeature.Location"/>, standard deviation <see cref="DemoFeature.Spread"/>; a shift moves the mean by that many standard deviations.</summary>
    Normal,
    /// <summary>Median <see cref="DemoFeature.Location"/>, log-scale sigma <see cref="DemoFeature.Spread"/>; a shift multiplies the median by e^shift.</summary>
    LogNormal,
    /// <summary>Uniform on [<see cref="DemoFeature.Min"/>, <see cref="DemoFeature.Max"/>]; a shift moves both bounds by that share of the width (then clamped).</summary>
    Uniform,
    /// <summary>Poisson count with mean <see cref="DemoFeature.Location"/>; a shift multiplies the mean by e^shift.</summary>
    Poisson,
    /// <summary>Beta with mean <see cref="DemoFeature.Location"/> and concentration <see cref="DemoFeature.Spread"/>, mapped onto [Min, Max]; a shift moves the mean's logit.</summary>
    Beta,
    /// <summary>The UTC hour of the row's timestamp (drawn from <see cref="DemoSettings.HourWeights"/>); shifts do not apply.</summary>
    HourOfDay,
}

/// <summary>How a numeric feature enters the true fraud logit (and the deployed model's): <c>Weight * f(x)</c>.</summary>
public enum EffectShape
{
    /// <summary>f(x) = (x - Center) / Scale.</summary>
    Linear,
    /// <summary>f(x) = (ln(1 + x) - ln(1 + Center)) / Scale, for heavy-tailed non-negative values.</summary>
    Log,
    /// <summary>f(x) = exp(-d²/2) with d = (x - Center) / Scale, the distance taken around <see cref="DemoFeature.Period"/> when set (hours).</summary>
    Bump,
}

/// <summary>One value of a categorical feature or extra column: its traffic share and its effect on the true fraud logit.</summary>
public sealed record DemoCategory(string Value, double Share, double Logit = 0);

/// <summary>
/// One feature: how it is drawn and how it drives fraud. Numeric features use the distribution fields and the effect shape;
/// boolean ones <see cref="Probability"/> (true adds <see cref="Weight"/>); categorical ones <see cref="Categories"/>.
/// </summary>
public sealed record DemoFeature
{
    public required string Name { get; init; }
    public required FeatureType Type { get; init; }
    public string Description { get; init; } = "";
    public NumericDistribution Distribution { get; init; }
    public double Location { get; init; }
    public double Spread { get; init; }
    /// <summary>Declared range: values are clamped to it, and the deployed model clamps its input to it (as models clip to their training range).</summary>
    public double Min { get; init; }
    public double Max { get; init; }
    /// <summary>Values are rounded to this many decimals before anything sees them, so the files and the in-memory rows agree.</summary>
    public int Decimals { get; init; }
    public EffectShape Shape { get; init; }
    public double Weight { get; init; }
    public double Center { get; init; }
    public double Scale { get; init; } = 1;
    public double? Period { get; init; }
    /// <summary>Boolean features: the probability of true.</summary>
    public double Probability { get; init; }
    /// <summary>Categorical features: the values with shares (normalised) and logit effects.</summary>
    public IReadOnlyList<DemoCategory> Categories { get; init; } = [];
}

/// <summary>A column written to the predictions file that the model card does not declare (kept by the importer, not analysed).</summary>
public sealed record DemoExtraColumn(string Name, IReadOnlyList<DemoCategory> Values);

public enum DriftShape
{
    /// <summary>Shift × exp(-d²/2), d = (day of year − PeakDayOfYear) / WidthDays measured around the year.</summary>
    Seasonal,
    /// <summary>Shift × (days since the production start) / 365: a slow trend (negative before the start, e.g. in training data).</summary>
    Trend,
}

/// <summary>
/// Benign covariate drift: the feature's true distribution moves, and both the truth and the model see the real value,
/// so it should not degrade the model. For categorical features <see cref="Category"/>'s share is multiplied by e^shift.
/// </summary>
public sealed record DemoDrift(string Feature, DriftShape Shape, double Shift, int PeakDayOfYear = 200, double WidthDays = 30, string? Category = null);

/// <summary>The chargeback delay: lognormal with the given median (days) and sigma, at least <see cref="MinDays"/>; a share of fraud is never charged back.</summary>
public sealed record DemoLabelDelay(double MedianDays, double Sigma, double MinDays, double NeverReportedShare);

public enum IncidentKind
{
    /// <summary>Nothing happens.</summary>
    None,
    /// <summary>A numeric feature arrives as <see cref="DemoIncident.FillValue"/> for a <see cref="DemoIncident.Magnitude"/> share of traffic (a broken join).</summary>
    PipelineDefault,
    /// <summary>A categorical feature's values are renamed upstream (upper case, spaces to underscores) for a Magnitude share of traffic; the model knows none of the new names.</summary>
    RecodedCategories,
    /// <summary>A numeric feature arrives multiplied by Magnitude (units change, e.g. 100 for a fraction sent as a percentage).</summary>
    UnitChange,
    /// <summary>A new value <see cref="DemoIncident.NewValue"/> of a categorical feature grows to a Magnitude share of traffic; its true logit is <see cref="DemoIncident.NewValueLogit"/>, the model gives it none.</summary>
    NewMarket,
    /// <summary>The feature's true weight becomes Weight × (1 − Magnitude) (the intercept re-balances the fraud rate); inputs do not move.</summary>
    ConceptChange,
    /// <summary>The fraud odds are multiplied by Magnitude with P(x | y) unchanged (negatives are thinned), so recall holds while precision and alerts move.</summary>
    LabelShift,
    /// <summary>Benign drift only: the feature's distribution shifts by Magnitude on its link scale; no degradation.</summary>
    SeasonalOnly,
}

/// <summary>
/// The root cause. It starts at <see cref="Start"/>, ramps linearly to full strength over <see cref="RampDays"/>,
/// and when <see cref="DurationDays"/> is positive ramps back down from Start + DurationDays (a wave).
/// </summary>
public sealed record DemoIncident(
    IncidentKind Kind,
    DateOnly Start,
    string? Feature = null,
    double Magnitude = 0,
    int RampDays = 0,
    int DurationDays = 0,
    double FillValue = 0,
    string? NewValue = null,
    double NewValueLogit = 0,
    string Description = "")
{
    public static DemoIncident None(DateOnly start) => new(IncidentKind.None, start);
}

/// <summary>Everything the demo generator needs; <see cref="Default"/> is the committed demo (<c>data/demo/card-fraud.yaml</c> must agree).</summary>
public sealed record DemoSettings
{
    public int Seed { get; init; } = 20260401;
    public string Model { get; init; } = "card-fraud-scorer";
    public string ModelVersion { get; init; } = "3.1.0";
    /// <summary>First production day (UTC).</summary>
    public DateOnly Start { get; init; } = new(2026, 4, 1);
    public int Days { get; init; } = 183;
    public int PerDay { get; init; } = 3000;
    /// <summary>The mean true fraud probability on training-period traffic; the truth's intercept is solved for it.</summary>
    public double FraudRate { get; init; } = 0.006;
    public double Threshold { get; init; } = 0.42;
    /// <summary>Added to the deployed model's intercept: a slightly cautious model flags a little more than the calibrated truth would.</summary>
    public double ModelBias { get; init; } = 2.0;
    /// <summary>Relative standard deviation of the deployed model's weights around the truth ("trained", not perfect).</summary>
    public double ModelNoise { get; init; } = 0.08;
    public int TrainingRows { get; init; } = 150_000;
    /// <summary>Training rows are spread over this many days before <see cref="Start"/>.</summary>
    public int TrainingDays { get; init; } = 182;
    public int MaturityDays { get; init; } = 120;
    /// <summary>Chargebacks after this instant (UTC midnight) are not in the feed.</summary>
    public DateOnly AsOf { get; init; } = new(2026, 10, 1);
    public DemoLabelDelay LabelDelay { get; init; } = new(21, 0.75, 2, 0.04);
    public string IdPrefix { get; init; } = "txn_";
    public string IdColumn { get; init; } = "transaction_id";
    public string TimestampColumn { get; init; } = "ts";
    public string ScoreColumn { get; init; } = "risk_score";
    public string PredictionColumn { get; init; } = "flagged";
    public string TargetColumn { get; init; } = "is_fraud";
    public string ChargebackDateColumn { get; init; } = "chargeback_date";
    /// <summary>Relative traffic per UTC hour 0..23.</summary>
    public IReadOnlyList<double> HourWeights { get; init; } = DefaultHourWeights;
    public IReadOnlyList<DemoFeature> Features { get; init; } = CardFraudFeatures.All;
    public IReadOnlyList<DemoExtraColumn> ExtraColumns { get; init; } = CardFraudFeatures.Extras;
    public IReadOnlyList<DemoDrift> BenignDrift { get; init; } = CardFraudFeatures.SummerDrift;
    public DemoIncident Incident { get; init; } = new(
        IncidentKind.PipelineDefault, new DateOnly(2026, 7, 14), "txn_count_24h", Magnitude: 0.3, RampDays: 4, FillValue: 0,
        Description: "The velocity feature-store join fails for traffic through the new payment gateway: txn_count_24h arrives as 0.");

    public DateOnly End => Start.AddDays(Days);

    private static readonly double[] DefaultHourWeights =
        [1.2, 0.8, 0.6, 0.5, 0.5, 0.7, 1.2, 2.2, 3.4, 4.3, 4.8, 5.2, 5.6, 5.5, 5.3, 5.2, 5.4, 5.8, 6.0, 5.6, 4.8, 3.8, 2.8, 1.9];

    // Declared after the field it reads: static initialisers run in text order.
    public static DemoSettings Default { get; } = new();

    public int FeatureIndex(string name)
    {
        for (var i = 0; i < Features.Count; i++)
            if (Features[i].Name == name) return i;
        return -1;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistency (unknown feature, wrong type for the incident, bad volume).</summary>
    public void Validate()
    {
        if (Days <= 0 || PerDay <= 0) throw new ArgumentException("days and per_day must be positive");
        if (TrainingRows < 0 || TrainingDays <= 0) throw new ArgumentException("training_rows must be >= 0 and training_days positive");
        if (FraudRate is <= 0 or >= 1) throw new ArgumentException("fraud_rate must be in (0, 1)");
        if (Threshold is <= 0 or >= 1) throw new ArgumentException("threshold must be in (0, 1)");
        if (HourWeights.Count != 24) throw new ArgumentException("hour_weights must list 24 values");
        if (Features.Count == 0) throw new ArgumentException("at least one feature is needed");
        var names = new HashSet<string>(StringComparer.Ordinal) { IdColumn, TimestampColumn, ScoreColumn, PredictionColumn };
        foreach (var f in Features)
        {
            if (!names.Add(f.Name)) throw new ArgumentException($"duplicate column name '{f.Name}'");
            if (f.Type == FeatureType.Categorical && f.Categories.Count == 0) throw new ArgumentException($"categorical feature '{f.Name}' lists no categories");
            if (f.Type == FeatureType.Numeric && !(f.Max > f.Min)) throw new ArgumentException($"numeric feature '{f.Name}' needs min < max");
            if (f.Type == FeatureType.Numeric && f.Scale <= 0) throw new ArgumentException($"numeric feature '{f.Name}' needs a positive scale");
        }
        foreach (var e in ExtraColumns)
            if (!names.Add(e.Name) || e.Values.Count == 0) throw new ArgumentException($"extra column '{e.Name}' is a duplicate or lists no values");
        foreach (var d in BenignDrift)
            if (FeatureIndex(d.Feature) < 0) throw new ArgumentException($"benign drift names unknown feature '{d.Feature}'");

        var kind = Incident.Kind;
        if (kind == IncidentKind.None) return;
        var index = Incident.Feature is null ? -1 : FeatureIndex(Incident.Feature);
        if (index < 0 && kind != IncidentKind.LabelShift)
            throw new ArgumentException($"incident {kind} needs a known feature, got '{Incident.Feature}'");
        var type = index >= 0 ? Features[index].Type : FeatureType.Numeric;
        var ok = kind switch
        {
            IncidentKind.PipelineDefault or IncidentKind.UnitChange => type == FeatureType.Numeric,
            IncidentKind.RecodedCategories => type == FeatureType.Categorical,
            IncidentKind.NewMarket => type == FeatureType.Categorical && !string.IsNullOrEmpty(Incident.NewValue),
            IncidentKind.LabelShift => Incident.Magnitude > 0,
            IncidentKind.SeasonalOnly => type != FeatureType.Categorical, // a categorical shift is a benign_drift entry naming the category
            _ => true,
        };
        if (!ok) throw new ArgumentException($"incident {kind} does not fit feature '{Incident.Feature}' ({type})");
    }
}
