using CrmBlazor.Web.Features.Products;
using CrmBlazor.Web.Features.CustomerEvents;
using CrmBlazor.Web.Features.Campaigns;
using CrmBlazor.Web.Features.BasicData;
using CrmBlazor.Web.Features.Audit;
using CrmBlazor.Web.Components;
using CrmBlazor.Web.Components.Account;
using CrmBlazor.Web.Features.Admin;
using CrmBlazor.Web.Features.Care;
using CrmBlazor.Web.Features.Churn;
using CrmBlazor.Web.Features.Customers;
using CrmBlazor.Web.Features.Dashboard;
using CrmBlazor.Web.Features.DataQuality;
using CrmBlazor.Web.Features.Import;
using CrmBlazor.Web.Features.Lifecycle;
using CrmBlazor.Web.Features.Opportunities;
using CrmBlazor.Web.Features.Reports;
using CrmBlazor.Web.Features.Service;
using CrmBlazor.Web.Features.Value;
using static CrmBlazor.Domain.Common.Roles;

namespace CrmBlazor.Tests.Security;

public static partial class AccessRules
{
    /// <summary>One line per routable page: the roles that may open it (records inside follow the method rules).</summary>
    public static readonly IReadOnlyList<PageRule> Pages =
    [
        PublicPage<Login>(),
        PublicPage<AccessDenied>(),
        PublicPage<ErrorPage>(),
        PublicPage<NotFoundPage>(),
        SignedInPage<ChangePassword>(),

        Page<DashboardPage>(Admin, SalesManager, AccountManager, CustomerService, Executive),
        Page<CustomerListPage>(Admin, SalesManager, AccountManager, CustomerService, Executive),
        Page<CustomerPage>(Admin, SalesManager, AccountManager, CustomerService, Executive),
        Page<CareCalendarPage>(Admin, SalesManager, AccountManager, CustomerService, Executive),
        Page<ChurnWarningsPage>(Admin, SalesManager, AccountManager, Executive),

        Page<OpportunityListPage>(Admin, SalesManager, AccountManager),
        Page<OpportunityPage>(Admin, SalesManager, AccountManager),
        Page<BoardPage>(Admin, SalesManager),
        Page<LeadsPage>(Admin, SalesManager),
        Page<PoolPage>(Admin, SalesManager, AccountManager),
        Page<PipelinePage>(Admin, SalesManager, Executive),

        Page<TicketListPage>(Admin, SalesManager, AccountManager, CustomerService),
        Page<TicketPage>(Admin, SalesManager, AccountManager, CustomerService, Executive),
        Page<TicketBoardPage>(Admin, SalesManager),

        Page<ReportsIndexPage>(Admin, SalesManager, Executive),
        Page<CompositionReportPage>(Admin, SalesManager, Executive),
        Page<ContributionReportPage>(Admin, SalesManager, Executive),
        Page<ChurnReportPage>(Admin, SalesManager, Executive),
        Page<LifecycleReportPage>(Admin, SalesManager, Executive),
        Page<ValueReportPage>(Admin, SalesManager, Executive),
        Page<ServiceQualityPage>(Admin, SalesManager, Executive),
        Page<PlaybookEffectPage>(Admin, SalesManager, Executive),

        Page<ImportPage>(Admin, SalesManager, AccountManager),
        Page<DataQualityPage>(Admin, SalesManager),

        Page<UsersPage>(Admin),
        Page<StageRulesPage>(Admin),
        Page<PlaybooksPage>(Admin),
        Page<ServiceLevelsPage>(Admin),

        PublicPage<LoginTwoFactor>(),
        SignedInPage<TwoFactorPage>(),
        Page<AuditPage>(Admin),
        Page<DictionaryPage>(Admin),
        Page<CampaignListPage>(Admin, SalesManager, AccountManager, Executive),
        Page<CampaignPage>(Admin, SalesManager, AccountManager, Executive),
        Page<EventListPage>(Admin, SalesManager, AccountManager, CustomerService, Executive),
        Page<EventPage>(Admin, SalesManager, AccountManager, CustomerService, Executive),
        Page<SegmentsPage>(Admin, SalesManager, AccountManager, CustomerService, Executive),
        Page<ProductListPage>(Admin, SalesManager, AccountManager, CustomerService, Executive),
        Page<ProductPage>(Admin, SalesManager, AccountManager, CustomerService, Executive),
        Page<InventoryPage>(Admin, SalesManager, AccountManager, CustomerService, Executive),
    ];
}
