package dev.muster.eventing.inbox;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Where a listener that keeps an in-memory view starts reading. Such a listener has a consumer group of its own process
 * ({@code groupId = "#{@musterInstance.groupId('purpose')}"}, the same at every start of the process) and one of these
 * container factories: the first time the process is given a partition it reads it from the beginning (the view is
 * rebuilt at each start) or from its end (only what happens from now on matters); a partition given again later in
 * the process's life resumes where the group's committed offset says, as any consumer would.
 */
public final class ViewListeners implements ConsumerAwareRebalanceListener {

    /** Container factory of listeners that read their topics whole at every start of the process. */
    public static final String FROM_THE_BEGINNING = "viewListenersFromTheBeginning";

    /** Container factory of listeners that read only what is published after the start of the process. */
    public static final String FROM_THE_END = "viewListenersFromTheEnd";

    public enum Start {
        BEGINNING,
        END
    }

    private final Start start;
    private final Set<String> assignedBefore = ConcurrentHashMap.newKeySet();

    public ViewListeners(Start start) {
        this.start = start;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        String group = consumer.groupMetadata().groupId();
        List<TopicPartition> first = partitions.stream()
                .filter(partition -> assignedBefore.add(group + " " + partition))
                .toList();
        if (first.isEmpty()) {
            return;
        }
        switch (start) {
            case BEGINNING -> consumer.seekToBeginning(first);
            case END -> consumer.seekToEnd(first);
        }
    }
}
