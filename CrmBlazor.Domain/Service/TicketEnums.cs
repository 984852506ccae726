namespace CrmBlazor.Domain.Service;

/// <summary>新创建 → 已分配 → 已处理 → 已反馈 → 已归档 (PRODUCT.md §5).</summary>
public enum TicketStatus { Created, Assigned, Handled, FeedbackGiven, Archived }

public enum TicketPriority { Low, Normal, High, Urgent }

public enum TicketHistoryKind { Created, Edited, Assigned, Reassigned, Handled, FeedbackGiven, ReturnedForRehandling, Archived }
