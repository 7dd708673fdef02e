package io.msklambda.local.cli;

import io.msklambda.local.pipeline.ExitCode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM during a command: the first asks the command to stop where it is, report and clean
 * up; a second one exits at once (exit code 130), leaving whatever was not cleaned up yet.
 *
 * <p>Why signal handlers and not a shutdown hook: a hook runs while the JVM is already exiting, when the command's
 * own threads may be gone and its output closed; a handler lets the command end the ordinary way, its summary
 * printed and its temporary directories deleted. {@code sun.misc.Signal} is the JDK's supported way to do that
 * (module {@code jdk.unsupported}); no library does it for us.
 */
final class InterruptHandler implements AutoCloseable {

    private static final String[] SIGNALS = {"INT", "TERM"};

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    private InterruptHandler() {}

    static InterruptHandler install(Runnable stop, PrintWriter err) {
        InterruptHandler handler = new InterruptHandler();
        AtomicInteger received = new AtomicInteger();
        SignalHandler onSignal = signal -> {
            if (received.incrementAndGet() == 1) {
                err.println("SIG" + signal.getName() + ": stopping; press Ctrl-C again to exit at once");
                err.flush();
                stop.run();
            } else {
                err.println("SIG" + signal.getName() + " again: exiting now; temporary data may remain");
                err.flush();
                System.exit(ExitCode.INTERRUPTED);
            }
        };
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                handler.previous.put(signal, Signal.handle(signal, onSignal));
            } catch (IllegalArgumentException e) {
                // this platform or JVM (-Xrs) does not let us handle it: the default behaviour stays
            }
        }
        return handler;
    }

    /** Puts the handlers back as they were. */
    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
