namespace FastScale.Engine.Repair;

internal readonly record struct DueRepair(string InstanceId, RepairReason Reason, string Detail);
