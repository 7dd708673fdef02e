package io.msklambda.local.invoke;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags Lambda's Java runtimes start a function with, so that a local invocation uses memory and compiles code
 * as the deployed one does: the serial collector, and tiered compilation stopped at level 1 (C1 only) on java17 and
 * java21 (https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html). A function's own
 * {@code JAVA_TOOL_OPTIONS} changes either, as in Lambda: a flag it sets for the same thing leaves the runtime's out.
 */
final class LambdaJvm {

    private LambdaJvm() {}

    /**
     * @param runtime         the function's {@code Runtime}, e.g. {@code java21}
     * @param memoryMb        its {@code MemorySize}: the JVM sizes its heap from it, as from the sandbox's memory
     * @param javaToolOptions its {@code JAVA_TOOL_OPTIONS}, or null
     */
    static List<String> flags(String runtime, int memoryMb, String javaToolOptions) {
        String own = javaToolOptions == null ? "" : javaToolOptions;
        List<String> flags = new ArrayList<>();
        flags.add("-XX:MaxRAM=" + memoryMb + "m");
        if (!own.matches(".*-XX:\\+Use\\w+GC.*")) {
            flags.add("-XX:+UseSerialGC");
        }
        boolean stopsAtLevelOne = "java17".equals(runtime) || "java21".equals(runtime);
        if (stopsAtLevelOne && !own.contains("TieredStopAtLevel") && !own.contains("TieredCompilation")) {
            flags.add("-XX:TieredStopAtLevel=1");
        }
        return flags;
    }
}
