package dev.muster.starlark.eval;

import java.lang.management.ManagementFactory;

/** The bytes the JVM counts as allocated by the current thread, where the JVM counts them (HotSpot does). */
final class ThreadAllocation {

    private static final com.sun.management.ThreadMXBean THREADS = threads();

    static final boolean SUPPORTED = THREADS != null;

    private ThreadAllocation() {}

    static long current() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean threads() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported()) {
            threads.setThreadAllocatedMemoryEnabled(true);
            return threads;
        }
        return null;
    }
}
