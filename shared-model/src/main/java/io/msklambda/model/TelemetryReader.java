package io.msklambda.model;

import static io.msklambda.model.RejectReason.OUT_OF_RANGE;
import static io.msklambda.model.RejectReason.WRONG_TYPE;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The telemetry shape, {@code {"device_id":…,"timestamp":…,"temperature":…}}: keeps its three fields as the parser
 * meets them, then checks them into a {@link Telemetry}. {@code device_id} may be a number or a string of digits.
 * One instance per record.
 */
final class TelemetryReader {

    private boolean deviceIdPresent;
    private JsonScalar deviceId;
    private JsonScalar timestamp;
    private JsonScalar temperature;

    /** Reads the field the parser is on if it is one of this shape's; false, having read nothing, if not. */
    boolean read(String name, JsonParser json) throws IOException {
        switch (name) {
            case "device_id" -> {
                deviceId = JsonScalar.read(json);
                deviceIdPresent = true;
            }
            case "timestamp" -> timestamp = JsonScalar.read(json);
            case "temperature" -> temperature = JsonScalar.read(json);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** A record is telemetry when it has {@code device_id}, even a null one. */
    boolean isThisShape() {
        return deviceIdPresent;
    }

    DecodeResult result() {
        FieldChecks check = new FieldChecks();
        long id = deviceId(check);
        Instant time = check.time(timestamp, "timestamp");
        BigDecimal degrees = check.finiteNumber(temperature, "temperature");
        return check.problem() != null
                ? check.problem()
                : new DecodeResult.Decoded(new Telemetry((int) id, time, degrees));
    }

    private long deviceId(FieldChecks check) {
        if (deviceId != null && deviceId.token() == JsonToken.VALUE_STRING) {
            String text = deviceId.text();
            if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                check.fail(WRONG_TYPE, "device_id must be a whole number, found \"" + text + "\"");
                return 0;
            }
            long id = Long.parseLong(text);
            if (id > Integer.MAX_VALUE) {
                check.fail(OUT_OF_RANGE, "device_id " + text + " is too large");
            }
            return id;
        }
        return check.wholeNumber(deviceId, "device_id", 0, Integer.MAX_VALUE);
    }
}
