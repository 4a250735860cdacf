package dev.muster.scheduler.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.events.PublicEvent;
import dev.muster.events.agents.AgentCommand;
import dev.muster.events.agents.CopyImage;
import dev.muster.events.agents.CreateInstance;
import dev.muster.events.agents.DeleteInstance;
import dev.muster.events.agents.StartInstance;
import dev.muster.events.agents.StopInstance;
import dev.muster.events.instances.InstanceDeleted;
import dev.muster.events.instances.InstancePlaced;
import dev.muster.events.instances.PlacementRequested;
import dev.muster.scheduler.instances.Instance;
import dev.muster.scheduler.instances.InstanceEvent;
import dev.muster.scheduler.instances.Reason;
import dev.muster.scheduler.placement.PlacementTarget;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Domain events become public events and typed agent commands, each command with a fresh id. */
class InstanceEventTranslatorTest {

    private static final String IMAGE = "f00d" + "0".repeat(60);
    private static final String EXPORT = "http://images:8083/1.0/images/" + IMAGE + "/export";

    private final InstanceEventTranslator translator =
            new InstanceEventTranslator(new ImageExports("http://images:8083/"));

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
                    default -> event;
                })
                .toList();
    }

    @Test
    void aPlacementFromAnImageAsksTheCopyBeforeTheCreate() {
        List<PublicEvent> events = translator.translate(
                new InstanceEvent.Placed("p", "c", "m1", Reason.NEW, "container", true, IMAGE, true, ""));

        assertThat(withoutIds(events))
                .containsExactly(
                        new InstancePlaced("c", "p", "m1", "new"),
                        new CopyImage("m1", "", IMAGE, EXPORT, false),
                        new CreateInstance("m1", "", "p", "c", "container", true, IMAGE, EXPORT, Map.of(), Map.of()));
    }

    @Test
    void aPlacementWithoutAnImageCreatesAnEmptyInstance() {
        assertThat(withoutIds(translator.translate(
                        new InstanceEvent.Placed("p", "c", "m1", Reason.NEW, "virtual-machine", false, "", false, ""))))
                .containsExactly(
                        new InstancePlaced("c", "p", "m1", "new"),
                        new CreateInstance("m1", "", "p", "c", "virtual-machine", false, "", "", Map.of(), Map.of()));
    }

    @Test
    void aMoveDeletesTheOldCopyUnlessTheMemberIsDead() {
        assertThat(withoutIds(translator.translate(
                        new InstanceEvent.Moved("p", "a", "m1", "m2", Reason.RELOCATION, "container", true))))
                .containsExactly(
                        new DeleteInstance("m1", "", "p", "a", "move", false),
                        new InstancePlaced("a", "p", "m2", "relocation"),
                        new CreateInstance("m2", "", "p", "a", "container", true, "", "", Map.of(), Map.of()));
        assertThat(withoutIds(translator.translate(
                        new InstanceEvent.Moved("p", "a", "m1", "m2", Reason.EVACUATION, "container", false))))
                .first()
                .isEqualTo(new DeleteInstance("m1", "", "p", "a", "evacuation", false));
        assertThat(withoutIds(translator.translate(
                        new InstanceEvent.Moved("p", "a", "m2", "m1", Reason.RESTORE, "container", false))))
                .first()
                .isEqualTo(new DeleteInstance("m2", "", "p", "a", "restore", false));
        assertThat(withoutIds(translator.translate(
                        new InstanceEvent.Moved("p", "a", "m1", "m2", Reason.HEALING, "container", true))))
                .containsExactly(
                        new InstancePlaced("a", "p", "m2", "healing"),
                        new CreateInstance("m2", "", "p", "a", "container", true, "", "", Map.of(), Map.of()));
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
                null);

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
        List<PublicEvent> events = translator.translate(
                new InstanceEvent.Moved("p", "a", "m1", "m2", Reason.RELOCATION, "container", true));

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
