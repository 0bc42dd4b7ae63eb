namespace DriftBoard.Core.Demo;

/// <summary>Volume and randomisation of a scenario preset. Randomised names and dates let tests check that nothing is keyed to them.</summary>
public sealed record DemoScenarioOptions(int PerDay = 1500, int Days = 120, bool RandomizeNames = false, bool RandomizeStart = false, int TrainingRows = 60_000);

/// <summary>
/// One preset per <see cref="IncidentKind"/> on the card-fraud feature list, smaller than the demo, for the diagnosis engine's
/// scenario tests. The incident starts mid-period (at <see cref="DemoScenarioOptions.Days"/> / 2, jittered when the start is randomised).
/// </summary>
public static class DemoScenarios
{
    private const ulong ScenarioStream = 11;

    public static DemoSettings Create(IncidentKind kind, int seed, DemoScenarioOptions? options = null)
    {
        options ??= new DemoScenarioOptions();
        var random = DemoRandom.ForStream(seed, ScenarioStream);
        var start = options.RandomizeStart ? new DateOnly(2024, 1, 1).AddDays(random.NextInt(900)) : new DateOnly(2026, 4, 1);
        var offset = options.Days / 2 + (options.RandomizeStart ? random.NextInt(options.Days / 8 + 1) - options.Days / 16 : 0);
        var incidentStart = start.AddDays(offset);
        var settings = DemoSettings.Default with
        {
            Seed = seed,
            Start = start,
            Days = options.Days,
            PerDay = options.PerDay,
            AsOf = start.AddDays(options.Days),
            TrainingRows = options.TrainingRows,
            BenignDrift = kind == IncidentKind.None ? [] : DemoSettings.Default.BenignDrift,
            Incident = Incident(kind, incidentStart),
        };
        return options.RandomizeNames ? RenameFeatures(settings, RandomNames(settings, random)) : settings;
    }

    /// <summary>The preset incident of each kind: a target and magnitude that make the intended effect clear at scenario volume.</summary>
    public static DemoIncident Incident(IncidentKind kind, DateOnly start) => kind switch
    {
        IncidentKind.None => DemoIncident.None(start),
        IncidentKind.PipelineDefault => new(kind, start, "txn_count_24h", Magnitude: 0.5, RampDays: 3, FillValue: 0,
            Description: "A broken join fills the velocity feature with 0 for half of the traffic."),
        IncidentKind.RecodedCategories => new(kind, start, "merchant_category", Magnitude: 1, RampDays: 1,
            Description: "The merchant service starts sending category names in upper case."),
        IncidentKind.UnitChange => new(kind, start, "device_trust_score", Magnitude: 100, RampDays: 2,
            Description: "The risk vendor's new API version sends the trust score as a percentage."),
        IncidentKind.NewMarket => new(kind, start, "card_country", Magnitude: 0.3, RampDays: 14, NewValue: "BR", NewValueLogit: 2.4,
            Description: "Cards issued in a newly launched market grow to 30% of traffic, with fraud patterns the model never saw."),
        IncidentKind.ConceptChange => new(kind, start, "txn_count_24h", Magnitude: 1, RampDays: 10,
            Description: "Fraud rings switch to one transaction per card: velocity stops separating fraud."),
        IncidentKind.LabelShift => new(kind, start, Magnitude: 2.5, RampDays: 10, DurationDays: 35,
            Description: "A card-testing wave: fraud odds rise 2.5-fold without changing what fraud looks like."),
        IncidentKind.SeasonalOnly => new(kind, start, "distance_from_home_km", Magnitude: 0.5, RampDays: 20,
            Description: "Holiday travel: cardholders shop further from home; the model handles it."),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown incident kind"),
    };

    /// <summary>Renames features everywhere they are referenced (feature list, benign drift, incident).</summary>
    public static DemoSettings RenameFeatures(DemoSettings settings, IReadOnlyDictionary<string, string> names)
    {
        string Map(string name) => names.TryGetValue(name, out var renamed) ? renamed : name;
        return settings with
        {
            Features = [.. settings.Features.Select(f => f with { Name = Map(f.Name) })],
            BenignDrift = [.. settings.BenignDrift.Select(d => d with { Feature = Map(d.Feature) })],
            Incident = settings.Incident with { Feature = settings.Incident.Feature is { } f ? Map(f) : null },
        };
    }

    private static Dictionary<string, string> RandomNames(DemoSettings settings, DemoRandom random)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        Span<char> letters = stackalloc char[5];
        foreach (var feature in settings.Features)
        {
            for (var k = 0; k < letters.Length; k++) letters[k] = (char)('a' + random.NextInt(26));
            names[feature.Name] = $"v{names.Count:00}_{letters}";
        }
        return names;
    }
}
