using FastScale.Ecs.Credentials;

namespace FastScale.Ecs.Tests.Support;

internal sealed class DictionaryEnvironment(Dictionary<string, string> variables) : IEnvironmentVariables
{
    public string? Get(string name) => variables.GetValueOrDefault(name);
}
