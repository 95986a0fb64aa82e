using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace FastScale.Kubernetes.Config;

/// <summary>One kubeconfig file read strictly: a field outside kubectl's schema is an error naming the line and the
/// section, because a credential field we skipped would send requests out with less authentication than the user
/// wrote (the way username/password and impersonation used to be dropped).</summary>
internal static partial class KubeconfigFile
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public static KubeconfigDocument? Parse(string yaml, string path, List<string> errors)
    {
        KubeconfigDocument? document;
        try
        {
            document = Deserializer.Deserialize<KubeconfigDocument>(yaml);
        }
        catch (YamlException e)
        {
            var unknown = UnknownProperty().Match(e.Message);
            errors.Add(unknown.Success
                ? $"kubeconfig {path}:{e.Start.Line}:{e.Start.Column}: unknown field '{unknown.Groups["field"].Value}' in {Section(unknown.Groups["type"].Value)}; FastScale refuses fields it does not read rather than ignore them"
                : $"kubeconfig {path}:{e.Start.Line}:{e.Start.Column}: not a valid kubeconfig: {e.InnerException?.Message ?? e.Message}");
            return null;
        }

        if (document is null)
        {
            errors.Add($"kubeconfig {path}: the file is empty");
            return null;
        }

        CheckNames(document.Clusters?.Select(c => c.Name), "clusters", path, errors);
        CheckNames(document.Users?.Select(u => u.Name), "users", path, errors);
        CheckNames(document.Contexts?.Select(c => c.Name), "contexts", path, errors);
        return document;
    }

    /// <summary>kubectl keeps the last of two entries with one name in a file; a silent pick is refused here instead.</summary>
    private static void CheckNames(IEnumerable<string?>? names, string section, string path, List<string> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names ?? [])
        {
            if (string.IsNullOrEmpty(name))
            {
                errors.Add($"kubeconfig {path}: an entry in {section} has no name");
            }
            else if (!seen.Add(name))
            {
                errors.Add($"kubeconfig {path}: {section} has two entries named '{name}'");
            }
        }
    }

    private static string Section(string type) => type switch
    {
        _ when type.EndsWith("+UserEntry", StringComparison.Ordinal) => "users[].user",
        _ when type.EndsWith("+ExecEntry", StringComparison.Ordinal) => "users[].user.exec",
        _ when type.EndsWith("+ExecEnvEntry", StringComparison.Ordinal) => "users[].user.exec.env[]",
        _ when type.EndsWith("+ClusterEntry", StringComparison.Ordinal) => "clusters[].cluster",
        _ when type.EndsWith("+ContextEntry", StringComparison.Ordinal) => "contexts[].context",
        _ when type.EndsWith("+NamedUser", StringComparison.Ordinal) => "users[]",
        _ when type.EndsWith("+NamedCluster", StringComparison.Ordinal) => "clusters[]",
        _ when type.EndsWith("+NamedContext", StringComparison.Ordinal) => "contexts[]",
        _ => "the top level",
    };

    [GeneratedRegex("Property '(?<field>[^']*)' not found on type '(?<type>[^']*)'")]
    private static partial Regex UnknownProperty();
}
