using YamlDotNet.Serialization;

namespace FastScale.Kubernetes.Config;

/// <summary>The YAML shape of a kubeconfig file, only the fields we read; unknown fields are ignored.</summary>
internal sealed class KubeconfigDocument
{
    [YamlMember(Alias = "current-context")]
    public string? CurrentContext { get; set; }

    [YamlMember(Alias = "clusters")]
    public List<NamedEntry<ClusterEntry>>? Clusters { get; set; }

    [YamlMember(Alias = "users")]
    public List<NamedEntry<UserEntry>>? Users { get; set; }

    [YamlMember(Alias = "contexts")]
    public List<NamedEntry<ContextEntry>>? Contexts { get; set; }

    internal sealed class NamedEntry<T>
        where T : class
    {
        [YamlMember(Alias = "name")]
        public string? Name { get; set; }

        [YamlMember(Alias = "cluster")]
        public T? Cluster { get; set; }

        [YamlMember(Alias = "user")]
        public T? User { get; set; }

        [YamlMember(Alias = "context")]
        public T? Context { get; set; }

        public T? Value => Cluster ?? User ?? Context;
    }

    internal sealed class ClusterEntry
    {
        [YamlMember(Alias = "server")]
        public string? Server { get; set; }

        [YamlMember(Alias = "certificate-authority")]
        public string? CertificateAuthority { get; set; }

        [YamlMember(Alias = "certificate-authority-data")]
        public string? CertificateAuthorityData { get; set; }

        [YamlMember(Alias = "insecure-skip-tls-verify")]
        public bool InsecureSkipTlsVerify { get; set; }
    }

    internal sealed class UserEntry
    {
        [YamlMember(Alias = "token")]
        public string? Token { get; set; }

        [YamlMember(Alias = "tokenFile")]
        public string? TokenFile { get; set; }

        [YamlMember(Alias = "client-certificate")]
        public string? ClientCertificate { get; set; }

        [YamlMember(Alias = "client-certificate-data")]
        public string? ClientCertificateData { get; set; }

        [YamlMember(Alias = "client-key")]
        public string? ClientKey { get; set; }

        [YamlMember(Alias = "client-key-data")]
        public string? ClientKeyData { get; set; }

        [YamlMember(Alias = "exec")]
        public object? Exec { get; set; }

        [YamlMember(Alias = "auth-provider")]
        public object? AuthProvider { get; set; }

        [YamlMember(Alias = "username")]
        public string? Username { get; set; }
    }

    internal sealed class ContextEntry
    {
        [YamlMember(Alias = "cluster")]
        public string? Cluster { get; set; }

        [YamlMember(Alias = "user")]
        public string? User { get; set; }

        [YamlMember(Alias = "namespace")]
        public string? Namespace { get; set; }
    }
}
