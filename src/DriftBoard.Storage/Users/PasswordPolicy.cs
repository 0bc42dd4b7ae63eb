namespace DriftBoard.Storage.Users;

/// <summary>
/// What a user name and a password must be. Length is the rule that matters (NIST SP 800-63B): at least 12 characters, no
/// composition rules; the password may not be the user name. The upper bounds keep a sign-in request from hashing megabytes.
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 1024;
    public const int MaximumNameLength = 64;

    /// <summary>Why <paramref name="name"/> cannot be a user name, or null when it can.</summary>
    public static string? CheckName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "the user name is empty";
        if (name.Length > MaximumNameLength) return $"the user name is longer than {MaximumNameLength} characters";
        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c)) return "the user name may not contain spaces or control characters";
        }

        return null;
    }

    /// <summary>Why <paramref name="password"/> cannot be <paramref name="name"/>'s password, or null when it can.</summary>
    public static string? CheckPassword(string name, string? password)
    {
        if (string.IsNullOrEmpty(password)) return "the password is empty";
        // Counted in text elements would be kinder to emoji; characters are what the hasher sees and what the rule documents.
        if (password.Length < MinimumLength) return $"the password must be at least {MinimumLength} characters long";
        if (password.Length > MaximumLength) return $"the password must be at most {MaximumLength} characters long";
        if (string.Equals(password.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase)) return "the password may not be the user name";
        return null;
    }
}
