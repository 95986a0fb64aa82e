namespace FastScale.Tests.Container;

/// <summary>A stage's file system as a directory on this machine, with the working directory and environment its instructions set.</summary>
internal sealed class StageFiles(DockerStage stage, string root)
{
    public DockerStage Stage { get; } = stage;

    /// <summary>The directory that stands for the stage's "/".</summary>
    public string Root { get; } = root;

    /// <summary>The container path WORKDIR last set.</summary>
    public string WorkingDirectory { get; set; } = "/";

    /// <summary>The variables ENV set, as written (container paths unmapped).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>Where the container path <paramref name="containerPath"/> lives on this machine.</summary>
    public string Map(string containerPath) => Path.Combine(Root, containerPath.TrimStart('/'));
}
