namespace FastScale.Commands;

/// <summary>A problem the user can fix (bad flag, bad file): printed as one line, no stack trace, exit code 1.</summary>
internal sealed class UserError(string message) : Exception(message);
