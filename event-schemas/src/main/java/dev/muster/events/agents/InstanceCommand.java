package dev.muster.events.agents;

/** A command about one instance on the member. */
public sealed interface InstanceCommand extends AgentCommand
        permits CreateInstance,
                StartInstance,
                StopInstance,
                RestartInstance,
                FreezeInstance,
                UnfreezeInstance,
                DeleteInstance,
                ExportInstance,
                ImportInstance,
                ReportInstanceState {

    @Override
    String project();

    /** The instance's name in its project. */
    String name();

    @Override
    default String subject() {
        return name();
    }
}
