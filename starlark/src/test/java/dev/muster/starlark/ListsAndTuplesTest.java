package dev.muster.starlark;

import static dev.muster.starlark.Scripts.error;
import static dev.muster.starlark.Scripts.output;
import static dev.muster.starlark.Scripts.repr;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Spec sections "Lists" and "Tuples", with the list methods. */
class ListsAndTuplesTest {

    @Test
    void listConcatenationRepetitionAndComparison() {
        assertThat(repr("[1, 2] + [3, 4]")).isEqualTo("[1, 2, 3, 4]");
        assertThat(repr("[1, 2] * 2")).isEqualTo("[1, 2, 1, 2]");
        assertThat(repr("3 * (True, 'a')")).isEqualTo("(True, \"a\", True, \"a\", True, \"a\")");
        assertThat(repr("[1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 9], [1] == [1.0]"))
                .isEqualTo("(True, True, True, True)");
        assertThat(repr("[] == (), [1] != [2]")).isEqualTo("(False, True)");
    }

    @Test
    void listIndexingAndSlicingFollowTheIndexingRules() {
        assertThat(repr("[0, 1, 2, 3, 4][-2]")).isEqualTo("3");
        assertThat(repr("[0, 1, 2, 3, 4][1:-1]")).isEqualTo("[1, 2, 3]");
        assertThat(repr("[0, 1, 2, 3, 4][::2]")).isEqualTo("[0, 2, 4]");
        assertThat(repr("[0, 1, 2, 3, 4][::-2]")).isEqualTo("[4, 2, 0]");
        assertThat(repr("[0, 1, 2, 3, 4][3:1:-1]")).isEqualTo("[3, 2]");
        assertThat(repr("[0, 1, 2][10:]")).isEqualTo("[]");
        assertThat(error("x = [0][1]")).contains("index out of range: 1 (length is 1)");
        assertThat(error("x = [0]['a']")).contains("want int");
        assertThat(error("x = [0][True]")).contains("got bool");
    }

    @Test
    void tuplesAreImmutableAndHashable() {
        assertThat(repr("(1,)")).isEqualTo("(1,)");
        assertThat(repr("()")).isEqualTo("()");
        assertThat(repr("(1, 2) + (3,)")).isEqualTo("(1, 2, 3)");
        assertThat(repr("(1, 2, 3)[1:]")).isEqualTo("(2, 3)");
        assertThat(repr("{(1, 'a'): 'x'}[(1, 'a')]")).isEqualTo("\"x\"");
        assertThat(error("t = (1, 2)\nt[0] = 5")).contains("tuple value does not support element assignment");
        assertThat(error("x = {([1], 2): 3}")).contains("unhashable type: tuple");
        assertThat(error("x = (1, 2).append(3)")).contains("tuple has no field or method \"append\"");
    }

    @Test
    void listMethodsMutateTheList() {
        assertThat(output("""
                x = ["b", "c", "e"]
                print(x.insert(0, "a"), x.insert(-1, "d"), x.append("f"), x)
                x.extend(["g"])
                print(x.pop(), x.pop(0), x.pop(-1), x)
                x.remove("c")
                print(x.index("d"), x.index("b", 0, 2), x)
                x.clear()
                print(x)
                y = [1, 2]
                y.extend(y)
                print(y)
                z = [1]
                z.insert(10, 2)
                z.insert(-10, 0)
                print(z)
                """))
                .containsExactly(
                        "None None None [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"]",
                        "g a f [\"b\", \"c\", \"d\", \"e\"]",
                        "1 0 [\"b\", \"d\", \"e\"]",
                        "[]",
                        "[1, 2, 1, 2]",
                        "[0, 1, 2]");
    }

    @Test
    void listMethodFailures() {
        assertThat(error("x = [1]\nx.remove(2)")).contains("remove: element 2 not found");
        assertThat(error("x = [1]\nx.index(2)")).contains("index: value not in list: 2");
        assertThat(error("x = []\nx.pop()")).contains("pop: empty list");
        assertThat(error("x = [1]\nx.pop(5)")).contains("index out of range");
        assertThat(error("x = [1]\nx.extend(3)")).contains("int value is not iterable");
    }

    @Test
    void augmentedAssignmentExtendsAListInPlace() {
        assertThat(output("""
                def f():
                    x = [1]
                    y = x
                    x += [2]
                    x += (3,)
                    print(x, y, x == y)
                    t = (1,)
                    u = t
                    t += (2,)
                    print(t, u)
                f()
                """)).containsExactly("[1, 2, 3] [1, 2, 3] True", "(1, 2) (1,)");
    }

    @Test
    void listsAreUnhashable() {
        assertThat(error("x = {[1]: 2}")).contains("unhashable type: list");
        assertThat(error("x = hash([1])")).contains("hash: got list, want string or bytes");
    }

    @Test
    void listReprShowsACycleAsEllipsis() {
        assertThat(output("x = [1]\nx.append(x)\nprint(x)")).containsExactly("[1, [...]]");
    }

    @Test
    void emptyCollectionsAreFalse() {
        assertThat(repr("[bool([]), bool([0]), bool(()), bool((0,))]")).isEqualTo("[False, True, False, True]");
    }
}
