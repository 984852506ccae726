namespace CrmBlazor.Domain.Campaigns;

public enum CampaignChannel { Phone, Email, Sms, Event, Visit }

/// <summary>Whom a campaign aims at: the members of a saved segment, or every customer in a lifecycle stage.</summary>
public enum CampaignTargetKind { Segment, Stage }

/// <summary>Planned until launched; running until its end date; then ended (computed, see <see cref="Campaign.StatusOn"/>).</summary>
public enum CampaignStatus { Planned, Running, Ended }

/// <summary>What a target customer answered (记录反馈). No answer keeps the task open for another try.</summary>
public enum CampaignResponse { Contacted, Interested, Converted, Declined, NoAnswer }

/// <summary>Why a customer of the target was not given a task at launch.</summary>
public enum CampaignSkipReason { NoConsent, NoOwner }
