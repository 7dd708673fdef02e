package io.msklambda.local.invoke;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The variables one invocation's function gets, as {@code sam local invoke} gives them: the template's (Globals and
 * the function's, intrinsic functions resolved), then {@code --env-vars}', then what invoke sets for the services it
 * starts; the shell's for a variable none of those names. The shell's variables that must not meet made-up credentials
 * are left out once invoke hands some out.
 */
final class InvokeEnvironment {

    static final String AWS_REGION = "AWS_REGION";
    static final String DEFAULT_REGION = "us-east-1";
    /**
     * What the SDK's environment credentials provider reads together with {@code AWS_ACCESS_KEY_ID} and
     * {@code AWS_SECRET_ACCESS_KEY}: beside made-up keys, the shell's values would make one mismatched identity
     * (a request signed with the made-up secret and the shell's session token). {@code AWS_PROFILE} may stay: the
     * variables come before any profile in the SDK's default chain
     * (https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/credentials-chain.html), so a profile's
     * credentials are never mixed with them, and dropping it would not keep the function from ~/.aws anyway.
     */
    private static final List<String> READ_WITH_THE_KEYS = List.of("AWS_SESSION_TOKEN", "AWS_ACCOUNT_ID");

    private final Map<String, String> variables = new TreeMap<>();
    /** Variables of the shell the function must not inherit (a real session token beside made-up keys). */
    private final List<String> removedFromShell = new ArrayList<>();

    /** The template's variables, then those {@code envVars} gives the function (null: no file). */
    InvokeEnvironment(Map<String, String> template, Path envVars, String logicalId) {
        variables.putAll(template);
        if (envVars != null) {
            variables.putAll(EnvVarsFile.variables(envVars, logicalId));
        }
    }

    /** A variable's value from --env-vars or the template, else from the shell; null if none names it. */
    String named(String variable) {
        String value = variables.get(variable);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                variables.put(variable, value);
            }
        }
        return value == null || value.isBlank() ? null : value;
    }

    /** The value the template or --env-vars gives, or {@code otherwise}; the shell is not asked. */
    String given(String variable, String otherwise) {
        return variables.getOrDefault(variable, otherwise);
    }

    boolean gives(String variable) {
        return variables.containsKey(variable);
    }

    void put(String variable, String value) {
        variables.put(variable, value);
    }

    void putAll(Map<String, String> values) {
        variables.putAll(values);
    }

    /**
     * Gives the function credentials made up for a local service, and none of the shell's or --env-vars'
     * variables that would be read with them ({@link #READ_WITH_THE_KEYS}) unless the made-up ones set them too.
     */
    void handOut(Map<String, String> credentials) {
        READ_WITH_THE_KEYS.forEach(variables::remove);
        removedFromShell.addAll(READ_WITH_THE_KEYS);
        variables.putAll(credentials);
    }

    /** Everything the function would see, the shell's variables included, with {@code standIns} over them. */
    Map<String, String> asTheFunctionSeesThem(Map<String, String> standIns) {
        Map<String, String> seen = new HashMap<>(System.getenv());
        seen.putAll(variables);
        seen.putAll(standIns);
        return seen;
    }

    /** Sets these variables over the shell's in a child process's environment. */
    void applyTo(Map<String, String> processEnvironment) {
        removedFromShell.forEach(processEnvironment::remove);
        processEnvironment.putAll(variables);
        processEnvironment.putIfAbsent(AWS_REGION, DEFAULT_REGION);
    }
}
