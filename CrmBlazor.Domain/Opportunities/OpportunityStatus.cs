namespace CrmBlazor.Domain.Opportunities;

/// <summary>未分配 → 已指派 → 开发中 → 开发成功 / 开发失败 (PRODUCT.md §3).</summary>
public enum OpportunityStatus { Unassigned, Assigned, Developing, Won, Lost }

public enum OpportunityHistoryKind { Created, Edited, Assigned, Reassigned, Unassigned, ReturnedToPool, Claimed, PlanStepAdded, PlanStepEdited, StepResultRecorded, DevelopmentStarted, Won, Lost }
