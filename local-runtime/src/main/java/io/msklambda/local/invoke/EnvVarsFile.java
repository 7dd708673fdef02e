package io.msklambda.local.invoke;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code sam local invoke --env-vars}'s file: {@code {"Parameters": {...}, "<LogicalId>": {...}}}. Variables under
 * {@code Parameters} apply to every function, those under a function's logical id to it, and win.
 */
public final class EnvVarsFile {

    private EnvVarsFile() {}

    public static Map<String, String> variables(Path file, String logicalId) {
        Map<String, String> global = new LinkedHashMap<>();
        Map<String, String> function = new LinkedHashMap<>();
        try (JsonParser json = new JsonFactory().createParser(file.toFile())) {
            expect(json.nextToken() == JsonToken.START_OBJECT, file);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String section = json.currentName();
                expect(json.nextToken() == JsonToken.START_OBJECT, file);
                Map<String, String> target =
                        "Parameters".equals(section) ? global : logicalId.equals(section) ? function : null;
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String name = json.currentName();
                    json.nextToken();
                    if (target != null) {
                        target.put(name, json.getValueAsString());
                    }
                    json.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --env-vars " + file + ": " + e.getMessage(), e);
        }
        global.putAll(function);
        return global;
    }

    private static void expect(boolean condition, Path file) {
        if (!condition) {
            throw new IllegalArgumentException("--env-vars " + file
                    + " must be an object of objects: {\"Parameters\": {...}, \"<LogicalId>\": {\"NAME\": \"value\"}}");
        }
    }
}
