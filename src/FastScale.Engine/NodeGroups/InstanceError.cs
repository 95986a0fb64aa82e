using FastScale.Engine.Cloud;

namespace FastScale.Engine.NodeGroups;

/// <summary>Why a requested instance could not be created, as reported to the autoscaler.</summary>
public sealed record InstanceError(InstanceErrorClass Class, string Code, string Message)
{
    /// <summary>
    /// OutOfResources for stock-outs and quota (the autoscaler's expander then tries another group), Other for the rest.
    /// </summary>
    public static InstanceError From(CloudError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var errorClass = error.Kind is CloudErrorKind.OutOfStock or CloudErrorKind.QuotaExceeded
            ? InstanceErrorClass.OutOfResources
            : InstanceErrorClass.Other;
        return new InstanceError(errorClass, error.Code, error.Message);
    }
}
