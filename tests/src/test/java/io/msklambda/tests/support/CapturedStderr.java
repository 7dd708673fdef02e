package io.msklambda.tests.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What this JVM writes to standard error from now until {@link #close()}, where the embedded brokers log: still
 * written there, and kept, so that a test can read what a broker said.
 */
public final class CapturedStderr implements AutoCloseable {

    private final PrintStream original;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    private CapturedStderr() {
        original = System.err;
        System.setErr(new PrintStream(new Tee(), true, StandardCharsets.UTF_8));
    }

    public static CapturedStderr start() {
        return new CapturedStderr();
    }

    /** Everything written so far. */
    public String text() {
        synchronized (copy) {
            return copy.toString(StandardCharsets.UTF_8);
        }
    }

    /** Standard error as it was. */
    @Override
    public void close() {
        System.setErr(original);
    }

    private final class Tee extends OutputStream {

        @Override
        public void write(int b) {
            synchronized (copy) {
                copy.write(b);
            }
            original.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (copy) {
                copy.write(b, off, len);
            }
            original.write(b, off, len);
        }

        @Override
        public void flush() {
            original.flush();
        }
    }
}
