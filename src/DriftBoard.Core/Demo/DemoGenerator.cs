using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Demo;

/// <summary>
/// Generates a deterministic fraud incident and streams it to an <see cref="IDemoSink"/>; nothing is held beyond one day's timestamps.
/// The truth: P(fraud | x) = σ(b + Σ wᵢ fᵢ(xᵢ)) with b solved so the training-period fraud rate is <see cref="DemoSettings.FraudRate"/>.
/// The deployed model: the same form with weights perturbed by <see cref="DemoSettings.ModelNoise"/>, clamping numeric input to the
/// declared range and giving unknown categories no effect. The incident corrupts what the model sees or changes the truth.
/// </summary>
public sealed class DemoGenerator
{
    private const ulong TrainingStream = 1, ProductionStream = 2, DelayStream = 3, ModelStream = 4, CalibrationStream = 5;
    private const int CalibrationRows = 60_000;

    private readonly DemoSettings _settings;
    private readonly DemoFeature[] _features;
    private readonly int _target;
    private readonly double[] _modelWeight;
    /// <summary>Per categorical feature: truth and model logits per category index; the last slot is the incident's new value.</summary>
    private readonly double[][] _truthLogits, _modelLogits;
    private readonly string[][] _categoryNames, _recodedNames;
    private readonly double[][] _baseShares, _cumulative;
    private readonly double[][] _extraCumulative;
    private readonly double[] _hourCumulative;
    private readonly double[] _shift;
    private readonly DemoRow _row;
    private readonly double[] _truthValues;
    private readonly int[] _truthCategory;
    private readonly DateTime _asOf;
    private int[] _secondsOfDay = [];
    private double _envelope;

    public DemoGenerator(DemoSettings settings)
    {
        settings.Validate();
        _settings = settings;
        _features = [.. settings.Features];
        var n = _features.Length;
        _target = settings.Incident.Feature is { } t ? settings.FeatureIndex(t) : -1;
        _row = new DemoRow(n, settings.ExtraColumns.Count);
        _truthValues = new double[n];
        _truthCategory = new int[n];
        _shift = new double[n];
        _asOf = settings.AsOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        _hourCumulative = Cumulative(settings.HourWeights);
        _extraCumulative = [.. settings.ExtraColumns.Select(e => Cumulative([.. e.Values.Select(v => v.Share)]))];

        var modelRandom = DemoRandom.ForStream(settings.Seed, ModelStream);
        _modelWeight = new double[n];
        _truthLogits = new double[n][];
        _modelLogits = new double[n][];
        _categoryNames = new string[n][];
        _recodedNames = new string[n][];
        _baseShares = new double[n][];
        _cumulative = new double[n][];
        for (var i = 0; i < n; i++)
        {
            var f = _features[i];
            _modelWeight[i] = f.Weight * (1 + settings.ModelNoise * modelRandom.NextNormal());
            if (f.Type != FeatureType.Categorical) continue;
            var count = f.Categories.Count;
            var newValue = i == _target && settings.Incident.Kind == IncidentKind.NewMarket ? settings.Incident.NewValue! : "";
            _categoryNames[i] = [.. f.Categories.Select(c => c.Value), newValue];
            _recodedNames[i] = [.. _categoryNames[i].Select(v => v.ToUpperInvariant().Replace(' ', '_'))];
            _baseShares[i] = [.. f.Categories.Select(c => c.Share), 0];
            _truthLogits[i] = [.. f.Categories.Select(c => c.Logit), i == _target ? settings.Incident.NewValueLogit : 0];
            _modelLogits[i] = new double[count + 1];
            for (var c = 0; c < count; c++)
                _modelLogits[i][c] = f.Categories[c].Logit * (1 + settings.ModelNoise * modelRandom.NextNormal());
            _cumulative[i] = new double[count + 1];
        }
        (TruthIntercept, ChangedTruthIntercept) = CalibrateIntercepts();
        ModelIntercept = TruthIntercept + settings.ModelBias;
    }

    public DemoSettings Settings => _settings;
    /// <summary>The truth's intercept, solved for <see cref="DemoSettings.FraudRate"/> on training-period traffic.</summary>
    public double TruthIntercept { get; }
    /// <summary>For <see cref="IncidentKind.ConceptChange"/>, the intercept that keeps the fraud rate under the changed weight; else equal to <see cref="TruthIntercept"/>.</summary>
    public double ChangedTruthIntercept { get; }
    public double ModelIntercept { get; }

    /// <summary>The incident's strength on a day: 0 before the start, ramping to 1, and back down after the duration when one is set.</summary>
    public static double Envelope(DemoIncident incident, DateOnly day)
    {
        if (incident.Kind == IncidentKind.None) return 0;
        var since = day.DayNumber - incident.Start.DayNumber;
        if (since < 0) return 0;
        var up = incident.RampDays <= 0 ? 1 : Math.Min(1, (since + 1.0) / incident.RampDays);
        if (incident.DurationDays <= 0 || since < incident.DurationDays) return up;
        var down = incident.RampDays <= 0 ? 0 : 1 - (since - incident.DurationDays + 1.0) / incident.RampDays;
        return Math.Clamp(Math.Min(up, down), 0, 1);
    }

    public DemoSummary Generate(IDemoSink sink, IProgress<long>? progress = null)
    {
        var s = _settings;
        var metrics = new LaunchMetricsAccumulator(s.Threshold);
        var random = DemoRandom.ForStream(s.Seed, TrainingStream);
        long written = 0;
        var firstTrainingDay = s.Start.AddDays(-s.TrainingDays);
        for (var d = 0; d < s.TrainingDays; d++)
        {
            var day = firstTrainingDay.AddDays(d);
            var rows = (int)((long)s.TrainingRows * (d + 1) / s.TrainingDays - (long)s.TrainingRows * d / s.TrainingDays);
            PrepareDay(day, production: false, rows, random);
            for (var r = 0; r < rows; r++)
            {
                NextRow(random, day, r, production: false);
                _row.Id = written + 1;
                metrics.Add(_row.Score, _row.IsFraud);
                sink.Training(_row);
                written++;
            }
            progress?.Report(written);
        }

        random = DemoRandom.ForStream(s.Seed, ProductionStream);
        var delays = DemoRandom.ForStream(s.Seed, DelayStream);
        long predictions = 0, fraud = 0, chargebacks = 0;
        for (var d = 0; d < s.Days; d++)
        {
            var day = s.Start.AddDays(d);
            PrepareDay(day, production: true, s.PerDay, random);
            for (var r = 0; r < s.PerDay; r++)
            {
                NextRow(random, day, r, production: true);
                _row.Id = ++predictions;
                sink.Prediction(_row);
                if (!_row.IsFraud) continue;
                fraud++;
                if (ChargebackTime(delays, _row.Timestamp) is { } at && at <= _asOf)
                {
                    sink.Chargeback(_row.Id, at);
                    chargebacks++;
                }
            }
            progress?.Report(written + predictions);
        }
        return new DemoSummary(written, predictions, fraud, chargebacks, metrics.Result());
    }

    private DateTime? ChargebackTime(DemoRandom random, DateTime timestamp)
    {
        var delay = _settings.LabelDelay;
        // Draw both numbers always, so one row's outcome never shifts the next row's stream.
        var never = random.NextDouble() < delay.NeverReportedShare;
        var days = Math.Max(delay.MinDays, delay.MedianDays * Math.Exp(delay.Sigma * random.NextNormal()));
        return never ? null : timestamp.AddSeconds(Math.Floor(days * 86_400));
    }

    /// <summary>Sets the day's distribution shifts, category shares and incident strength, and draws the day's sorted timestamps.</summary>
    private void PrepareDay(DateOnly day, bool production, int rows, DemoRandom random)
    {
        var s = _settings;
        _envelope = production ? Envelope(s.Incident, day) : 0;
        Array.Clear(_shift);
        var dayOfYear = day.DayOfYear;
        var sinceStart = day.DayNumber - s.Start.DayNumber;
        for (var i = 0; i < _features.Length; i++)
        {
            if (_features[i].Type != FeatureType.Categorical) continue;
            Array.Copy(_baseShares[i], _cumulative[i], _baseShares[i].Length);
        }
        foreach (var drift in s.BenignDrift)
        {
            var i = s.FeatureIndex(drift.Feature);
            var amount = drift.Shape == DriftShape.Trend
                ? drift.Shift * sinceStart / 365.0
                : drift.Shift * Math.Exp(-0.5 * Square(CircularDistance(dayOfYear - drift.PeakDayOfYear, 365) / drift.WidthDays));
            if (_features[i].Type != FeatureType.Categorical) _shift[i] += amount;
            else if (IndexOf(_categoryNames[i], drift.Category) is var c and >= 0) _cumulative[i][c] *= Math.Exp(amount);
        }
        if (_envelope > 0 && _target >= 0 && s.Incident.Kind == IncidentKind.SeasonalOnly)
            _shift[_target] += s.Incident.Magnitude * _envelope;
        for (var i = 0; i < _features.Length; i++)
        {
            if (_features[i].Type != FeatureType.Categorical) continue;
            var shares = _cumulative[i];
            var total = 0.0;
            for (var c = 0; c < shares.Length - 1; c++) total += shares[c];
            var newShare = i == _target && s.Incident.Kind == IncidentKind.NewMarket ? s.Incident.Magnitude * _envelope : 0;
            var running = 0.0;
            for (var c = 0; c < shares.Length - 1; c++)
            {
                running += shares[c] / total * (1 - newShare);
                shares[c] = running;
            }
            shares[^1] = running + newShare;
        }

        if (_secondsOfDay.Length < rows) _secondsOfDay = new int[rows];
        for (var r = 0; r < rows; r++)
            _secondsOfDay[r] = random.NextIndex(_hourCumulative) * 3600 + random.NextInt(3600);
        Array.Sort(_secondsOfDay, 0, rows);
    }

    private void NextRow(DemoRandom random, DateOnly day, int slot, bool production)
    {
        var s = _settings;
        var second = _secondsOfDay[slot];
        _row.Timestamp = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddSeconds(second);
        var kind = production ? s.Incident.Kind : IncidentKind.None;
        var oddsFactor = kind == IncidentKind.LabelShift ? 1 + (s.Incident.Magnitude - 1) * _envelope : 1;
        var changed = kind == IncidentKind.ConceptChange ? _envelope : 0;
        var intercept = TruthIntercept + (ChangedTruthIntercept - TruthIntercept) * changed;
        while (true)
        {
            var logit = intercept;
            for (var i = 0; i < _features.Length; i++)
            {
                var contribution = DrawTruth(random, i, second / 3600);
                if (i == _target && changed > 0) contribution *= 1 - s.Incident.Magnitude * changed;
                logit += contribution;
            }
            var p = Sigmoid(logit);
            var fraud = random.NextDouble() < p;
            // Label shift keeps P(x | y): thin the class that the wave makes rarer instead of moving any input.
            var keep = oddsFactor >= 1 ? fraud || random.NextDouble() < 1 / oddsFactor : !fraud || random.NextDouble() < oddsFactor;
            if (!keep) continue;
            _row.IsFraud = fraud;
            _row.FraudProbability = p;
            break;
        }
        for (var e = 0; e < _extraCumulative.Length; e++)
            _row.Extras[e] = s.ExtraColumns[e].Values[random.NextIndex(_extraCumulative[e])].Value;
        var modelLogit = ModelIntercept;
        for (var i = 0; i < _features.Length; i++)
            modelLogit += Observe(random, i, kind);
        _row.Score = Math.Round(Sigmoid(modelLogit), 6);
        _row.Flagged = _row.Score >= s.Threshold;
    }

    /// <summary>Draws feature i's true value (kept in the truth buffers) and returns its true logit contribution.</summary>
    private double DrawTruth(DemoRandom random, int i, int hour)
    {
        var f = _features[i];
        switch (f.Type)
        {
            case FeatureType.Categorical:
                var c = random.NextIndex(_cumulative[i]);
                _truthCategory[i] = c;
                return _truthLogits[i][c];
            case FeatureType.Boolean:
                var b = random.NextDouble() < Sigmoid(Logit(f.Probability) + _shift[i]) ? 1.0 : 0.0;
                _truthValues[i] = b;
                return f.Weight * b;
            default:
                var x = Math.Round(Math.Clamp(DrawNumeric(random, f, _shift[i], hour), f.Min, f.Max), f.Decimals);
                _truthValues[i] = x;
                return f.Weight * Effect(f, x);
        }
    }

    /// <summary>Writes what the model sees for feature i into the row (applying the input fault) and returns the model's contribution.</summary>
    private double Observe(DemoRandom random, int i, IncidentKind kind)
    {
        var f = _features[i];
        var targeted = i == _target && _envelope > 0;
        if (f.Type == FeatureType.Categorical)
        {
            var c = _truthCategory[i];
            _row.Values[i] = double.NaN;
            if (targeted && kind == IncidentKind.RecodedCategories && random.NextDouble() < _settings.Incident.Magnitude * _envelope)
            {
                _row.Categories[i] = _recodedNames[i][c];
                return 0; // the model has never seen the new spelling
            }
            _row.Categories[i] = _categoryNames[i][c];
            return _modelLogits[i][c];
        }
        var x = _truthValues[i];
        if (targeted && kind == IncidentKind.PipelineDefault && random.NextDouble() < _settings.Incident.Magnitude * _envelope)
            x = _settings.Incident.FillValue;
        else if (targeted && kind == IncidentKind.UnitChange && random.NextDouble() < _envelope)
            x = Math.Round(x * _settings.Incident.Magnitude, f.Decimals);
        _row.Values[i] = x;
        _row.Categories[i] = null;
        return f.Type == FeatureType.Boolean ? _modelWeight[i] * x : _modelWeight[i] * Effect(f, Math.Clamp(x, f.Min, f.Max));
    }

    private static double DrawNumeric(DemoRandom random, DemoFeature f, double shift, int hour) => f.Distribution switch
    {
        NumericDistribution.Normal => f.Location + f.Spread * (random.NextNormal() + shift),
        NumericDistribution.LogNormal => f.Location * Math.Exp(f.Spread * random.NextNormal() + shift),
        NumericDistribution.Uniform => f.Min + (f.Max - f.Min) * (random.NextDouble() + shift),
        NumericDistribution.Poisson => random.NextPoisson(f.Location * Math.Exp(shift)),
        NumericDistribution.Beta => BetaOnRange(random, f, Sigmoid(Logit(f.Location) + shift)),
        NumericDistribution.HourOfDay => hour,
        _ => throw new ArgumentOutOfRangeException(nameof(f), f.Distribution, "unknown distribution"),
    };

    private static double BetaOnRange(DemoRandom random, DemoFeature f, double mean) =>
        f.Min + (f.Max - f.Min) * random.NextBeta(mean * f.Spread, (1 - mean) * f.Spread);

    /// <summary>The feature's effect f(x) before its weight (see <see cref="EffectShape"/>).</summary>
    public static double Effect(DemoFeature feature, double x) => feature.Shape switch
    {
        EffectShape.Linear => (x - feature.Center) / feature.Scale,
        EffectShape.Log => (Math.Log(1 + Math.Max(x, 0)) - Math.Log(1 + Math.Max(feature.Center, 0))) / feature.Scale,
        EffectShape.Bump => Math.Exp(-0.5 * Square((feature.Period is { } period ? CircularDistance(x - feature.Center, period) : x - feature.Center) / feature.Scale)),
        _ => throw new ArgumentOutOfRangeException(nameof(feature), feature.Shape, "unknown effect shape"),
    };

    /// <summary>
    /// Solves the truth's intercept for the fraud rate on training-period traffic (bisection on a sample drawn from its own stream),
    /// and for a concept change the intercept that keeps that rate under the changed weight.
    /// </summary>
    private (double Base, double Changed) CalibrateIntercepts()
    {
        var s = _settings;
        var random = DemoRandom.ForStream(s.Seed, CalibrationStream);
        var sums = new double[CalibrationRows];
        var changedSums = new double[CalibrationRows];
        var factor = s.Incident.Kind == IncidentKind.ConceptChange ? 1 - s.Incident.Magnitude : 1;
        var perDay = Math.Max(1, CalibrationRows / s.TrainingDays);
        var firstDay = s.Start.AddDays(-s.TrainingDays);
        for (var r = 0; r < CalibrationRows; r += perDay)
        {
            var day = firstDay.AddDays(r / perDay % s.TrainingDays);
            var rows = Math.Min(perDay, CalibrationRows - r);
            PrepareDay(day, production: false, rows, random);
            for (var k = 0; k < rows; k++)
            {
                double sum = 0, changedSum = 0;
                for (var i = 0; i < _features.Length; i++)
                {
                    var contribution = DrawTruth(random, i, _secondsOfDay[k] / 3600);
                    sum += contribution;
                    changedSum += i == _target ? contribution * factor : contribution;
                }
                sums[r + k] = sum;
                changedSums[r + k] = changedSum;
            }
        }
        return (SolveIntercept(sums, s.FraudRate), SolveIntercept(changedSums, s.FraudRate));
    }

    private static double SolveIntercept(double[] sums, double rate)
    {
        double low = -40, high = 40;
        for (var iteration = 0; iteration < 100; iteration++)
        {
            var mid = (low + high) / 2;
            var mean = 0.0;
            foreach (var x in sums) mean += Sigmoid(mid + x);
            if (mean / sums.Length < rate) low = mid;
            else high = mid;
        }
        return (low + high) / 2;
    }

    private static double[] Cumulative(IReadOnlyList<double> weights)
    {
        var result = new double[weights.Count];
        var running = 0.0;
        for (var i = 0; i < result.Length; i++) result[i] = running += weights[i];
        return result;
    }

    private static int IndexOf(string[] values, string? value) => value is null ? -1 : Array.IndexOf(values, value);
    private static double CircularDistance(double d, double period) => d - period * Math.Round(d / period);
    private static double Square(double x) => x * x;
    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
    private static double Logit(double p) => Math.Log(p / (1 - p));

    /// <summary>Recall, precision and a binned ROC AUC of the model's scores on labelled rows.</summary>
    private sealed class LaunchMetricsAccumulator(double threshold)
    {
        private const int Bins = 10_000;
        private readonly long[] _positives = new long[Bins + 1], _negatives = new long[Bins + 1];
        private long _truePositive, _falsePositive, _falseNegative;

        public void Add(double score, bool fraud)
        {
            var bin = (int)Math.Round(score * Bins);
            if (fraud) _positives[bin]++;
            else _negatives[bin]++;
            var flagged = score >= threshold;
            if (flagged && fraud) _truePositive++;
            else if (flagged) _falsePositive++;
            else if (fraud) _falseNegative++;
        }

        public DemoLaunchMetrics Result()
        {
            double below = 0, pairs = 0, positives = 0, negatives = 0;
            for (var b = 0; b <= Bins; b++)
            {
                pairs += _positives[b] * (below + 0.5 * _negatives[b]);
                below += _negatives[b];
                positives += _positives[b];
            }
            negatives = below;
            var auc = positives > 0 && negatives > 0 ? pairs / (positives * negatives) : double.NaN;
            var recall = _truePositive + _falseNegative > 0 ? (double)_truePositive / (_truePositive + _falseNegative) : double.NaN;
            var precision = _truePositive + _falsePositive > 0 ? (double)_truePositive / (_truePositive + _falsePositive) : double.NaN;
            return new DemoLaunchMetrics(recall, precision, auc);
        }
    }
}
