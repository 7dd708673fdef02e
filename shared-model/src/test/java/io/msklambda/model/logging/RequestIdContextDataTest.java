package io.msklambda.model.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class RequestIdContextDataTest {

    /** A library's own thread, started before the invocation (as the Kafka producer's network thread is, at init). */
    private static final ExecutorService LIBRARY_THREAD = Executors.newSingleThreadExecutor();

    @AfterAll
    static void stop() {
        LIBRARY_THREAD.shutdownNow();
    }

    private static Map<String, String> seenFromTheLibrarysThread() throws Exception {
        return CompletableFuture.supplyAsync(() -> new RequestIdContextData().supplyContextData(), LIBRARY_THREAD)
                .get();
    }

    @Test
    @SuppressWarnings("try")
    void aLibrarysThreadLogsWithTheRequestIdOfTheInvocationUnderWay() throws Exception {
        seenFromTheLibrarysThread();

        try (InvocationLog log = InvocationLog.start("8a1c2b6e-0f3d-4f0e-9d61-2f4c5e6a7b80")) {
            assertThat(seenFromTheLibrarysThread())
                    .isEqualTo(Map.of("AWSRequestId", "8a1c2b6e-0f3d-4f0e-9d61-2f4c5e6a7b80"));
        }
    }

    @Test
    @SuppressWarnings("try")
    void betweenInvocationsNoLineHasARequestId() throws Exception {
        try (InvocationLog log = InvocationLog.start("0d7e5a3c-1b2f-4c6d-8e9a-7f6e5d4c3b2a")) {
            seenFromTheLibrarysThread();
        }

        assertThat(seenFromTheLibrarysThread()).isEmpty();
    }
}
