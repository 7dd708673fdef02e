package io.msklambda.producer.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.msklambda.model.InvalidConfigException;

/**
 * The errors of a spec: each names {@code PAYLOAD_SPEC}, the spec location as a JSON Pointer, what was found there
 * and what is allowed, because it is what a user reads when the function fails at init.
 */
final class SpecError {

    static final String PAYLOAD_SPEC = "PAYLOAD_SPEC";
    private static final int SHOWN = 80;
    private static final String NOTHING = "nothing";

    private SpecError() {}

    /** {@code PAYLOAD_SPEC <pointer>: <found> is not allowed: <allowed>}. */
    static InvalidConfigException at(String pointer, String found, String allowed) {
        return InvalidConfigException.at(
                PAYLOAD_SPEC, pointer.isEmpty() ? "/" : pointer, NOTHING.equals(found) ? null : found, allowed);
    }

    /** The same, showing the JSON found at the location. */
    static InvalidConfigException at(String pointer, JsonNode found, String allowed) {
        return at(pointer, shown(found), allowed);
    }

    /** A JSON value as a user wrote it, cut when long. */
    static String shown(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return NOTHING;
        }
        String text = node.toString();
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…";
    }

    /** One member name as a JSON Pointer token (RFC 6901: {@code ~} is {@code ~0}, {@code /} is {@code ~1}). */
    static String token(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
