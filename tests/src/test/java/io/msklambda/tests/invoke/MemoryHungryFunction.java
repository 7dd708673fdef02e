package io.msklambda.tests.invoke;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A function that holds {@value #MEGABYTES} MB of its own, touched, half on the heap and half off it (so that neither
 * the JVM's heap limit nor its direct-memory limit stops it first), then returns how much it held. Packed into a jar
 * of its own by the test that runs it.
 */
public final class MemoryHungryFunction implements RequestHandler<Object, Integer> {

    static final int MEGABYTES = 120;

    @Override
    public Integer handleRequest(Object event, Context context) {
        byte[][] heap = new byte[MEGABYTES / 2][];
        ByteBuffer[] direct = new ByteBuffer[MEGABYTES / 2];
        for (int i = 0; i < MEGABYTES / 2; i++) {
            heap[i] = new byte[1 << 20];
            Arrays.fill(heap[i], (byte) i);
            direct[i] = ByteBuffer.allocateDirect(1 << 20);
            while (direct[i].hasRemaining()) {
                direct[i].put((byte) i);
            }
        }
        return heap.length + direct.length;
    }
}
