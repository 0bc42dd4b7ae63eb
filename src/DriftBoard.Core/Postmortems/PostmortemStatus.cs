namespace DriftBoard.Core.Postmortems;

/// <summary>Where a postmortem is in its life. <see cref="Final"/> locks editing until someone reopens it.</summary>
public enum PostmortemStatus
{
    Draft,
    InReview,
    Final,
}

public static class PostmortemStatusNames
{
    /// <summary>The stored and wire name: draft, in_review, final.</summary>
    public static string ToName(this PostmortemStatus status) => status switch
    {
        PostmortemStatus.Draft => "draft",
        PostmortemStatus.InReview => "in_review",
        PostmortemStatus.Final => "final",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static PostmortemStatus Parse(string name) => name switch
    {
        "draft" => PostmortemStatus.Draft,
        "in_review" => PostmortemStatus.InReview,
        "final" => PostmortemStatus.Final,
        _ => throw new FormatException($"unknown postmortem status '{name}' (draft, in_review or final)"),
    };

    /// <summary>What people read: Draft, In review, Final.</summary>
    public static string ToDisplay(this PostmortemStatus status) => status switch
    {
        PostmortemStatus.Draft => "Draft",
        PostmortemStatus.InReview => "In review",
        PostmortemStatus.Final => "Final",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
