namespace DriftBoard.Web.Datasets;

/// <summary>Where seeding the demo incident stands.</summary>
public enum DemoSeedingStage
{
    /// <summary>Not started, or not needed (seeding off, or the database already holds a dataset).</summary>
    Idle,
    Generating,
    Importing,
    Done,
    Failed,
}

/// <summary>One consistent view of the seeding: the stage, the share of it done (0..1; null when unknown) and, on failure, why.</summary>
public sealed record DemoSeedingSnapshot(DemoSeedingStage Stage, double? Fraction = null, string? Error = null)
{
    public bool IsRunning => Stage is DemoSeedingStage.Generating or DemoSeedingStage.Importing;
}

/// <summary>
/// The demo seeding's progress, shared between the background service that writes it and every circuit that shows it.
/// <see cref="Changed"/> fires on the seeding thread: subscribers marshal to their renderer (ComponentBase.InvokeAsync).
/// Progress within a stage is reported in whole percents, so a page re-renders at most about a hundred times per stage.
/// </summary>
public sealed class DemoSeedingStatus
{
    private readonly Lock _lock = new();
    private DemoSeedingSnapshot _current = new(DemoSeedingStage.Idle);

    public DemoSeedingSnapshot Current
    {
        get
        {
            lock (_lock) return _current;
        }
    }

    public event Action? Changed;

    internal void Report(DemoSeedingStage stage, double? fraction = null, string? error = null)
    {
        var next = new DemoSeedingSnapshot(stage, fraction is { } f ? Math.Floor(Math.Clamp(f, 0, 1) * 100) / 100 : null, error);
        lock (_lock)
        {
            if (next == _current) return;
            _current = next;
        }
        Changed?.Invoke();
    }
}
