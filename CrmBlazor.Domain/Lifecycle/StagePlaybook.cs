using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.Lifecycle;

/// <summary>The strategy of one stage (阶段化策略): goal, key actions, owner, and follow-up cadence, in both languages; edited by an admin.</summary>
public sealed class StagePlaybook : VersionedEntity
{
    private StagePlaybook() { }

    public LifecycleStage Stage { get; private set; }
    public string GoalZh { get; private set; } = "";
    public string GoalEn { get; private set; } = "";
    public string ActionsZh { get; private set; } = "";
    public string ActionsEn { get; private set; } = "";
    public string OwnerZh { get; private set; } = "";
    public string OwnerEn { get; private set; } = "";
    public CadenceKind Cadence { get; private set; }

    public static StagePlaybook Create(LifecycleStage stage, string goalZh, string goalEn, string actionsZh, string actionsEn, string ownerZh, string ownerEn, CadenceKind cadence)
    {
        var playbook = new StagePlaybook { Stage = stage };
        playbook.Update(goalZh, goalEn, actionsZh, actionsEn, ownerZh, ownerEn, cadence);
        return playbook;
    }

    public void Update(string goalZh, string goalEn, string actionsZh, string actionsEn, string ownerZh, string ownerEn, CadenceKind cadence)
    {
        GoalZh = Check.Required(goalZh, "GoalZh", 300);
        GoalEn = Check.Required(goalEn, "GoalEn", 300);
        ActionsZh = Check.Required(actionsZh, "ActionsZh", 2000);
        ActionsEn = Check.Required(actionsEn, "ActionsEn", 2000);
        OwnerZh = Check.Required(ownerZh, "OwnerZh", 200);
        OwnerEn = Check.Required(ownerEn, "OwnerEn", 200);
        Cadence = cadence;
    }
}
