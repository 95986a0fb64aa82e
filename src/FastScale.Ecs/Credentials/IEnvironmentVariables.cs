namespace FastScale.Ecs.Credentials;

/// <summary>Reads environment variables; tests pass a dictionary instead of mutating the process environment.</summary>
public interface IEnvironmentVariables
{
    string? Get(string name);
}
