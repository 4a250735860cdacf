package dev.muster.scheduler.instances;

import dev.muster.eventing.outbox.Outbox;
import dev.muster.events.agents.AgentCommand;
import dev.muster.events.instances.InstanceDeleted;
import dev.muster.events.instances.PlacementRequested;
import dev.muster.events.operations.Operation;
import dev.muster.lxd.operations.Operations;
import dev.muster.lxd.web.LxdException;
import dev.muster.scheduler.images.ImagesView;
import dev.muster.scheduler.placement.ClusterView;
import dev.muster.scheduler.placement.MemberFacts;
import dev.muster.scheduler.placement.PlacementTarget;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts what clients ask of instances: a creation or a move is recorded with its operation and published to
 * {@code muster.placement-requests.v1} in one transaction, and answered once Kafka has it; the decision loop does
 * the rest. What can be known at once (a taken name, an unknown member, group or image) is refused before the 202.
 */
@Service
public class InstanceRequests {

    /**
     * A creation as a client asks for it.
     *
     * @param image the image it is created from ({@code source.type} {@code image}), or null for none
     */
    public record Creation(String project, String name, String type, String architecture, String description,
            Map<String, String> config, Map<String, Map<String, String>> devices, List<String> profiles, boolean start,
            PlacementTarget target, ImageSource image) {}

    private final InstanceRepository instances;
    private final Operations operations;
    private final Outbox outbox;
    private final ClusterView view;
    private final ImageResolver images;
    private final KafkaAcknowledgements acknowledgements;
    private final TransactionTemplate transactions;

    public InstanceRequests(InstanceRepository instances, Operations operations, Outbox outbox, ClusterView view,
            ImageResolver images, KafkaAcknowledgements acknowledgements, TransactionTemplate transactions) {
        this.instances = instances;
        this.operations = operations;
        this.outbox = outbox;
        this.view = view;
        this.images = images;
        this.acknowledgements = acknowledgements;
        this.transactions = transactions;
    }

    public Operation create(Creation asked) {
        checkTarget(asked.target());
        Creation creation = asked.image() == null ? asked : fromImage(asked, images.resolve(asked.image()));
        String[] requestId = new String[1];
        Operation operation = transactions.execute(status -> {
            Operation started = operations.start(Operations.Spec.task("Creating instance",
                    Map.of("instances", List.of("/1.0/instances/" + creation.name()))));
            Instance instance = new Instance(creation.project(), creation.name(), creation.type(), creation.architecture(),
                    creation.description(), creation.config(), creation.devices(), creation.profiles(), null, "Stopped",
                    creation.start(), started.id(), null);
            if (!instances.reserve(instance)) {
                throw LxdException.conflict("Instance \"%s\" already exists", creation.name());
            }
            requestId[0] = outbox.publish(new PlacementRequested(creation.name(), creation.project(), "new", creation.type(),
                    memberOf(creation.target()), groupOf(creation.target()), creation.architecture(), creation.start(), "",
                    creation.config(), creation.devices(), creation.profiles(), started.id())).id();
            return started;
        });
        acknowledgements.await(requestId[0]);
        return operation;
    }

    /** {@code POST /1.0/instances/{name}?target=…}: moves a placed instance, to a member or into a group. */
    public Operation move(String project, String name, PlacementTarget target) {
        Instance instance = existing(project, name);
        if (!instance.placed() || instance.operationId() != null) {
            throw LxdException.conflict("Instance \"%s\" is busy with another operation", name);
        }
        checkTarget(target);
        if (target instanceof PlacementTarget.Member member) {
            MemberFacts facts = view.member(member.name()).orElseThrow();
            if (!facts.online()) {
                throw LxdException.badRequest("Target cluster member is offline");
            }
            if (member.name().equals(instance.location())) {
                throw LxdException.badRequest("Target must be different than instance's current location");
            }
        }
        String[] requestId = new String[1];
        Operation operation = transactions.execute(status -> {
            Operation started = operations.start(Operations.Spec.task("Migrating instance",
                    Map.of("instances", List.of("/1.0/instances/" + name))));
            instances.operationIs(project, name, started.id());
            requestId[0] = outbox.publish(new PlacementRequested(name, project, "relocation", instance.type(), memberOf(target),
                    groupOf(target), instance.architecture(), "Running".equals(instance.status()), instance.location(),
                    instance.config(), instance.devices(), instance.profiles(), started.id())).id();
            return started;
        });
        acknowledgements.await(requestId[0]);
        return operation;
    }

    /** {@code DELETE /1.0/instances/{name}}: a stopped instance only, as LXD. */
    public Operation delete(String project, String name) {
        Instance instance = existing(project, name);
        if ("Running".equals(instance.status())) {
            throw LxdException.badRequest("Instance is running");
        }
        if (!instance.placed()) {
            throw LxdException.conflict("Instance \"%s\" is busy with another operation", name);
        }
        Operation operation = transactions.execute(status -> {
            Operation started = operations.start(Operations.Spec.task("Deleting instance",
                    Map.of("instances", List.of("/1.0/instances/" + name))));
            instances.delete(project, name);
            outbox.publishAll(List.of(new InstanceDeleted(name, project, instance.location()),
                    AgentCommands.of(instance.location(), project, name, "instance-delete", Map.of())));
            return operations.succeed(started.id(), Map.of());
        });
        view.instanceRemoved(instance.location());
        return operation;
    }

    public Instance existing(String project, String name) {
        return instances.find(project, name).orElseThrow(() -> LxdException.notFound("Instance not found"));
    }

    /**
     * Refuses what can be refused before the 202. The view follows membership's events a few milliseconds behind: a
     * member or group the view does not know yet gets a moment to arrive, so that creating a group and targeting it
     * right away works as it does in LXD.
     */
    private void checkTarget(PlacementTarget target) {
        switch (target) {
            case PlacementTarget.Member member -> {
                MemberFacts facts = ViewLag.firstFound(ViewLag.PATIENCE, () -> view.member(member.name()))
                        .orElseThrow(() -> LxdException.notFound("Cluster member \"%s\" not found", member.name()));
                if (facts.evacuated()) {
                    throw LxdException.forbidden("Cluster member is evacuated");
                }
            }
            case PlacementTarget.Group group -> {
                if (!ViewLag.eventually(ViewLag.PATIENCE, () -> view.hasGroup(group.name()))) {
                    throw LxdException.badRequest("Cluster group \"%s\" does not exist", group.name());
                }
            }
            case PlacementTarget.Anywhere anywhere -> {}
        }
    }

    /**
     * A creation from an image, as LXD records it: the image's fingerprint in {@code volatile.base_image}, and the
     * image's architecture unless the request names one (placement then filters members by it).
     */
    private static Creation fromImage(Creation creation, ImagesView.Image image) {
        Map<String, String> config = new HashMap<>(creation.config());
        config.put(Instance.BASE_IMAGE, image.fingerprint());
        String architecture = creation.architecture().isEmpty() ? image.architecture() : creation.architecture();
        return new Creation(creation.project(), creation.name(), creation.type(), architecture, creation.description(),
                Map.copyOf(config), creation.devices(), creation.profiles(), creation.start(), creation.target(), creation.image());
    }

    private static String memberOf(PlacementTarget target) {
        return target instanceof PlacementTarget.Member member ? member.name() : "";
    }

    private static String groupOf(PlacementTarget target) {
        return target instanceof PlacementTarget.Group group ? group.name() : "";
    }
}
