using System.Runtime.InteropServices;

namespace FastScale.Tests.Serve.Reload;

/// <summary>
/// A directory laid out as the kubelet lays out a ConfigMap volume: <c>policy.yaml -> ..data/policy.yaml</c>,
/// <c>..data -> ..2026_12_06_05_00_00.000000001</c>; an update writes a new timestamped directory and swaps the
/// <c>..data</c> symlink (via a temporary link and a rename, so the swap is atomic), then removes the old directory.
/// </summary>
internal sealed partial class ConfigMapVolume : IDisposable
{
    private int _version;

    public ConfigMapVolume(string content)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("fastscale-configmap-").FullName;
        var current = WriteVersion(content);
        File.CreateSymbolicLink(Data, current);
        File.CreateSymbolicLink(PolicyPath, Path.Combine("..data", "policy.yaml"));
    }

    public string Directory { get; }

    /// <summary>The path serve is given (<c>--policy</c>), through both symlinks.</summary>
    public string PolicyPath => Path.Combine(Directory, "policy.yaml");

    private string Data => Path.Combine(Directory, "..data");

    public void Update(string content)
    {
        var old = new FileInfo(Data).LinkTarget!;
        var next = WriteVersion(content);
        var temporary = Path.Combine(Directory, "..data_tmp");
        File.CreateSymbolicLink(temporary, next);
        // rename(2), as the kubelet's atomic writer does; File.Move refuses a link that points at a directory.
        if (Rename(temporary, Data) != 0)
        {
            throw new IOException($"rename {temporary} -> {Data} failed: errno {Marshal.GetLastPInvokeError()}");
        }

        System.IO.Directory.Delete(Path.Combine(Directory, old), recursive: true);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename([MarshalAs(UnmanagedType.LPUTF8Str)] string from, [MarshalAs(UnmanagedType.LPUTF8Str)] string to);

    private string WriteVersion(string content)
    {
        var name = $"..2026_12_06_05_00_00.{++_version:D9}";
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, name));
        File.WriteAllText(Path.Combine(Directory, name, "policy.yaml"), content);
        return name;
    }
}
