package io.msklambda.local.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/** System properties set for a while: {@link #close()} puts back what was there before. */
final class SystemProperties implements AutoCloseable {

    /** Each property's value before the first change, null where it was unset. */
    private final Map<String, String> before = new LinkedHashMap<>();

    void set(String name, String value) {
        before.putIfAbsent(name, System.getProperty(name));
        System.setProperty(name, value);
    }

    void clear(String name) {
        before.putIfAbsent(name, System.getProperty(name));
        System.clearProperty(name);
    }

    @Override
    public void close() {
        before.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        before.clear();
    }
}
