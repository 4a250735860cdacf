package dev.muster.starlark;

import static dev.muster.starlark.Scripts.error;
import static dev.muster.starlark.Scripts.output;
import static dev.muster.starlark.Scripts.repr;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Spec sections "Dictionaries" and "Sets", with their methods. */
class DictsAndSetsTest {

    @Test
    void dictKeepsInsertionOrder() {
        assertThat(repr("{'z': 1, 'a': 2, 'm': 3}.keys()")).isEqualTo("[\"z\", \"a\", \"m\"]");
        assertThat(output("""
                d = {}
                d["b"] = 1
                d["a"] = 2
                d["b"] = 3
                print(d, list(d), d.values(), d.items())
                """)).containsExactly("{\"b\": 3, \"a\": 2} [\"b\", \"a\"] [3, 2] [(\"b\", 3), (\"a\", 2)]");
    }

    @Test
    void intAndEqualFloatAreTheSameKey() {
        assertThat(output("d = {1: 'a'}\nd[1.0] = 'b'\nprint(d)")).containsExactly("{1: \"b\"}");
        assertThat(error("x = {1: 'a', 1.0: 'b'}")).contains("duplicate key: 1.0");
        assertThat(repr("{2.0: 'x'}[2]")).isEqualTo("\"x\"");
        assertThat(repr("{2.0: 'x'}.keys()")).isEqualTo("[2.0]");
        assertThat(repr("{(1, 2.0): 'x'}[(1.0, 2)]")).isEqualTo("\"x\"");
    }

    @Test
    void missingKeyIsAnError() {
        assertThat(error("x = {'a': 1}['b']")).contains("key \"b\" not found in dictionary");
    }

    @Test
    void duplicateKeyInADictDisplayIsAnError() {
        assertThat(error("x = {'a': 1, 'a': 2}")).contains("duplicate key: \"a\"");
    }

    @Test
    void dictMethods() {
        assertThat(output("""
                x = {"one": 1, "two": 2}
                print(x.get("one"), x.get("three"), x.get("three", 0))
                print(x.setdefault("one"), x.setdefault("three", 3), x.setdefault("four"), x)
                print(x.pop("one"), x.pop("five", 5), x)
                print(x.popitem(), x)
                x.update([("a", 1)], b=2)
                x.update({"c": 3})
                x.update(x)
                print(x)
                x.clear()
                print(x, len(x))
                """))
                .containsExactly(
                        "1 None 0",
                        "1 3 None {\"one\": 1, \"two\": 2, \"three\": 3, \"four\": None}",
                        "1 5 {\"two\": 2, \"three\": 3, \"four\": None}",
                        "(\"two\", 2) {\"three\": 3, \"four\": None}",
                        "{\"three\": 3, \"four\": None, \"a\": 1, \"b\": 2, \"c\": 3}",
                        "{} 0");
    }

    @Test
    void dictMethodFailures() {
        assertThat(error("x = {}\nx.pop('a')")).contains("pop: key \"a\" not found");
        assertThat(error("x = {}\nx.popitem()")).contains("popitem: empty dict");
        assertThat(error("x = {}.get([1])")).contains("unhashable type: list");
        assertThat(error("x = {}\nx.update([(1, 2, 3)])")).contains("has length 3, want 2");
    }

    @Test
    void dictUnionYieldsANewDictAndUpdatesInPlaceWithPipeEquals() {
        assertThat(output("""
                def f():
                    a = {"x": 1, "y": 2}
                    b = {"y": 3, "z": 4}
                    c = a | b
                    alias = a
                    a |= {"w": 0}
                    print(c, alias)
                f()
                """)).containsExactly("{\"x\": 1, \"y\": 3, \"z\": 4} {\"x\": 1, \"y\": 2, \"w\": 0}");
    }

    @Test
    void dictEqualityIgnoresOrderAndOrderingIsAnError() {
        assertThat(repr("{'a': 1, 'b': 2} == {'b': 2, 'a': 1}")).isEqualTo("True");
        assertThat(repr("{'a': 1} == {'a': 2}")).isEqualTo("False");
        assertThat(error("x = {} < {}")).contains("unsupported comparison: dict < dict");
    }

    @Test
    void setsHoldUniqueElementsInFirstInsertionOrder() {
        assertThat(repr("set(['z', 'y', 'z', 'y'])")).isEqualTo("set([\"z\", \"y\"])");
        assertThat(repr("set()")).isEqualTo("set()");
        assertThat(repr("set({'k1': 'v1', 'k2': 'v2'})")).isEqualTo("set([\"k1\", \"k2\"])");
        assertThat(repr("'a' in set(['a']), 'z' in set(['a'])")).isEqualTo("(True, False)");
        assertThat(repr("set([1, 2]) == set([2, 1]), set([1, 2]) != [1, 2]")).isEqualTo("(True, True)");
    }

    @Test
    void setOperators() {
        assertThat(repr("set([1, 2]) | set([3, 2])")).isEqualTo("set([1, 2, 3])");
        assertThat(repr("set([1, 2]) & set([2, 3])")).isEqualTo("set([2])");
        assertThat(repr("set([1, 2]) - set([2, 3])")).isEqualTo("set([1])");
        assertThat(repr("set([1, 2]) ^ set([2, 3])")).isEqualTo("set([1, 3])");
        assertThat(output("""
                def f():
                    s = set([1, 2])
                    s |= set([2, 3, 4])
                    s &= set([0, 1, 2, 3])
                    s -= set([0, 1])
                    s ^= set([3, 4])
                    print(s)
                f()
                """)).containsExactly("set([2, 4])");
        assertThat(error("x = set([1]) < set([2])")).contains("unsupported comparison: set < set");
    }

    @Test
    void setMethods() {
        assertThat(output("""
                s = set([3, 1, 2])
                print(s.pop(), s)
                s.add(5)
                s.discard(9)
                s.remove(5)
                print(s.union([7], [8]), s.intersection([2, 9]), s.difference([1]))
                print(s.isdisjoint([4]), s.issubset([1, 2, 3]), s.issuperset([1]))
                print(s.symmetric_difference([2, 6]))
                s.update([9], [10])
                s.difference_update([9])
                s.intersection_update([1, 2, 10])
                s.symmetric_difference_update([2, 11])
                print(s)
                s.clear()
                print(s)
                """))
                .containsExactly(
                        "3 set([1, 2])",
                        "set([1, 2, 7, 8]) set([2]) set([2])",
                        "True True True",
                        "set([1, 6])",
                        "set([1, 10, 11])",
                        "set()");
        assertThat(error("s = set()\ns.remove(1)")).contains("remove: element 1 not found");
        assertThat(error("s = set()\ns.pop()")).contains("pop: empty set");
        assertThat(error("s = set([[1]])")).contains("unhashable type: list");
    }
}
