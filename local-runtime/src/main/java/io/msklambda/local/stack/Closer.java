package io.msklambda.local.stack;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Closes what was opened, last first, and loses no exception: the first failure is thrown with the later ones
 * suppressed in it, after everything had its turn.
 */
public final class Closer implements AutoCloseable {

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /** Registers {@code resource} to be closed before everything registered earlier; returns it. */
    public synchronized <T extends AutoCloseable> T add(T resource) {
        opened.push(resource);
        return resource;
    }

    @Override
    public synchronized void close() {
        Throwable failure = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception | Error e) { // one close failing, even with an Error, does not keep the rest open
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }
}
