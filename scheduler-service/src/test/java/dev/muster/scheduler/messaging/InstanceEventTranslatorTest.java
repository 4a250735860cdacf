package dev.muster.scheduler.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.events.PublicEvent;
import dev.muster.events.agents.AgentCommand;
import dev.muster.events.agents.CopyImage;
import dev.muster.events.agents.CreateInstance;
import dev.muster.events.agents.DeleteInstance;
import dev.muster.events.agents.ExportInstance;
import dev.muster.events.agents.FreezeInstance;
import dev.muster.events.agents.ImportInstance;
import dev.muster.events.agents.RestartInstance;
import dev.muster.events.agents.StartInstance;
import dev.muster.events.agents.StopInstance;
import dev.muster.events.instances.InstanceDeleted;
import dev.muster.events.instances.InstancePlaced;
import dev.muster.events.instances.InstanceStatusChanged;
import dev.muster.events.instances.PlacementRequested;
import dev.muster.scheduler.instances.Instance;
import dev.muster.scheduler.instances.Instance.Move.Stage;
import dev.muster.scheduler.instances.InstanceEvent;
import dev.muster.scheduler.instances.Reason;
import dev.muster.scheduler.instances.StateAction;
import dev.muster.scheduler.instances.StateChange;
import dev.muster.scheduler.placement.PlacementTarget;
import dev.muster.scheduler.transfers.TransferSettings;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Domain events become public events and typed agent commands, each command with a fresh id. */
class InstanceEventTranslatorTest {

    private static final String IMAGE = "f00d" + "0".repeat(60);
    private static final String EXPORT = "http://images:8083/1.0/images/" + IMAGE + "/export";
    private static final Map<String, String> LIMITS = Map.of("limits.cpu", "2", "limits.memory", "256MiB");
    private static final Map<String, Map<String, String>> DEVICES =
            Map.of("root", Map.of("type", "disk", "path", "/", "pool", "default"));

    private final InstanceEventTranslator translator = new InstanceEventTranslator(
            new ImageExports("http://images:8083/"), new TransferSettings("", "http://scheduler:8082/"));
    private static final String TRANSFER = "http://scheduler:8082/internal/transfers/t-1";

    /** The events with command ids blanked, to compare the rest. */
    private static List<PublicEvent> withoutIds(List<PublicEvent> events) {
        return events.stream()
                .map(event -> switch (event) {
                    case CopyImage c -> new CopyImage(c.member(), "", c.fingerprint(), c.source(), c.split());
                    case CreateInstance c ->
                        new CreateInstance(
                                c.member(),
                                "",
                                c.project(),
                                c.name(),
                                c.type(),
                                c.start(),
                                c.image(),
                                c.imageSource(),
                                c.config(),
                                c.devices());
                    case DeleteInstance c ->
                        new DeleteInstance(c.member(), "", c.project(), c.name(), c.reason(), c.force());
                    case StopInstance c ->
                        new StopInstance(c.member(), "", c.project(), c.name(), c.force(), c.timeoutSeconds());
                    case StartInstance c -> new StartInstance(c.member(), "", c.project(), c.name());
                    case ExportInstance c -> new ExportInstance(c.member(), "", c.project(), c.name(), c.destination());
                    case ImportInstance c ->
                        new ImportInstance(
                                c.member(), "", c.project(), c.name(), c.type(), c.start(), c.source(), c.config());
                    case RestartInstance c ->
                        new RestartInstance(c.member(), "", c.project(), c.name(), c.force(), c.timeoutSeconds());
                    case FreezeInstance c -> new FreezeInstance(c.member(), "", c.project(), c.name());
                    default -> event;
                })
                .toList();
    }

    @Test
    void aPlacementFromAnImageAsksTheCopyBeforeTheCreate() {
        List<PublicEvent> events = translator.translate(new InstanceEvent.Placed(
                "p", "c", "m1", Reason.NEW, "container", true, IMAGE, true, "", LIMITS, DEVICES));

        assertThat(withoutIds(events))
                .containsExactly(
                        new InstancePlaced("c", "p", "m1", "new"),
                        new CopyImage("m1", "", IMAGE, EXPORT, false),
                        new CreateInstance("m1", "", "p", "c", "container", true, IMAGE, EXPORT, LIMITS, DEVICES));
    }

    @Test
    void aPlacementWithoutAnImageCreatesAnEmptyInstance() {
        assertThat(withoutIds(translator.translate(new InstanceEvent.Placed(
                        "p", "c", "m1", Reason.NEW, "virtual-machine", false, "", false, "", Map.of(), Map.of()))))
                .containsExactly(
                        new InstancePlaced("c", "p", "m1", "new"),
                        new CreateInstance("m1", "", "p", "c", "virtual-machine", false, "", "", Map.of(), Map.of()));
    }

    private static Instance moving(String from, String to, Reason reason, Stage stage, boolean start) {
        return new Instance(
                "p",
                "a",
                "container",
                "x86_64",
                "",
                Map.of("limits.cpu", "2", Instance.BASE_IMAGE, IMAGE),
                DEVICES,
                List.of("default"),
                to,
                Instance.STOPPED,
                start,
                null,
                null,
                "",
                new Instance.Move(from, reason, stage, "t-1"),
                false);
    }

    @Test
    void aMoveStopsARunningInstanceOnItsSourceOrExportsAStoppedOneAndCountsItOnItsTarget() {
        assertThat(withoutIds(translator.translate(new InstanceEvent.Moved(
                        "p", "a", "m1", "m2", Reason.RELOCATION, "container", true, Stage.STOPPING, "t-1"))))
                .containsExactly(
                        new InstancePlaced("a", "p", "m2", "relocation"),
                        new StopInstance("m1", "", "p", "a", false, -1));
        assertThat(withoutIds(translator.translate(new InstanceEvent.Moved(
                        "p", "a", "m1", "m2", Reason.EVACUATION, "container", false, Stage.EXPORTING, "t-1"))))
                .containsExactly(
                        new InstancePlaced("a", "p", "m2", "evacuation"),
                        new ExportInstance("m1", "", "p", "a", TRANSFER));
        assertThat(withoutIds(translator.translate(new InstanceEvent.Moved(
                        "p", "a", "m1", "m2", Reason.HEALING, "container", true, Stage.RECREATING, "t-1"))))
                .containsExactly(new InstancePlaced("a", "p", "m2", "healing"));
    }

    @Test
    void theTargetImportsFromTheTransferTheSourceExportedToWithTheInstancesOwnConfig() {
        assertThat(withoutIds(translator.translate(new InstanceEvent.MoveAdvanced(
                        moving("m1", "m2", Reason.RELOCATION, Stage.STOPPING, true), Stage.EXPORTING))))
                .containsExactly(new ExportInstance("m1", "", "p", "a", TRANSFER));
        assertThat(withoutIds(translator.translate(new InstanceEvent.MoveAdvanced(
                        moving("m1", "m2", Reason.RELOCATION, Stage.EXPORTING, true), Stage.IMPORTING))))
                .containsExactly(
                        new ImportInstance("m2", "", "p", "a", "container", true, TRANSFER, Map.of("limits.cpu", "2")));
    }

    @Test
    void aTargetThatCreatesTheInstanceAnewFetchesItsBaseImage() {
        assertThat(withoutIds(translator.translate(new InstanceEvent.MoveAdvanced(
                        moving("m1", "m2", Reason.HEALING, Stage.RECREATING, true), Stage.RECREATING))))
                .containsExactly(new CreateInstance(
                        "m2", "", "p", "a", "container", true, IMAGE, EXPORT, Map.of("limits.cpu", "2"), DEVICES));
    }

    @Test
    void theSourceDeletesItsCopyOnlyOnceTheMoveIsOverAndNeverWhenDead() {
        assertThat(withoutIds(
                        translator.translate(new InstanceEvent.MoveFinished("p", "a", "m1", Reason.RELOCATION, "t-1"))))
                .containsExactly(new DeleteInstance("m1", "", "p", "a", "move", false));
        assertThat(withoutIds(
                        translator.translate(new InstanceEvent.MoveFinished("p", "a", "m2", Reason.RESTORE, "t-1"))))
                .containsExactly(new DeleteInstance("m2", "", "p", "a", "restore", false));
        assertThat(translator.translate(new InstanceEvent.MoveFinished("p", "a", "m1", Reason.HEALING, "t-1")))
                .isEmpty();
    }

    @Test
    void aFailedMovePlacesTheInstanceOnItsSourceAgainAndACalledOffOneDiscardsTheTargetsCopy() {
        assertThat(withoutIds(translator.translate(new InstanceEvent.MoveFailed(
                        "p", "a", "m1", "m2", Reason.EVACUATION, "t-1", "m2 was evacuated", true))))
                .containsExactly(
                        new InstancePlaced("a", "p", "m1", "evacuation"),
                        new DeleteInstance("m2", "", "p", "a", "evacuation", true));
    }

    @Test
    void stateChangesAreTheTypedCommandsWithTheirForceAndTimeout() {
        assertThat(withoutIds(translator.translate(new InstanceEvent.StateChangeAsked(
                        "p", "a", "m1", new StateChange(StateAction.RESTART, 30, true, false), "op"))))
                .containsExactly(new RestartInstance("m1", "", "p", "a", true, 30));
        assertThat(withoutIds(translator.translate(new InstanceEvent.StateChangeAsked(
                        "p", "a", "m1", new StateChange(StateAction.FREEZE, -1, false, false), "op"))))
                .containsExactly(new FreezeInstance("m1", "", "p", "a"));
        assertThat(translator.translate(
                        new InstanceEvent.WentMissing("p", "a", "m1", "Instance is missing on member m1")))
                .containsExactly(new InstanceStatusChanged("a", "p", "m1", Instance.ERROR));
    }

    @Test
    void anInstanceStoppedInPlaceIsStoppedByItsMemberUnlessTheMemberIsDead() {
        assertThat(withoutIds(
                        translator.translate(new InstanceEvent.StoppedInPlace("p", "a", "m1", Reason.EVACUATION))))
                .containsExactly(new StopInstance("m1", "", "p", "a", false, -1));
        assertThat(translator.translate(new InstanceEvent.StoppedInPlace("p", "a", "m1", Reason.HEALING)))
                .isEmpty();
        assertThat(withoutIds(translator.translate(new InstanceEvent.StartAsked("p", "a", "m1"))))
                .containsExactly(new StartInstance("m1", "", "p", "a"));
    }

    @Test
    void aDeleteIsPublishedAndSentToTheMember() {
        assertThat(withoutIds(translator.translate(new InstanceEvent.Deleted("p", "a", "m1"))))
                .containsExactly(
                        new InstanceDeleted("a", "p", "m1"), new DeleteInstance("m1", "", "p", "a", "", false));
    }

    @Test
    void acceptedCreationsAndMovesArePublishedAsPlacementRequests() {
        Instance instance = new Instance(
                "p",
                "a",
                "container",
                "x86_64",
                "",
                Map.of("k", "v"),
                Map.of(),
                List.of("default"),
                "m1",
                Instance.RUNNING,
                false,
                null,
                null,
                "",
                null,
                true);

        assertThat(translator.translate(
                        new InstanceEvent.MoveRequested(instance, new PlacementTarget.Group("gpu"), "op-2")))
                .containsExactly(new PlacementRequested(
                        "a",
                        "p",
                        "relocation",
                        "container",
                        "",
                        "gpu",
                        "x86_64",
                        true,
                        "m1",
                        Map.of("k", "v"),
                        Map.of(),
                        List.of("default"),
                        "op-2"));
    }

    @Test
    void everyCommandGetsItsOwnUuid() {
        List<PublicEvent> events = translator.translate(new InstanceEvent.Placed(
                "p", "c", "m1", Reason.NEW, "container", true, IMAGE, true, "", Map.of(), Map.of()));

        List<String> ids = events.stream()
                .filter(AgentCommand.class::isInstance)
                .map(e -> ((AgentCommand) e).commandId())
                .toList();
        assertThat(ids)
                .hasSize(2)
                .doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(UUID.fromString(id).toString()).isEqualTo(id));
    }
}
