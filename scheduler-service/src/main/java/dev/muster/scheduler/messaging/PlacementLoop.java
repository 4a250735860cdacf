package dev.muster.scheduler.messaging;

import dev.muster.eventing.inbox.EventReader;
import dev.muster.eventing.inbox.Inbox;
import dev.muster.eventing.outbox.Outbox;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;
import dev.muster.events.agents.AgentCommand;
import dev.muster.events.instances.InstancePlaced;
import dev.muster.events.instances.PlacementRejected;
import dev.muster.events.instances.PlacementRequested;
import dev.muster.lxd.operations.Operations;
import dev.muster.scheduler.images.ImagesView;
import dev.muster.scheduler.instances.AgentCommands;
import dev.muster.scheduler.instances.Instance;
import dev.muster.scheduler.instances.InstanceRepository;
import dev.muster.scheduler.placement.ClusterView;
import dev.muster.scheduler.placement.Decision;
import dev.muster.scheduler.placement.PlacementRequest;
import dev.muster.scheduler.placement.PlacementTarget;
import dev.muster.scheduler.placement.Placer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The decision loop: takes a batch of placement requests, decides each against the in-memory {@link ClusterView},
 * and writes the whole batch — instance rows, public events, agent commands, operation outcomes and the inbox
 * marks — in one transaction; Kafka offsets are committed after it. A request delivered again (after a crash between
 * the commit and the offsets) finds its inbox mark and changes nothing, so each ends in exactly one decision.
 */
@Component
class PlacementLoop {

    static final String ID = "placement-loop";
    private static final String CONSUMER = "scheduler-placement";
    private static final Logger log = LoggerFactory.getLogger(PlacementLoop.class);

    private final Placer placer;
    private final ClusterView view;
    private final ImagesView images;
    private final ImageExports exports;
    private final InstanceRepository instances;
    private final Operations operations;
    private final Outbox outbox;
    private final Inbox inbox;
    private final EventReader events;
    private final TransactionTemplate transactions;

    PlacementLoop(Placer placer, ClusterView view, ImagesView images, ImageExports exports, InstanceRepository instances,
            Operations operations, Outbox outbox, Inbox inbox, EventReader events, TransactionTemplate transactions) {
        this.placer = placer;
        this.view = view;
        this.images = images;
        this.exports = exports;
        this.instances = instances;
        this.operations = operations;
        this.outbox = outbox;
        this.inbox = inbox;
        this.events = events;
        this.transactions = transactions;
    }

    @KafkaListener(id = ID, topics = Topics.PLACEMENT_REQUESTS, groupId = CONSUMER, autoStartup = "false", batch = "true")
    void decide(List<ConsumerRecord<String, byte[]>> records) {
        try {
            transactions.executeWithoutResult(status -> {
                List<PublicEvent> published = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : records) {
                    events.read(record).ifPresent(received -> {
                        if (received.data() instanceof PlacementRequested request && inbox.firstDelivery(CONSUMER, received.id())) {
                            published.addAll(decide(request));
                        }
                    });
                }
                outbox.publishAll(published);
            });
        } catch (RuntimeException e) {
            // the batch is rolled back and comes again: forget what it counted and the copies it asked for
            view.countsAre(instances.countsByLocation());
            images.forgetAskedCopies();
            throw e;
        }
    }

    private List<PublicEvent> decide(PlacementRequested request) {
        Optional<Instance> found = instances.find(request.project(), request.name());
        if (found.isEmpty() || !request.operationId().equals(found.get().operationId())) {
            log.info("Placement of {} skipped: the instance was deleted or is no longer asked for", request.name());
            return List.of();
        }
        Instance instance = found.get();
        boolean move = "relocation".equals(request.reason());
        if (!move && instance.placed()) {
            return List.of();
        }
        Decision decision = placer.place(new PlacementRequest(request.name(), request.architecture(), target(request),
                move ? request.currentLocation() : "", request.reason(), new PlacementRequest.InstanceSpec(request.project(),
                        request.type(), request.config(), request.devices(), request.profiles())));
        return switch (decision) {
            case Decision.Placed placed -> move ? moved(request, instance, placed.member()) : placed(request, placed.member());
            case Decision.Rejected rejected -> rejected(request, rejected.message(), move);
        };
    }

    private List<PublicEvent> placed(PlacementRequested request, String member) {
        instances.placed(request.project(), request.name(), member, "Stopped");
        if (!request.targetGroup().isEmpty()) { // an evacuation keeps a group-placed instance in its group
            Map<String, String> config = new java.util.HashMap<>(request.config()); // as recorded with the creation
            config.put("volatile.cluster.group", request.targetGroup());
            instances.configIs(request.project(), request.name(), config);
        }
        String baseImage = request.config().get(Instance.BASE_IMAGE);
        finishUnless(request, request.start() || baseImage != null);
        InstancePlaced decided = new InstancePlaced(request.name(), request.project(), member, request.reason());
        if (baseImage == null) {
            return List.of(decided, AgentCommands.create(member, request.project(), request.name(), request.type(), request.start()));
        }
        // as in LXD, a member that lacks the image fetches it: asked first, its copy counts as a holder of the image;
        // the create (same member, so the same partition, after it) finds the copy in place or fetches it itself
        AgentCommands.ImageExport image = exports.of(baseImage);
        AgentCommand create = AgentCommands.create(member, request.project(), request.name(), request.type(), request.start(), image);
        return images.askCopy(baseImage, member, Instant.now())
                ? List.of(decided, AgentCommands.copyImage(member, image), create)
                : List.of(decided, create);
    }

    private List<PublicEvent> moved(PlacementRequested request, Instance instance, String member) {
        instances.moved(request.project(), request.name(), member, request.start());
        view.instanceRemoved(instance.location());
        finishUnless(request, request.start());
        return List.of(
                AgentCommands.of(instance.location(), request.project(), request.name(), "instance-delete", Map.of("reason", "move")),
                new InstancePlaced(request.name(), request.project(), member, request.reason()),
                AgentCommands.create(member, request.project(), request.name(), request.type(), request.start()));
    }

    private List<PublicEvent> rejected(PlacementRequested request, String message, boolean move) {
        if (move) {
            instances.operationDone(request.project(), request.name());
        } else {
            instances.delete(request.project(), request.name());
        }
        operations.fail(request.operationId(), message);
        return List.of(new PlacementRejected(request.name(), request.project(), request.reason(), message));
    }

    /**
     * The operation completes with the decision, or, when the instance is to be started or its image fetched, once its
     * member says how that went ({@link AgentResults}).
     */
    private void finishUnless(PlacementRequested request, boolean memberMustAnswer) {
        if (!memberMustAnswer) {
            operations.succeed(request.operationId(), Map.of());
            instances.operationDone(request.project(), request.name());
        }
    }

    private static PlacementTarget target(PlacementRequested request) {
        if (!request.targetMember().isEmpty()) {
            return new PlacementTarget.Member(request.targetMember());
        }
        return request.targetGroup().isEmpty() ? new PlacementTarget.Anywhere() : new PlacementTarget.Group(request.targetGroup());
    }
}
