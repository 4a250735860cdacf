package dev.muster.health.liveness;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** One pending deadline per member, ordered by time: finding the due ones costs only as much as there are. */
final class Deadlines {

    private record Entry(Instant at, String member) {}

    private final TreeSet<Entry> byTime =
            new TreeSet<>(Comparator.comparing(Entry::at).thenComparing(Entry::member));
    private final Map<String, Instant> byMember = new HashMap<>();

    /** Sets the member's deadline, replacing any earlier one. */
    void schedule(String member, Instant at) {
        cancel(member);
        byMember.put(member, at);
        byTime.add(new Entry(at, member));
    }

    void cancel(String member) {
        Instant previous = byMember.remove(member);
        if (previous != null) {
            byTime.remove(new Entry(previous, member));
        }
    }

    /** Removes and returns the members whose deadline is at or before {@code now}, earliest first. */
    List<String> takeDue(Instant now) {
        List<String> due = new ArrayList<>();
        while (!byTime.isEmpty() && !byTime.first().at().isAfter(now)) {
            Entry entry = byTime.pollFirst();
            byMember.remove(entry.member());
            due.add(entry.member());
        }
        return due;
    }
}
