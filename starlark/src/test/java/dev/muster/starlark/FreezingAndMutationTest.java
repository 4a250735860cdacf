package dev.muster.starlark;

import static dev.muster.starlark.Scripts.error;
import static dev.muster.starlark.Scripts.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec sections "Freezing a value", "Hashing", mutation during iteration, and the ban on recursion. */
class FreezingAndMutationTest {

    @Test
    void assigningToAFrozenListFails() {
        Module module = run("""
                items = [1, 2]
                def add(x):
                    items.append(x)
                def set_first(x):
                    items[0] = x
                """);
        assertThatThrownBy(() -> module.call("add", Map.of("x", 3)))
                .isInstanceOf(StarlarkEvalError.class)
                .hasMessageContaining("cannot append to frozen list");
        assertThatThrownBy(() -> module.call("set_first", Map.of("x", 3)))
                .hasMessageContaining("cannot assign to element of frozen list");
        assertThat(module.get("items")).isEqualTo(List.of(1L, 2L));
    }

    @Test
    void globalDictsAndSetsAreFrozenAfterExecution() {
        Module module = run("""
                d = {"a": 1}
                s = set([1])
                def put():
                    d["b"] = 2
                def clear():
                    d.clear()
                def add():
                    s.add(2)
                """);
        assertThatThrownBy(() -> module.call("put", Map.of())).hasMessageContaining("cannot insert into frozen dict");
        assertThatThrownBy(() -> module.call("clear", Map.of())).hasMessageContaining("cannot clear frozen dict");
        assertThatThrownBy(() -> module.call("add", Map.of())).hasMessageContaining("cannot insert into frozen set");
    }

    @Test
    void defaultValuesOfAFrozenFunctionAreFrozen() {
        Module module = run("""
                def f(x, list=[]):
                    list.append(x)
                    return list
                """);
        assertThatThrownBy(() -> module.call("f", Map.of("x", 3))).hasMessageContaining("cannot append to frozen list");
    }

    @Test
    void valuesCreatedByACallAreMutableDuringTheCall() {
        Module module = run("""
                def build(n):
                    out = []
                    for i in range(n):
                        out.append(i)
                    return out
                """);
        assertThat(module.call("build", Map.of("n", 3))).isEqualTo(List.of(0L, 1L, 2L));
    }

    @Test
    void mutatingAListDuringIterationFails() {
        assertThat(error("""
                def f():
                    x = [1, 2]
                    for e in x:
                        x.append(e)
                f()
                """)).contains("test.star:4:17").contains("cannot append to list during iteration");
    }

    @Test
    void mutatingADictDuringIterationFails() {
        assertThat(error("""
                def increment_values(dict):
                    for k in dict:
                        dict[k] += 1
                increment_values({"one": 1, "two": 2})
                """)).contains("cannot insert into dict during iteration");
        assertThat(error("d = {1: 2}\nx = [d.pop(k) for k in d]")).contains("cannot remove from dict during iteration");
    }

    @Test
    void mutationIsAllowedAgainAfterTheLoop() {
        assertThat(Scripts.output("""
                def f():
                    x = [1]
                    for e in x:
                        pass
                    x.append(2)
                    for e in x:
                        break
                    x.append(3)
                    return x
                print(f())
                """)).containsExactly("[1, 2, 3]");
    }

    @Test
    void functionsCallingThemselvesFail() {
        assertThat(error("""
                def fib(x):
                    if x < 2:
                        return x
                    return fib(x - 2) + fib(x - 1)
                fib(5)
                """)).contains("function fib called recursively");
    }

    @Test
    void indirectRecursionFails() {
        assertThat(error("""
                def a(n):
                    return b(n)
                def b(n):
                    return a(n) if n else 0
                a(1)
                """)).contains("function a called recursively");
    }

    @Test
    void recursionCanBeEnabledByAnOption() {
        StarlarkOptions options = StarlarkOptions.builder().allowRecursion(true).build();
        Module module = run("""
                def fib(x):
                    if x < 2:
                        return x
                    return fib(x - 2) + fib(x - 1)
                result = fib(15)
                """, options);
        assertThat(module.get("result")).isEqualTo(610L);
    }

    @Test
    void deepRecursionHitsTheCallDepthLimit() {
        StarlarkOptions options = StarlarkOptions.builder().allowRecursion(true).build();
        assertThat(error("def f(n):\n  return f(n + 1)\nf(0)", options))
                .contains("call depth exceeds the limit of 200");
    }

    @Test
    void hashableValuesAreDictKeys() {
        assertThat(Scripts.repr("{None: 1, True: 2, 3: 3, 4.5: 4, 'k': 5, b'b': 6, (1, 'x'): 7, len: 8}[len]"))
                .isEqualTo("8");
        assertThat(error("x = {{}: 1}")).contains("unhashable type: dict");
        assertThat(error("x = set([set()])")).contains("unhashable type: set");
    }
}
