package dev.muster.scheduler.application;

import dev.muster.eventing.outbox.Acknowledgements;
import dev.muster.eventing.outbox.Outbox;
import dev.muster.events.agents.InstanceStateReported;
import dev.muster.events.agents.ReportInstanceState;
import dev.muster.events.operations.Operation;
import dev.muster.lxd.operations.Operations;
import dev.muster.scheduler.instances.Creation;
import dev.muster.scheduler.instances.ImageResolver;
import dev.muster.scheduler.instances.Instance;
import dev.muster.scheduler.instances.InstanceDecider;
import dev.muster.scheduler.instances.InstanceEvent;
import dev.muster.scheduler.instances.InstanceRejection;
import dev.muster.scheduler.instances.StateChange;
import dev.muster.scheduler.instances.ViewArrivals;
import dev.muster.scheduler.placement.ClusterView;
import dev.muster.scheduler.placement.PlacementTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs what clients ask of instances: load → decide → record, with the request's operation, in one transaction. A
 * creation or a move is then answered once Kafka has its placement request; the decision loop does the rest. What can
 * be known at once (a taken name, an unknown member, group or image) is refused before the 202.
 */
@Service
public class InstanceService {

    private static final Logger log = LoggerFactory.getLogger(InstanceService.class);

    /** What a member's runtime says when it does not hold the instance. */
    private static final String MISSING = "Missing";

    /**
     * An instance's runtime state: its member's figures, or, when the member did not answer in time, only the status
     * the scheduler knows ({@code fromMember} false, figures zero, pid 0, processes -1).
     */
    public record State(String status, long pid, int processes, long memoryUsage, long cpuUsage, boolean fromMember) {}

    /** How long a request waits for Kafka to acknowledge it before it is answered anyway. */
    private static final Duration ON_KAFKA_PATIENCE = Duration.ofSeconds(5);

    private final Instances instances;
    private final InstanceDecider decider;
    private final ImageResolver images;
    private final ClusterView view;
    private final Recorder recorder;
    private final Operations operations;
    private final Acknowledgements acknowledgements;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final StateQueries queries;
    private final Duration statePatience;

    InstanceService(
            Instances instances,
            InstanceDecider decider,
            ImageResolver images,
            ClusterView view,
            Recorder recorder,
            Operations operations,
            Acknowledgements acknowledgements,
            TransactionTemplate transactions,
            Outbox outbox,
            StateQueries queries,
            @Value("${muster.scheduler.state.timeout:2s}") Duration statePatience) {
        this.outbox = outbox;
        this.queries = queries;
        this.statePatience = statePatience;
        this.instances = instances;
        this.decider = decider;
        this.images = images;
        this.view = view;
        this.recorder = recorder;
        this.operations = operations;
        this.acknowledgements = acknowledgements;
        this.transactions = transactions;
    }

    /** The target is checked before the image is looked for, as LXD does; both outside the transaction (they may wait). */
    public Operation create(Creation asked) {
        ViewArrivals.awaitKnown(view, asked.target());
        decider.checkTarget(asked.target());
        Creation creation = asked.image() == null ? asked : asked.from(images.resolve(asked.image()));
        return accepted(
                "Creating instance",
                creation.name(),
                operationId ->
                        decider.create(creation, instances.find(creation.project(), creation.name()), operationId));
    }

    /** {@code POST /1.0/instances/{name}?target=…}: moves a placed instance, to a member or into a group. */
    public Operation move(String project, String name, PlacementTarget target, boolean live) {
        ViewArrivals.awaitKnown(view, target);
        return accepted(
                "Migrating instance",
                name,
                operationId -> decider.move(instances.lock(project, name), target, live, operationId));
    }

    /**
     * {@code PUT /1.0/instances/{name}/state}: the operation completes when the member answers; what LXD refuses once
     * its operation runs fails the operation at once.
     */
    public Operation changeState(String project, String name, StateChange change) {
        return transactions.execute(status -> {
            Operation started = operations.start(task(change.action().description(), name));
            recorder.record(decider.changeState(instances.lock(project, name), change, started.id()));
            return operations.find(started.id()).orElse(started);
        });
    }

    /**
     * {@code GET /1.0/instances/{name}/state}: asks the instance's member (a command through Kafka, its answer
     * completing a future from the results consumer), and falls back to the status the scheduler knows if the member
     * does not answer within {@code muster.scheduler.state.timeout}. An instance not placed yet, or moving, is not
     * asked about.
     */
    public State state(String project, String name) {
        Instance instance = existing(project, name);
        if (instance.moving() || !instance.placed()) {
            return known(instance);
        }
        String commandId = UUID.randomUUID().toString();
        CompletableFuture<InstanceStateReported> answer = queries.expect(commandId);
        long asked = System.nanoTime();
        try {
            transactions.executeWithoutResult(
                    status -> outbox.publish(new ReportInstanceState(instance.location(), commandId, project, name)));
            InstanceStateReported reported = answer.get(statePatience.toMillis(), TimeUnit.MILLISECONDS);
            log.info(
                    "State of {} from {} in {} ms",
                    name,
                    instance.location(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked));
            String status = MISSING.equals(reported.status()) ? Instance.ERROR : reported.status();
            return new State(
                    status, reported.pid(), reported.processes(), reported.memoryUsage(), reported.cpuUsage(), true);
        } catch (TimeoutException e) {
            log.info(
                    "State of {}: {} did not answer within {}, the known status is given",
                    name,
                    instance.location(),
                    statePatience);
            return known(instance);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return known(instance);
        } catch (ExecutionException e) {
            return known(instance);
        } finally {
            queries.forget(commandId);
        }
    }

    private static State known(Instance instance) {
        String status = instance.placed() ? instance.status() : Instance.STOPPED;
        return new State(status, 0, -1, 0, 0, false);
    }

    /** {@code DELETE /1.0/instances/{name}}: done at once; the member deletes its copy after. */
    public Operation delete(String project, String name) {
        try {
            return transactions.execute(status -> {
                Operation started = operations.start(task("Deleting instance", name));
                recorder.record(decider.delete(instances.lock(project, name)));
                return operations.succeed(started.id(), Map.of());
            });
        } catch (InstanceRejection rejection) {
            throw rejection; // refused before it changed anything
        } catch (RuntimeException e) {
            view.countsAre(instances.countsByLocation()); // rolled back: the instance is still counted where it is
            throw e;
        }
    }

    public Instance existing(String project, String name) {
        return instances.find(project, name).orElseThrow(InstanceRejection::instanceNotFound);
    }

    public List<Instance> all(String project) {
        return instances.all(project);
    }

    /** Starts the operation, records the decision and its placement request, and waits for Kafka to have the request. */
    private Operation accepted(String description, String name, Function<String, List<InstanceEvent>> decision) {
        String[] requestId = new String[1];
        Operation operation = transactions.execute(status -> {
            Operation started = operations.start(task(description, name));
            // what a creation or a move decides is one event, published as its placement request
            requestId[0] =
                    recorder.record(decision.apply(started.id())).getFirst().id();
            return started;
        });
        // answered once Kafka has the request (acks=all); should that take longer (a broker outage), the relay still
        // delivers it later: it is committed in PostgreSQL either way
        acknowledgements.awaitSent(requestId[0], ON_KAFKA_PATIENCE);
        return operation;
    }

    private static Operations.Spec task(String description, String name) {
        return Operations.Spec.task(description, Map.of("instances", List.of("/1.0/instances/" + name)));
    }
}
