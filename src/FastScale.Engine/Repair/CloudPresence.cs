namespace FastScale.Engine.Repair;

/// <summary>What the last cloud check said of an instance.</summary>
internal enum CloudPresence
{
    /// <summary>Known to the cloud and not stopped (or not checked yet).</summary>
    Present,
    Stopped,
    Gone,
}
