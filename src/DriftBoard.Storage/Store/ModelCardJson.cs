using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using DriftBoard.Core.Domain;

namespace DriftBoard.Storage.Store;

/// <summary>
/// Stores the parsed <see cref="ModelCard"/> as JSON in <c>datasets.card_json</c>. <see cref="LabelSource"/> is abstract, so its
/// subtypes are written with a <c>"kind"</c> discriminator (configured here, keeping Core free of serializer attributes).
/// </summary>
internal static class ModelCardJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { AddLabelSourceSubtypes } },
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static string Serialize(ModelCard card) => JsonSerializer.Serialize(card, Options);

    public static ModelCard Deserialize(string json) =>
        JsonSerializer.Deserialize<ModelCard>(json, Options) ?? throw new InvalidDataException("stored model card is empty");

    private static void AddLabelSourceSubtypes(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(LabelSource)) return;
        typeInfo.PolymorphismOptions = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = "kind",
            UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
            DerivedTypes =
            {
                new JsonDerivedType(typeof(PositiveEventsLabels), "positive_events"),
                new JsonDerivedType(typeof(ExplicitLabels), "explicit"),
            },
        };
    }
}
