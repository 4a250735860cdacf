package dev.muster.membership.web;

import static org.hamcrest.Matchers.contains;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.muster.lxd.web.config.LxdWebAutoConfiguration;
import dev.muster.membership.application.ClusterService;
import dev.muster.membership.cluster.Cluster;
import dev.muster.membership.cluster.ClusterEvent;
import dev.muster.membership.cluster.ClusterState;
import dev.muster.membership.tokens.JoinToken;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Answers checked against a real LXD 5.0.2 cluster's, word for word, on a cluster of two (m1 bootstrapped, m2
 * joined). The cluster's rules run for real; only the store behind them is replaced by the state in memory.
 */
@WebMvcTest(controllers = {GroupsController.class, EntitiesController.class})
@ImportAutoConfiguration(LxdWebAutoConfiguration.class)
class LxdAnswersTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @MockitoBean
    ClusterService cluster;

    @Autowired
    MockMvc mvc;

    private ClusterState state = ClusterState.initial();

    @BeforeEach
    void aClusterOfTwo() {
        when(cluster.current()).thenAnswer(call -> state);
        doAnswer(call -> {
                    Function<Cluster, List<ClusterEvent>> command = call.getArgument(0);
                    apply(command);
                    return null;
                })
                .when(cluster)
                .executeEvents(any());
        apply(c -> c.bootstrap("m1", "10.0.0.1:8443", "x86_64", "f1", NOW));
        String secret = JoinToken.newSecret();
        apply(c -> c.issueToken("m2", "op-m2", JoinToken.digest(secret), NOW.plusSeconds(3600)));
        apply(c -> c.join(
                new JoinToken("m2", "f1", List.of("10.0.0.1:8443"), secret, NOW.plusSeconds(3600)),
                "m2",
                "10.0.0.2:8443",
                "x86_64",
                NOW));
    }

    private void apply(Function<Cluster, List<ClusterEvent>> command) {
        for (ClusterEvent event : command.apply(new Cluster(state))) {
            state = state.evolve(event);
        }
    }

    @Test
    void anUnknownPathIs404NotFound() throws Exception {
        error(mvc.perform(get("/1.0/nothing-here")), 404, "not found");
        error(mvc.perform(get("/1.0/cluster/nothing-here")), 404, "not found");
    }

    @Test
    void aGroupWithoutANameIs400NoNameProvided() throws Exception {
        error(mvc.perform(post("/1.0/cluster/groups").content("{}")), 400, "No name provided");
        error(
                mvc.perform(post("/1.0/cluster/groups").content("{\"name\":\"\",\"description\":\"gpu\"}")),
                400,
                "No name provided");
    }

    @Test
    void theDefaultStoragePoolThatBootstrapCreatedIsOnEveryMember() throws Exception {
        mvc.perform(get("/1.0/storage-pools"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.metadata").value(contains("/1.0/storage-pools/default")));
        for (String path : List.of("/1.0/storage-pools/default", "/1.0/storage-pools/default?target=m2")) {
            mvc.perform(get(path))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.metadata.name").value("default"))
                    .andExpect(jsonPath("$.metadata.driver").value("dir"))
                    .andExpect(jsonPath("$.metadata.status").value("Created"))
                    .andExpect(jsonPath("$.metadata.locations").value(contains("m1", "m2")));
        }
    }

    private static void error(ResultActions result, int code, String message) throws Exception {
        result.andExpect(status().is(code))
                .andExpect(jsonPath("$.type").value("error"))
                .andExpect(jsonPath("$.error_code").value(code))
                .andExpect(jsonPath("$.error").value(message));
    }
}
