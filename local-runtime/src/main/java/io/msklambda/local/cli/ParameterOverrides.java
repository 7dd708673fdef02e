package io.msklambda.local.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --parameter-overrides} as {@code sam} takes it: {@code Key=Value}, or {@code ParameterKey=K,ParameterValue=V}. */
final class ParameterOverrides {

    private ParameterOverrides() {}

    /** @throws IllegalArgumentException naming a pair that is neither form */
    static Map<String, String> parse(List<String> pairs) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String pair : pairs) {
            if (pair.startsWith("ParameterKey=")) {
                String[] parts = pair.split(",ParameterValue=", 2);
                overrides.put(parts[0].substring("ParameterKey=".length()), parts.length > 1 ? parts[1] : "");
            } else if (pair.contains("=")) {
                overrides.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            } else {
                throw new IllegalArgumentException("--parameter-overrides takes Key=Value, not '" + pair + "'");
            }
        }
        return overrides;
    }
}
