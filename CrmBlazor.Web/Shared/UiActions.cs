using CrmBlazor.Domain.Common;
using CrmBlazor.Web.Localization;
using Radzen;

namespace CrmBlazor.Web.Shared;

/// <summary>Runs a use case from a page: a refusal becomes a notification in the reader's language, never an error page.</summary>
public sealed class UiActions(NotificationService notifications, UiText text)
{
    public async Task<bool> RunAsync(Func<Task> action, string? successKey = "Common.Saved")
    {
        try
        {
            await action();
            if (successKey is not null) notifications.Notify(NotificationSeverity.Success, text[successKey]);
            return true;
        }
        catch (DomainException e)
        {
            notifications.Notify(new NotificationMessage { Severity = NotificationSeverity.Error, Summary = text["Common.NotSaved"], Detail = text.Error(e), Duration = 10_000 });
            return false;
        }
    }
}
