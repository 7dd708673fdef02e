package io.msklambda.local.invoke;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The function's {@code MemorySize} held to as Lambda holds to it: a sandbox whose memory grows past it is killed
 * (SIGKILL), whatever the JVM's own limits say. Watches the function's JVM's resident memory (Linux's
 * {@code /proc/<pid>/status}, {@code VmRSS}) every {@value #EVERY_MILLIS} ms on a thread of its own, and kills the
 * process once it is over. Where there is no {@code /proc} (macOS, Windows) nothing is watched.
 */
final class MemoryLimit {

    static final long EVERY_MILLIS = 20;

    private final Process process;
    private final long limitBytes;
    private volatile boolean exceeded;

    private MemoryLimit(Process process, int memoryMb) {
        this.process = process;
        this.limitBytes = (long) memoryMb << 20;
    }

    /** Starts watching {@code process} against {@code memoryMb}. */
    static MemoryLimit watch(Process process, int memoryMb) {
        MemoryLimit limit = new MemoryLimit(process, memoryMb);
        Thread watcher = new Thread(limit::watch, "invoke-memory-limit");
        watcher.setDaemon(true);
        watcher.start();
        return limit;
    }

    /** Whether the process was killed for its memory. */
    boolean exceeded() {
        return exceeded;
    }

    private void watch() {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            while (process.isAlive()) {
                OptionalLong resident = residentBytes(status);
                if (resident.isPresent() && resident.getAsLong() > limitBytes) {
                    exceeded = true;
                    process.destroyForcibly();
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(EVERY_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The resident memory {@code status} reports, empty once the process has gone or where there is none. */
    static OptionalLong residentBytes(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("\\D+", "")) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process has just ended, or this is no Linux
        }
        return OptionalLong.empty();
    }
}
