namespace DriftBoard.Web.Security;

/// <summary>
/// The three roles. A viewer reads dashboards and summaries; an author also edits postmortems and imports data; an admin also
/// manages users, reopens final postmortems and deletes datasets. Each role includes the ones before it.
/// </summary>
public static class DriftBoardRoles
{
    public const string Viewer = "viewer";
    public const string Author = "author";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Viewer, Author, Admin];
}

/// <summary>Authorization policy names used by pages (<c>[Authorize(Policy = ...)]</c>), endpoints and hub methods.</summary>
public static class DriftBoardPolicies
{
    /// <summary>Edit postmortems and import data: author or admin.</summary>
    public const string CanEdit = "can-edit";

    /// <summary>Users, reopening final postmortems, deleting datasets: admin.</summary>
    public const string CanAdminister = "can-administer";
}
