package io.msklambda.local.invoke;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.msklambda.local.lambda.LocalContext;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The child process of {@code invoke}: one fresh execution environment. Loads the handler from the function's jar
 * and runs its init, then one invocation: the event deserialized as the Lambda Java runtime does, the handler called
 * within the function's timeout, the result serialized. Prints the log lines Lambda writes around it on standard
 * error ({@code START}, {@code END}, {@code REPORT}, and {@code INIT_REPORT} when the init fails) and the response on
 * standard output: the result, or Lambda's error JSON for an init error, a handler error, a timeout or a response
 * over 6 MB; exits 0 or 1. Arguments: jar, handler class, event file, function name, timeout seconds, memory MB,
 * request id.
 */
public final class FunctionRunner {

    /** How one invocation ended, as the status of Lambda's platform.report event names it. */
    private record Response(String payload, LambdaError error, String status) {
        static Response success(String payload) {
            return new Response(payload, null, null);
        }

        static Response failed(LambdaError error, String status) {
            return new Response(error.toJson(), error, status);
        }
    }

    private FunctionRunner() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        String handlerClass = args[1];
        Path eventFile = Path.of(args[2]);
        String functionName = args[3];
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[4]));
        int memoryMb = Integer.parseInt(args[5]);
        String requestId = args[6];
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        // standard output carries the response alone, as sam local invoke's does; what the function prints (its EMF
        // metric lines) is its log, which Lambda sends to CloudWatch with standard error's
        PrintStream response = System.out;
        System.setOut(System.err);

        FunctionClassLoader loader = contextLoader(jar);
        Object handler = null;
        LambdaError initError = null;
        try {
            handler = init(handlerClass, loader);
        } catch (Throwable e) { // what the runtime reports as an init error: any throwable of the handler's init
            initError = LambdaError.ofInit(e, handlerClass);
        }
        double initMillis = System.currentTimeMillis() - jvmStart;
        LocalContext context = new LocalContext(functionName, timeout, memoryMb, System.err, requestId);
        if (initError != null) {
            printInitReport(initMillis, initError);
        }
        System.err.println("START RequestId: " + context.getAwsRequestId() + " Version: $LATEST");
        long start = System.nanoTime();
        Response outcome = initError != null
                ? Response.failed(initError, "error")
                : invoke(handler, loader, eventFile, context, timeout);
        double millis = (System.nanoTime() - start) / 1e6;
        if (outcome.error() != null) {
            System.err.println(
                    outcome.error().errorType() + ": " + outcome.error().errorMessage());
        }
        System.err.println("END RequestId: " + context.getAwsRequestId());
        printReport(context.getAwsRequestId(), millis, memoryMb, initMillis, outcome);
        response.println(outcome.payload());
        response.flush();
        System.err.flush();
        // the function may leave non-daemon threads (a Kafka producer's, a handler past its timeout), as Lambda freezes
        // them
        System.exit(outcome.error() == null ? 0 : 1);
    }

    /**
     * The platform's initReport of a failed init, as a text line
     * (https://docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html).
     */
    private static void printInitReport(double initMillis, LambdaError initError) {
        System.err.printf(
                Locale.ROOT,
                "INIT_REPORT Init Duration: %.2f ms\tPhase: init\tStatus: error\tError Type: %s%n",
                initMillis,
                initError.errorType());
    }

    /** The invocation's REPORT line, as Lambda writes it to the function's log. */
    private static void printReport(
            String requestId, double millis, int memoryMb, double initMillis, Response outcome) {
        System.err.printf(
                Locale.ROOT,
                "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB"
                        + "\tMax Memory Used: %d MB\tInit Duration: %.2f ms%s%n",
                requestId,
                millis,
                (long) Math.ceil(millis),
                memoryMb,
                maxMemoryUsedMb(),
                initMillis,
                outcome.status() == null
                        ? ""
                        : "\tStatus: " + outcome.status()
                                + ("error".equals(outcome.status())
                                        ? "\tError Type: " + outcome.error().errorType()
                                        : ""));
    }

    /** The function's own class loader, made the thread's context loader as the runtime's is. */
    private static FunctionClassLoader contextLoader(Path jar) throws java.net.MalformedURLException {
        FunctionClassLoader loader =
                new FunctionClassLoader(jar.toUri().toURL(), FunctionRunner.class.getClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        return loader;
    }

    /** Loads the handler's class and calls its no-arg constructor, as the runtime does at init. */
    private static Object init(String handlerClass, ClassLoader loader) throws Throwable {
        try {
            Object handler =
                    Class.forName(handlerClass, true, loader).getConstructor().newInstance();
            if (!(handler instanceof RequestHandler<?, ?>)) {
                throw new IllegalArgumentException(handlerClass + " does not implement RequestHandler");
            }
            return handler;
        } catch (InvocationTargetException | ExceptionInInitializerError e) {
            throw e.getCause(); // what the constructor or a static initializer threw
        }
    }

    /** The event deserialized, the handler called on its own thread within {@code timeout}, the result serialized. */
    private static Response invoke(
            Object handler, ClassLoader loader, Path eventFile, LocalContext context, Duration timeout)
            throws InterruptedException {
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> function = (RequestHandler<Object, Object>) handler;
        FutureTask<String> call = new FutureTask<>(() -> {
            Class<?> eventType = eventType(handler.getClass());
            Object event;
            try (InputStream in = Files.newInputStream(eventFile)) {
                event = LambdaEventSerializers.serializerFor(eventType, loader).fromJson(in);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "the event " + eventFile + " is not a " + eventType.getSimpleName() + ": " + e.getMessage(), e);
            }
            Object result = function.handleRequest(event, context);
            return result == null ? "null" : toJson(result, loader);
        });
        Thread thread = new Thread(call, "main");
        thread.setContextClassLoader(loader);
        thread.setDaemon(true);
        thread.start();
        try {
            String payload = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long bytes = payload.getBytes(StandardCharsets.UTF_8).length;
            return bytes > LambdaError.MAX_RESPONSE_BYTES
                    ? Response.failed(LambdaError.responseTooLarge(bytes), "error")
                    : Response.success(payload);
        } catch (ExecutionException e) {
            return Response.failed(LambdaError.of(e.getCause()), "error");
        } catch (TimeoutException e) {
            return Response.failed(
                    LambdaError.timeout(context.getAwsRequestId(), timeout.toMillis() / 1000.0), "timeout");
        }
    }

    /** The {@code I} of the handler's {@code RequestHandler<I, O>}. */
    static Class<?> eventType(Class<?> handler) {
        for (Class<?> c = handler; c != null; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p
                        && p.getRawType() == RequestHandler.class
                        && p.getActualTypeArguments()[0] instanceof Class<?> input) {
                    return input;
                }
            }
        }
        return Object.class;
    }

    @SuppressWarnings("unchecked")
    private static String toJson(Object result, ClassLoader loader) {
        PojoSerializer<Object> serializer =
                (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(result.getClass(), loader);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(result, out);
        return out.toString(StandardCharsets.UTF_8);
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
