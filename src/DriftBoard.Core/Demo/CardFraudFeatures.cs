using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Demo;

/// <summary>
/// The card-fraud feature list of the default demo: realistic names, ranges and risk directions
/// (large amounts, risky merchant categories, card-not-present channels, new cards and accounts, high velocity,
/// far from home, night hours, international, untrusted devices). The generator itself knows none of these names.
/// </summary>
public static class CardFraudFeatures
{
    public static IReadOnlyList<DemoFeature> All { get; } =
    [
        new()
        {
            Name = "amount", Type = FeatureType.Numeric, Description = "Transaction amount in USD.",
            Distribution = NumericDistribution.LogNormal, Location = 45, Spread = 1.1, Min = 0.5, Max = 50_000, Decimals = 2,
            Shape = EffectShape.Log, Weight = 0.83, Center = 45, Scale = 1,
        },
        new()
        {
            Name = "merchant_category", Type = FeatureType.Categorical, Description = "Merchant category group (from the MCC).",
            Categories =
            [
                new("grocery", 0.22, -1.05), new("restaurants", 0.14, -0.75), new("fuel", 0.09, -0.45), new("retail", 0.16, 0),
                new("travel", 0.06, 0.75), new("electronics", 0.07, 1.95), new("digital_goods", 0.08, 1.65), new("gift_cards", 0.03, 3),
                new("jewelry", 0.02, 2.25), new("utilities", 0.06, -1.35), new("health", 0.04, -0.9), new("crypto_exchange", 0.03, 3.15),
            ],
        },
        new()
        {
            Name = "card_country", Type = FeatureType.Categorical, Description = "Issuing country of the card (ISO 3166 alpha-2).",
            Categories = [new("US", 0.72), new("CA", 0.08, 0.15), new("GB", 0.07, 0.3), new("DE", 0.05, 0.15), new("FR", 0.04, 0.3), new("MX", 0.04, 0.75)],
        },
        new()
        {
            Name = "channel", Type = FeatureType.Categorical, Description = "How the card was used.",
            Categories = [new("chip", 0.38, -1.5), new("contactless", 0.22, -1.35), new("ecommerce", 0.30, 1.5), new("manual_keyed", 0.04, 2.25), new("atm", 0.06, 0.45)],
        },
        new()
        {
            Name = "card_age_days", Type = FeatureType.Numeric, Description = "Days since the card was issued.",
            Distribution = NumericDistribution.LogNormal, Location = 420, Spread = 1.0, Min = 0, Max = 3650, Decimals = 0,
            Shape = EffectShape.Log, Weight = -0.75, Center = 420, Scale = 1,
        },
        new()
        {
            Name = "txn_count_24h", Type = FeatureType.Numeric, Description = "Transactions on the card in the previous 24 hours (velocity feature store).",
            Distribution = NumericDistribution.LogNormal, Location = 2, Spread = 0.9, Min = 0, Max = 200, Decimals = 0,
            Shape = EffectShape.Log, Weight = 2.1, Center = 2, Scale = 0.5,
        },
        new()
        {
            Name = "distance_from_home_km", Type = FeatureType.Numeric, Description = "Distance between the merchant and the cardholder's home address.",
            Distribution = NumericDistribution.LogNormal, Location = 8, Spread = 1.5, Min = 0, Max = 20_000, Decimals = 1,
            Shape = EffectShape.Log, Weight = 1.05, Center = 8, Scale = 1.5,
        },
        new()
        {
            Name = "hour_of_day", Type = FeatureType.Numeric, Description = "UTC hour of the transaction.",
            Distribution = NumericDistribution.HourOfDay, Min = 0, Max = 23, Decimals = 0,
            Shape = EffectShape.Bump, Weight = 1.8, Center = 3, Scale = 2.5, Period = 24,
        },
        new()
        {
            Name = "is_international", Type = FeatureType.Boolean, Description = "Merchant country differs from the card's issuing country.",
            Probability = 0.06, Weight = 1.65,
        },
        new()
        {
            Name = "device_trust_score", Type = FeatureType.Numeric, Description = "Device fingerprint trust score from the risk vendor, 0 (unknown) to 1 (trusted).",
            Distribution = NumericDistribution.Beta, Location = 0.78, Spread = 6, Min = 0, Max = 1, Decimals = 3,
            Shape = EffectShape.Linear, Weight = -1.5, Center = 0.78, Scale = 0.2,
        },
        new()
        {
            Name = "account_age_days", Type = FeatureType.Numeric, Description = "Days since the customer account was opened.",
            Distribution = NumericDistribution.LogNormal, Location = 900, Spread = 1.0, Min = 0, Max = 15_000, Decimals = 0,
            Shape = EffectShape.Log, Weight = -0.45, Center = 900, Scale = 1,
        },
        new()
        {
            Name = "avg_amount_30d", Type = FeatureType.Numeric, Description = "The card's average transaction amount over the previous 30 days, USD.",
            Distribution = NumericDistribution.LogNormal, Location = 60, Spread = 0.8, Min = 1, Max = 20_000, Decimals = 2,
            Shape = EffectShape.Log, Weight = -0.3, Center = 60, Scale = 1,
        },
    ];

    public static IReadOnlyList<DemoExtraColumn> Extras { get; } =
    [
        new("customer_segment", [new("consumer", 0.82), new("small_business", 0.12), new("premium", 0.06)]),
        new("app_version", [new("5.8.2", 0.45), new("5.9.0", 0.38), new("6.0.1", 0.17)]),
    ];

    /// <summary>Benign drift: summer travel (more international use, further from home, more travel merchants) and a slow rise in amounts.</summary>
    public static IReadOnlyList<DemoDrift> SummerDrift { get; } =
    [
        new("is_international", DriftShape.Seasonal, 0.45, PeakDayOfYear: 200, WidthDays: 28),
        new("distance_from_home_km", DriftShape.Seasonal, 0.3, PeakDayOfYear: 200, WidthDays: 28),
        new("merchant_category", DriftShape.Seasonal, 0.5, PeakDayOfYear: 195, WidthDays: 30, Category: "travel"),
        new("amount", DriftShape.Trend, 0.08),
    ];
}
