namespace CrmBlazor.Domain.Customers;

/// <summary>Active customers are worked; Inactive ones are kept but hidden from work lists; Lost ones had churn confirmed.</summary>
public enum CustomerStatus { Active, Inactive, Lost }

public enum Gender { Unknown, Male, Female }
