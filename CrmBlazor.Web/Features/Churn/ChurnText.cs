using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Web.Localization;

namespace CrmBlazor.Web.Features.Churn;

/// <summary>Why a churn warning was raised, in the reader's language ("6 个月未下单" / "No order for 6 months").</summary>
public static class ChurnText
{
    public static string Trigger(UiText t, ChurnTrigger trigger, int noOrderMonths) => t["ChurnTrigger." + trigger, noOrderMonths];
}
