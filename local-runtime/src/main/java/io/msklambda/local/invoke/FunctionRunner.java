package io.msklambda.local.invoke;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.msklambda.local.lambda.LocalContext;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The child process of {@code invoke}: one fresh execution environment. Loads the handler from the function's
 * jar, runs its init, deserializes the event as the Lambda Java runtime does, calls it once and prints the
 * result (or Lambda's error JSON) and a {@code REPORT} line. Arguments: jar, handler class, event file,
 * function name, timeout seconds, memory MB.
 */
public final class FunctionRunner {

    private FunctionRunner() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        String handlerClass = args[1];
        Path eventFile = Path.of(args[2]);
        String functionName = args[3];
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[4]));
        int memoryMb = Integer.parseInt(args[5]);
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();

        FunctionClassLoader loader = new FunctionClassLoader(jar.toUri().toURL(), FunctionRunner.class.getClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        Class<?> type = Class.forName(handlerClass, true, loader);
        Object handler = type.getConstructor().newInstance();
        double initMillis = System.currentTimeMillis() - jvmStart;
        if (!(handler instanceof RequestHandler<?, ?>)) {
            throw new IllegalArgumentException(handlerClass + " does not implement RequestHandler");
        }
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> function = (RequestHandler<Object, Object>) handler;
        Class<?> eventType = eventType(type);

        Object event;
        try (InputStream in = Files.newInputStream(eventFile)) {
            event = LambdaEventSerializers.serializerFor(eventType, loader).fromJson(in);
        } catch (RuntimeException e) {
            System.out.println(errorJson(new IllegalArgumentException(
                    "the event " + eventFile + " is not a " + eventType.getSimpleName() + ": " + e.getMessage(), e)));
            System.exit(1);
            return;
        }
        LocalContext context = new LocalContext(functionName, timeout, memoryMb, System.err);
        System.err.println("START RequestId: " + context.getAwsRequestId() + " Version: $LATEST");
        long start = System.nanoTime();
        int exit = 0;
        String output;
        try {
            Object result = function.handleRequest(event, context);
            output = result == null ? "null" : toJson(result, loader);
        } catch (RuntimeException e) {
            output = errorJson(e);
            exit = 1;
        }
        double millis = (System.nanoTime() - start) / 1e6;
        System.err.println("END RequestId: " + context.getAwsRequestId());
        System.err.printf(Locale.ROOT, "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB"
                        + "\tMax Memory Used: %d MB\tInit Duration: %.2f ms%n", context.getAwsRequestId(), millis,
                (long) Math.ceil(millis), memoryMb, maxMemoryUsedMb(), initMillis);
        System.out.println(output);
        System.out.flush();
        System.exit(exit); // the function may leave non-daemon threads (a Kafka producer's), as Lambda freezes them
    }

    /** The {@code I} of the handler's {@code RequestHandler<I, O>}. */
    static Class<?> eventType(Class<?> handler) {
        for (Class<?> c = handler; c != null; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class
                        && p.getActualTypeArguments()[0] instanceof Class<?> input) {
                    return input;
                }
            }
        }
        return Object.class;
    }

    @SuppressWarnings("unchecked")
    private static String toJson(Object result, ClassLoader loader) {
        PojoSerializer<Object> serializer = (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(result.getClass(), loader);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(result, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Lambda's error response: {@code {"errorMessage", "errorType", "stackTrace"}}. */
    private static String errorJson(Throwable error) {
        StringWriter json = new StringWriter();
        try (JsonGenerator out = new JsonFactory().createGenerator(json)) {
            out.writeStartObject();
            out.writeStringField("errorMessage", String.valueOf(error.getMessage()));
            out.writeStringField("errorType", error.getClass().getName());
            out.writeArrayFieldStart("stackTrace");
            for (StackTraceElement frame : error.getStackTrace()) {
                out.writeString(frame.toString());
            }
            out.writeEndArray();
            out.writeEndObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return json.toString();
    }

    /** The process's peak resident memory (Linux's VmHWM), as Lambda's "Max Memory Used". */
    private static long maxMemoryUsedMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
                }
            }
        } catch (Exception e) {
            // not Linux: fall back to the JVM's own view below
        }
        return (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024);
    }
}
