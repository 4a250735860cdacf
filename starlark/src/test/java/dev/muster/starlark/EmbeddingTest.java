package dev.muster.starlark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The host API: compiling once, executing, calling functions, converting values, host builtins and limits. */
class EmbeddingTest {

    record Request(String name, int cpu, List<String> tags) {}

    record Member(String name, long freeMemory, boolean online) {}

    private static final String PLACEMENT = """
            def instance_placement(request, candidate_members):
                best = None
                for member in candidate_members:
                    if not member.online:
                        continue
                    if best == None or member.freeMemory > best.freeMemory:
                        best = member
                if best == None:
                    fail("no member can host", request.name)
                return best
            """;

    @Test
    void keywordCallOfAGlobalFunctionWithRecordArguments() {
        Module module = Starlark.compile("placement.star", PLACEMENT).execute(Environment.defaults());
        Member small = new Member("m1", 10, true);
        Member large = new Member("m2", 99, true);
        Member offline = new Member("m3", 500, false);
        Object chosen = module.call(
                "instance_placement",
                Map.of(
                        "request",
                        new Request("c1", 2, List.of()),
                        "candidate_members",
                        List.of(small, large, offline)));
        assertThat(chosen).isSameAs(large);
        assertThat(module.has("instance_placement")).isTrue();
        assertThat(module.has("nothing")).isFalse();
    }

    @Test
    void recordFieldsAreReadableAttributes() {
        Module module = Starlark.compile(
                        "t.star", "def describe(r):\n  return '%s:%d:%s' % (r.name, r.cpu, r.tags[0])\n")
                .execute(Environment.defaults());
        assertThat(module.call("describe", Map.of("r", new Request("c1", 4, List.of("gpu")))))
                .isEqualTo("c1:4:gpu");
    }

    @Test
    void unknownAttributeOfARecordNamesTheFieldAndTheAlternatives() {
        Module module =
                Starlark.compile("t.star", "def f(r):\n  return r.foo\n").execute(Environment.defaults());
        assertThatThrownBy(() -> module.call("f", Map.of("r", new Request("c1", 4, List.of()))))
                .isInstanceOf(StarlarkEvalError.class)
                .hasMessage("t.star:2:11: Request has no field or method \"foo\" (it has: name, cpu, tags)");
    }

    @Test
    void recordFieldsAreReadOnly() {
        Module module = Starlark.compile("t.star", "def f(r):\n  r.cpu = 1\n").execute(Environment.defaults());
        assertThatThrownBy(() -> module.call("f", Map.of("r", new Request("c1", 4, List.of()))))
                .hasMessageContaining("cannot set field cpu of Request value (it is read-only)");
    }

    @Test
    void hostMapsAndListsArriveFrozen() {
        Module module = Starlark.compile("t.star", """
                def read(m, l):
                    return m["a"] + l[0]
                def write(m):
                    m["b"] = 1
                def append(l):
                    l.append(1)
                """).execute(Environment.defaults());
        assertThat(module.call("read", Map.of("m", Map.of("a", 1), "l", List.of(2))))
                .isEqualTo(3L);
        assertThatThrownBy(() -> module.call("write", Map.of("m", Map.of("a", 1))))
                .hasMessageContaining("cannot insert into frozen dict");
        assertThatThrownBy(() -> module.call("append", Map.of("l", List.of())))
                .hasMessageContaining("cannot append to frozen list");
    }

    @Test
    void starlarkValuesConvertBackToJava() {
        Module module = Starlark.compile("t.star", """
                values = [None, True, 1, 1 << 70, 1.5, "s", (1, 2), {"k": [1]}, set([3])]
                """).execute(Environment.defaults());
        @SuppressWarnings("unchecked")
        List<Object> values = (List<Object>) module.get("values");
        assertThat(values)
                .containsExactly(
                        null,
                        true,
                        1L,
                        BigInteger.ONE.shiftLeft(70),
                        1.5,
                        "s",
                        List.of(1L, 2L),
                        Map.of("k", List.of(1L)),
                        Set.of(3L));
        assertThatThrownBy(() -> module.get("missing")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostFunctionsReceivePositionalAndKeywordArguments() {
        List<String> targets = new ArrayList<>();
        StarlarkOptions options = StarlarkOptions.builder()
                .predeclare("set_target", (HostFunction) args -> {
                    args.expect(1, 1, "reason");
                    targets.add(args.getString(0) + (args.has("reason") ? " because " + args.get("reason") : ""));
                    return null;
                })
                .build();
        Starlark.compile("t.star", "set_target('m1')\nset_target('m2', reason='most memory')", options)
                .execute(Environment.defaults());
        assertThat(targets).containsExactly("m1", "m2 because most memory");
    }

    @Test
    void hostFunctionErrorsSurfaceWithTheStarlarkStack() {
        StarlarkOptions options = StarlarkOptions.builder()
                .predeclare("set_target", (HostFunction) args -> {
                    throw new EvalException("set_target: no member named " + args.getString(0));
                })
                .build();
        StarlarkProgram program =
                Starlark.compile("t.star", "def choose():\n    set_target('ghost')\nchoose()\n", options);
        assertThatThrownBy(() -> program.execute(Environment.defaults()))
                .isInstanceOfSatisfying(
                        StarlarkEvalError.class, e -> assertThat(e.traceback()).isEqualTo("""
                        Traceback (most recent call last):
                          t.star:3:7: in <toplevel>
                          t.star:2:15: in choose
                        Error: set_target: no member named ghost"""));
    }

    @Test
    void unexpectedHostExceptionsBecomeStarlarkErrors() {
        StarlarkOptions options = StarlarkOptions.builder()
                .predeclare("broken", (HostFunction) args -> {
                    throw new IllegalStateException("boom");
                })
                .build();
        assertThatThrownBy(() -> Starlark.compile("t.star", "broken()", options).execute(Environment.defaults()))
                .isInstanceOf(StarlarkEvalError.class)
                .hasMessage("t.star:1:7: broken: java.lang.IllegalStateException: boom")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void callingAnUnknownFunctionFailsAtCompileTime() {
        assertThatThrownBy(() -> Starlark.compile("t.star", "def f():\n    set_target('x')\n"))
                .isInstanceOf(StarlarkCompileError.class)
                .hasMessage("t.star:2:5: undefined: set_target");
    }

    @Test
    void declaredNamesGetTheirValuesPerExecution() {
        StarlarkProgram program = Starlark.compile(
                "t.star",
                "result = limit * 2",
                StarlarkOptions.builder().declare("limit").build());
        assertThat(program.execute(Environment.builder().bind("limit", 21).build())
                        .get("result"))
                .isEqualTo(42L);
        assertThat(program.execute(Environment.builder().bind("limit", 5).build())
                        .get("result"))
                .isEqualTo(10L);
        assertThatThrownBy(() -> program.execute(Environment.defaults()))
                .hasMessageContaining("predeclared name limit has no value in this environment");
        assertThatThrownBy(() ->
                        program.execute(Environment.builder().bind("other", 1).build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printGoesToTheHandler() {
        List<String> lines = new ArrayList<>();
        Starlark.compile("t.star", "print('hello', 42)")
                .execute(Environment.builder().print(lines::add).build());
        assertThat(lines).containsExactly("hello 42");
    }

    @Test
    void stepBudgetStopsARunawayLoop() {
        StarlarkProgram program = Starlark.compile("t.star", "for i in range(1000000000000):\n    pass\n");
        assertThatThrownBy(() ->
                        program.execute(Environment.builder().maxSteps(100_000).build()))
                .isInstanceOf(StarlarkEvalError.class)
                .hasMessageContaining("Starlark program exceeded its step budget of 100000");
    }

    @Test
    void stepBudgetStopsNestedComprehensions() {
        StarlarkProgram program = Starlark.compile("t.star", "x = [[j for j in range(100000)] for i in range(100000)]");
        assertThatThrownBy(() ->
                        program.execute(Environment.builder().maxSteps(50_000).build()))
                .hasMessageContaining("exceeded its step budget of 50000");
    }

    @Test
    void eachCallGetsAFreshStepCounter() {
        Module module = Starlark.compile("t.star", "def work():\n  for i in range(400):\n    pass\n")
                .execute(Environment.builder().maxSteps(1_000).build());
        for (int i = 0; i < 5; i++) {
            assertThat(module.call("work", Map.of())).isNull();
        }
    }

    @Test
    void cancellationFromAnotherThreadStopsAScript() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Cancellation cancellation = new Cancellation();
        StarlarkOptions options = StarlarkOptions.builder()
                .predeclare("started", (HostFunction) args -> {
                    started.countDown();
                    return null;
                })
                .build();
        StarlarkProgram program = Starlark.compile("t.star", """
                started()
                for i in range(1000000000000):
                    for j in range(1000000000000):
                        pass
                """, options);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                program.execute(Environment.builder()
                        .maxSteps(Long.MAX_VALUE)
                        .cancellation(cancellation)
                        .build());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        runner.start();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        cancellation.cancel();
        runner.join(5_000);
        assertThat(runner.isAlive()).isFalse();
        assertThat(failure.get())
                .isInstanceOf(StarlarkEvalError.class)
                .hasMessageContaining("Starlark program was cancelled");
    }

    @Test
    void interruptingTheThreadStopsAScript() throws Exception {
        StarlarkProgram program = Starlark.compile("t.star", "for i in range(1000000000000):\n    pass\n");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                program.execute(Environment.builder().maxSteps(Long.MAX_VALUE).build());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        runner.start();
        runner.interrupt();
        runner.join(5_000);
        assertThat(runner.isAlive()).isFalse();
        assertThat(failure.get()).hasMessageContaining("Starlark program was interrupted");
    }

    @Test
    void timeoutStopsAScript() {
        StarlarkProgram program = Starlark.compile("t.star", "for i in range(1000000000000):\n    pass\n");
        assertThatThrownBy(() -> program.execute(Environment.builder()
                        .maxSteps(Long.MAX_VALUE)
                        .timeout(Duration.ofMillis(50))
                        .build()))
                .hasMessageContaining("exceeded its time limit of 50 ms");
    }

    @Test
    void collectionsAndStringsAreLimitedInSize() {
        Environment small = Environment.builder()
                .maxCollectionSize(1_000)
                .maxStringLength(1_000)
                .build();
        assertThatThrownBy(() ->
                        Starlark.compile("t.star", "x = list(range(2000))").execute(small))
                .hasMessageContaining("collection would have 2000 elements, more than the limit of 1000");
        assertThatThrownBy(() -> Starlark.compile("t.star", "x = [0] * 5000").execute(small))
                .hasMessageContaining("more than the limit of 1000");
        assertThatThrownBy(() -> Starlark.compile("t.star", "x = []\nfor i in range(5000):\n  x.append(i)")
                        .execute(small))
                .hasMessageContaining("collection would have 1001 elements");
        assertThatThrownBy(() -> Starlark.compile("t.star", "x = 'ab' * 600").execute(small))
                .hasMessageContaining("string would have 1200 characters, more than the limit of 1000");
        assertThatThrownBy(
                        () -> Starlark.compile("t.star", "def f():\n  x = 'a'\n  for i in range(20):\n    x += x\nf()")
                                .execute(small))
                .hasMessageContaining("string would have 1024 characters");
        assertThatThrownBy(() ->
                        Starlark.compile("t.star", "x = str(['a' * 500] * 500)").execute(small))
                .hasMessageContaining("string would have more than 1000 characters");
    }

    @Test
    void arbitraryJavaObjectsAreNotExposed() {
        Module module =
                Starlark.compile("t.star", "def f(x):\n  return type(x)\n").execute(Environment.defaults());
        assertThatThrownBy(() -> module.call("f", Map.of("x", new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot convert a java.lang.Object to a Starlark value");
        assertThatThrownBy(() -> Starlark.compile("t.star", "x = getattr('', 'getClass')")
                        .execute(Environment.defaults()))
                .hasMessageContaining("string has no field or method \"getClass\"");
    }

    @Test
    void aModuleServesConcurrentCalls() throws Exception {
        Module module = Starlark.compile("placement.star", PLACEMENT).execute(Environment.defaults());
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            members.add(new Member("m" + i, (i * 37) % 200, true));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> module.call(
                        "instance_placement",
                        Map.of("request", new Request("c", 1, List.of()), "candidate_members", members))));
            }
            for (Future<Object> result : results) {
                assertThat(((Member) result.get(10, TimeUnit.SECONDS)).freeMemory())
                        .isEqualTo(199L);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void structsCanBeBuiltFromMaps() {
        Module module = Starlark.compile("t.star", "def f(s):\n  return s.zone, type(s), s\n")
                .execute(Environment.defaults());
        Object result = module.call("f", Map.of("s", Starlark.struct("member", Map.of("zone", "eu"))));
        assertThat(result).hasToString("[eu, member, {zone=eu}]");
    }
}
