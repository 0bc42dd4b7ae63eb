using DriftBoard.Core.Domain;
using DriftBoard.Storage.ModelCards;
using DriftBoard.Storage.Tests.Formats;

namespace DriftBoard.Storage.Tests.ModelCards;

public sealed class ModelCardParserTests : IDisposable
{
    private const string FraudCard = """
        ---
        model: card-fraud-scorer
        version: 3.1.0
        task: binary-classification
        target: is_fraud
        positive_label: 1
        threshold: 0.42
        id_column: transaction_id
        timestamp_column: ts
        score_column: risk_score
        prediction_column: flagged
        labels: {file: chargebacks.csv, id_column: transaction_id, timestamp_column: chargeback_date, maturity_days: 120, as_of: 2026-10-01}
        training: {file: training.csv, label_column: is_fraud}
        features:
          - {name: amount, type: numeric, range: [0, 50000]}
          - {name: merchant_category, type: categorical}
        ---
        # Card fraud scorer

        Scores card transactions.
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static ModelCard Parse(string text) => ModelCardParser.ParseText("model_card.md", text);

    [Fact]
    public void Fraud_example_parses_to_the_expected_record()
    {
        var card = ModelCardParser.Parse(_folder.Write("model_card.md", FraudCard));

        Assert.Equal("card-fraud-scorer", card.Model);
        Assert.Equal("3.1.0", card.Version);
        Assert.Equal("binary-classification", card.Task);
        Assert.Equal("is_fraud", card.Target);
        Assert.Equal("1", card.PositiveLabel);
        Assert.Equal(0.42, card.Threshold);
        Assert.Equal(("transaction_id", "ts", "risk_score", "flagged"), (card.IdColumn, card.TimestampColumn, card.ScoreColumn, card.PredictionColumn));
        Assert.Equal("predictions.csv", card.PredictionsFile);
        Assert.Equal(
            new PositiveEventsLabels("chargebacks.csv", "transaction_id", "chargeback_date", 120, new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero)),
            card.Labels);
        Assert.Equal(new TrainingSpec("training.csv", "is_fraud", null), card.Training);
        Assert.Equal(2, card.Features.Count);
        Assert.Equal(new FeatureSpec("amount", FeatureType.Numeric, null, 0, 50000, null), card.Features[0]);
        Assert.Equal(new FeatureSpec("merchant_category", FeatureType.Categorical), card.Features[1]);
        Assert.Empty(card.MetricsAtLaunch);
        Assert.StartsWith("# Card fraud scorer", card.Body);
        Assert.Contains("Scores card transactions.", card.Body);
    }

    [Fact]
    public void Optional_parts_parse_explicit_labels_values_metrics_and_predictions_file()
    {
        var card = Parse(FraudCard
            .Replace("prediction_column: flagged\n", "predictions: {file: scored.parquet}\n")
            .Replace("labels: {file: chargebacks.csv, id_column: transaction_id, timestamp_column: chargeback_date, maturity_days: 120, as_of: 2026-10-01}",
                "labels: {file: labels.csv, id_column: transaction_id, label_column: is_fraud, timestamp_column: labelled_at}\nmetrics_at_launch: {auc: 0.91, precision: 0.6}")
            .Replace("{name: merchant_category, type: categorical}",
                "{name: merchant_category, type: categorical, description: MCC group, values: [grocery, travel]}\n  - {name: is_online, type: boolean}"));

        Assert.Null(card.PredictionColumn);
        Assert.Equal("scored.parquet", card.PredictionsFile);
        Assert.Equal(new ExplicitLabels("labels.csv", "transaction_id", "is_fraud", "labelled_at"), card.Labels);
        Assert.Equal(0.91, card.MetricsAtLaunch["auc"]);
        Assert.Equal(0.6, card.MetricsAtLaunch["precision"]);
        Assert.Equal("MCC group", card.Features[1].Description);
        Assert.Equal(["grocery", "travel"], card.Features[1].Values!);
        Assert.Equal(FeatureType.Boolean, card.Features[2].Type);
    }

    [Fact]
    public void Flat_predictions_file_key_and_date_time_as_of_are_accepted()
    {
        var card = Parse(FraudCard
            .Replace("prediction_column: flagged\n", "predictions.file: preds.jsonl\n")
            .Replace("as_of: 2026-10-01}", "as_of: '2026-10-01T06:00:00+02:00'}"));

        Assert.Equal("preds.jsonl", card.PredictionsFile);
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 4, 0, 0, TimeSpan.Zero), ((PositiveEventsLabels)card.Labels).AsOf);
    }

    public static TheoryData<string, string, string, string> Broken() => new()
    {
        { "missing model", "model: card-fraud-scorer\n", "", "(model): missing required key" },
        { "missing labels", "labels: {file: chargebacks.csv, id_column: transaction_id, timestamp_column: chargeback_date, maturity_days: 120, as_of: 2026-10-01}\n", "", "(labels): missing required key" },
        { "missing labels.as_of", ", as_of: 2026-10-01}", "}", "(labels.as_of): missing required key" },
        { "missing training.label_column", "training: {file: training.csv, label_column: is_fraud}", "training: {file: training.csv}", "(training.label_column): missing required key" },
        { "wrong task", "task: binary-classification", "task: regression", "(task): unsupported task 'regression'" },
        { "threshold not a number", "threshold: 0.42", "threshold: high", "(threshold): expected a number, found 'high'" },
        { "threshold out of range", "threshold: 0.42", "threshold: 1.5", "(threshold): must be between 0 and 1" },
        { "model is a list", "model: card-fraud-scorer", "model: [a, b]", "(model): expected a single value" },
        { "labels is text", "labels: {file: chargebacks.csv, id_column: transaction_id, timestamp_column: chargeback_date, maturity_days: 120, as_of: 2026-10-01}", "labels: chargebacks.csv", "(labels): expected a mapping" },
        { "maturity not whole", "maturity_days: 120", "maturity_days: 4.5", "(labels.maturity_days): expected a whole number, found '4.5'" },
        { "as_of not a date", "as_of: 2026-10-01", "as_of: soon", "(labels.as_of): expected a date" },
        { "as_of unix number", "as_of: 2026-10-01", "as_of: 1790000000", "(labels.as_of): expected a date" },
        { "unknown feature type", "{name: merchant_category, type: categorical}", "{name: merchant_category, type: text}", "(features[1].type): unknown feature type 'text'; expected numeric, categorical or boolean" },
        { "duplicate feature", "{name: merchant_category, type: categorical}", "{name: amount, type: categorical}", "(features[1].name): duplicate feature name 'amount'" },
        { "feature without name", "{name: merchant_category, type: categorical}", "{type: categorical}", "(features[1].name): missing required key" },
        { "feature not a mapping", "  - {name: merchant_category, type: categorical}", "  - merchant_category", "(features[1]): expected a mapping" },
        { "features not a list", "features:\n  - {name: amount, type: numeric, range: [0, 50000]}\n  - {name: merchant_category, type: categorical}", "features: amount", "(features): expected a list" },
        { "no features", "features:\n  - {name: amount, type: numeric, range: [0, 50000]}\n  - {name: merchant_category, type: categorical}", "features: []", "(features): declare at least one feature" },
        { "bad range", "range: [0, 50000]", "range: [50000, 0]", "(features[0].range): min 50000 is greater than max 0" },
        { "range of one", "range: [0, 50000]", "range: [0]", "(features[0].range): expected [min, max]" },
        { "metric not a number", "features:", "metrics_at_launch: {auc: good}\nfeatures:", "(metrics_at_launch.auc): expected a number, found 'good'" },
        { "empty id column", "id_column: transaction_id", "id_column: ''", "(id_column): must not be empty" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Every_contract_error_names_the_file_and_key(string _, string find, string replace, string expected)
    {
        Assert.Contains(find, FraudCard);
        var text = FraudCard.Replace(find, replace);

        var error = Assert.Throws<DatasetContractException>(() => Parse(text));

        Assert.StartsWith("model_card.md", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Card_without_front_matter_is_refused()
    {
        var error = Assert.Throws<DatasetContractException>(() => Parse("# Just a readme\n\nmodel: x\n"));

        Assert.StartsWith("model_card.md: no front matter", error.Message);
    }

    [Fact]
    public void Unclosed_front_matter_is_refused()
    {
        var error = Assert.Throws<DatasetContractException>(() => Parse("---\nmodel: x\n"));

        Assert.Contains("not closed", error.Message);
    }

    [Fact]
    public void Yaml_syntax_error_reports_the_card_line()
    {
        // Line 1 is '---', so the broken flow mapping on YAML line 3 is card line 4.
        var text = "---\nmodel: x\nversion: 1\nlabels: {file: a.csv, id_column: [\n---\n";

        var error = Assert.Throws<DatasetContractException>(() => Parse(text));

        Assert.Contains("YAML syntax error", error.Message);
        Assert.NotNull(error.Line);
        Assert.InRange(error.Line!.Value, 4, 5);
        Assert.StartsWith($"model_card.md:{error.Line}", error.Message);
    }

    [Fact]
    public void Duplicate_yaml_keys_are_a_syntax_error()
    {
        var error = Assert.Throws<DatasetContractException>(() => Parse(FraudCard.Replace("model: card-fraud-scorer\n", "model: a\nmodel: b\n")));

        Assert.StartsWith("model_card.md:3: YAML syntax error", error.Message); // the second 'model' line
    }

    [Fact]
    public void Billion_laughs_is_refused()
    {
        var yaml = new System.Text.StringBuilder("---\na: &a [x, x, x, x, x, x, x, x, x]\n");
        var previous = "a";
        for (var level = 0; level < 12; level++)
        {
            var name = $"l{level}";
            yaml.Append($"{name}: &{name} [{string.Join(", ", Enumerable.Repeat($"*{previous}", 9))}]\n");
            previous = name;
        }
        yaml.Append("---\n");

        var error = Assert.Throws<DatasetContractException>(() => Parse(yaml.ToString()));

        Assert.Contains("more than 100 YAML aliases", error.Message);
    }

    [Fact]
    public void Card_over_one_mebibyte_is_refused_unread()
    {
        var path = _folder.Write("model_card.md", FraudCard + new string('x', (int)ModelCardParser.MaxCardBytes));

        var error = Assert.Throws<DatasetContractException>(() => ModelCardParser.Parse(path));

        Assert.Contains("refusing cards over 1 MiB", error.Message);
    }

    [Fact]
    public void Missing_card_file_is_a_contract_error()
    {
        var error = Assert.Throws<DatasetContractException>(() => ModelCardParser.Parse(_folder.File("model_card.md")));

        Assert.Contains("model card not found", error.Message);
    }

    [Fact]
    public void Required_columns_per_file_role()
    {
        var card = Parse(FraudCard);

        Assert.Equal(["transaction_id", "ts", "risk_score", "flagged", "amount", "merchant_category"],
            ModelCardParser.RequiredColumns(card, DatasetFileRole.Predictions));
        Assert.Equal(["transaction_id", "chargeback_date"], ModelCardParser.RequiredColumns(card, DatasetFileRole.Labels));
        Assert.Equal(["amount", "merchant_category", "is_fraud"], ModelCardParser.RequiredColumns(card, DatasetFileRole.Training));
    }
}
