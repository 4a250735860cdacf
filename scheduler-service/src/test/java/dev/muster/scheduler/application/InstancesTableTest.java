package dev.muster.scheduler.application;

import static dev.muster.scheduler.instances.AgentAnswer.Outcome.DONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muster.scheduler.evacuation.EvacuationDecider;
import dev.muster.scheduler.instances.AgentAnswer;
import dev.muster.scheduler.instances.Given;
import dev.muster.scheduler.instances.Instance;
import dev.muster.scheduler.instances.InstanceEvent;
import dev.muster.scheduler.instances.InstanceRejection;
import dev.muster.scheduler.instances.Placement;
import dev.muster.scheduler.instances.ReportedInstance;
import dev.muster.scheduler.instances.StateAction;
import dev.muster.scheduler.instances.StateChange;
import dev.muster.scheduler.placement.PlacementTarget;
import dev.muster.testing.TestInfrastructure;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The {@code instances} table on real PostgreSQL follows the events exactly as {@link Instance#evolve} does in memory:
 * a whole life — creation, placement, start, move, evacuation, restore, stop, delete — leaves the same instance in both.
 */
class InstancesTableTest {

    private final Instances table;
    private final Given given = new Given().members("m1", "m2", "m3").group("gpu", "m2", "m3");

    InstancesTableTest() {
        TestInfrastructure.Database database = TestInfrastructure.newDatabase();
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        table = new Instances(new JdbcTemplate(dataSource));
    }

    /** Applies events both in memory and to the table, and checks that they agree on every instance. */
    private void record(List<InstanceEvent> events) {
        given.apply(events);
        events.stream()
                .filter(InstanceEvent.OfInstance.class::isInstance)
                .map(InstanceEvent.OfInstance.class::cast)
                .forEach(table::apply);
        for (Instance expected : given.all()) {
            Instance stored = table.find(Given.PROJECT, expected.name()).orElseThrow();
            assertThat(stored)
                    .usingRecursiveComparison()
                    .ignoringFields("createdAt")
                    .isEqualTo(expected);
        }
        assertThat(table.all(Given.PROJECT)).hasSameSizeAs(given.all());
    }

    @Test
    void aWholeLifeLeavesTheSameInstanceInTheTableAsInMemory() {
        String operation = given.nextOperation();
        List<InstanceEvent> accepted = given.instances()
                .create(Given.creation("c1", new PlacementTarget.Group("gpu"), true), given.find("c1"), operation);
        record(accepted);
        Placement request = Given.requestOf(accepted.getFirst());
        record(given.instances().place(request, given.find("c1")));
        String member = given.instance("c1").location();
        record(given.instances()
                .answer(
                        new AgentAnswer(member, Given.PROJECT, "c1", AgentAnswer.Command.CREATE, DONE, ""),
                        given.find("c1")));

        List<InstanceEvent> move = given.instances()
                .move(given.find("c1"), new PlacementTarget.Member("m1"), false, given.nextOperation());
        record(move);
        record(given.instances().place(Given.requestOf(move.getFirst()), given.find("c1")));
        assertThat(table.find(Given.PROJECT, "c1").orElseThrow().moving()).isTrue();
        movesCompleted();

        EvacuationDecider evacuations = given.evacuations();
        given.evacuated("m1");
        record(evacuations.evacuate("m1", "", "op-e", table.on("m1")));
        assertThat(table.evacuatedFrom("m1")).extracting(Instance::name).containsExactly("c1");
        given.view.memberEvacuated("m1", false);
        record(evacuations.restore("m1", "", "op-r", table.on("m1"), table.evacuatedFrom("m1")));
        assertThat(table.countsByLocation()).containsExactlyEntriesOf(given.locations());
        movesCompleted();

        given.evacuated("m1");
        record(evacuations.evacuate("m1", "", "op-e2", table.on("m1")));
        record(given.instances()
                .answer(given.awaitedAnswer("c1", AgentAnswer.Outcome.FAILED, "no space"), given.find("c1")));
        assertThat(table.find(Given.PROJECT, "c1").orElseThrow().location()).isEqualTo("m1");
        given.view.memberEvacuated("m1", false);
        record(given.instances().reconcile("m1", List.of(), table.on("m1"), r -> table.find(r.project(), r.name())));
        assertThat(table.find(Given.PROJECT, "c1").orElseThrow().statusMessage())
                .isEqualTo("Instance is missing on member m1");
        record(given.instances()
                .reconcile(
                        "m1",
                        List.of(new ReportedInstance(Given.PROJECT, "c1", Instance.RUNNING)),
                        table.on("m1"),
                        r -> table.find(r.project(), r.name())));
        record(given.instances()
                .changeState(
                        given.find("c1"),
                        new StateChange(StateAction.FREEZE, -1, false, false),
                        given.nextOperation()));
        record(given.instances()
                .answer(
                        new AgentAnswer("m1", Given.PROJECT, "c1", AgentAnswer.Command.FREEZE, DONE, ""),
                        given.find("c1")));
        assertThat(table.find(Given.PROJECT, "c1").orElseThrow().status()).isEqualTo(Instance.FROZEN);
        record(given.instances()
                .changeState(
                        given.find("c1"),
                        new StateChange(StateAction.UNFREEZE, -1, false, false),
                        given.nextOperation()));
        record(given.instances()
                .answer(
                        new AgentAnswer("m1", Given.PROJECT, "c1", AgentAnswer.Command.UNFREEZE, DONE, ""),
                        given.find("c1")));

        given.evacuated("m1");
        record(evacuations.evacuate("m1", "stop", "op-s", table.on("m1")));
        given.view.memberEvacuated("m1", false);
        record(evacuations.restore("m1", "", "op-r2", table.on("m1"), table.evacuatedFrom("m1")));
        record(given.instances()
                .answer(
                        new AgentAnswer("m1", Given.PROJECT, "c1", AgentAnswer.Command.STOP, DONE, ""),
                        given.find("c1")));
        record(given.instances().delete(given.find("c1")));
        assertThat(table.find(Given.PROJECT, "c1")).isEmpty();
    }

    /** The members carry every move under way out, each step recorded in memory and in the table. */
    private void movesCompleted() {
        for (Instance instance : given.all()) {
            AgentAnswer next;
            while ((next = given.awaitedAnswer(instance.name(), DONE, "")) != null) {
                record(given.instances().answer(next, given.find(instance.name())));
            }
        }
    }

    @Test
    void aSecondCreationOfTheSameNameIsAConflictEvenWhenDecidedConcurrently() {
        List<InstanceEvent> first = given.instances()
                .create(Given.creation("c1", new PlacementTarget.Anywhere(), false), Optional.empty(), "op-1");
        List<InstanceEvent> second = given.instances()
                .create(Given.creation("c1", new PlacementTarget.Anywhere(), false), Optional.empty(), "op-2");
        table.apply((InstanceEvent.OfInstance) first.getFirst());

        assertThatThrownBy(() -> table.apply((InstanceEvent.OfInstance) second.getFirst()))
                .isInstanceOfSatisfying(
                        InstanceRejection.class,
                        e -> assertThat(e.getMessage()).isEqualTo("Instance \"c1\" already exists"));
    }
}
