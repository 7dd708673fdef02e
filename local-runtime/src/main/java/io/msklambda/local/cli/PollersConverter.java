package io.msklambda.local.cli;

import io.msklambda.local.trigger.Pollers;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** {@code on-demand}, or provisioned pollers as {@code MIN-MAX} (e.g. {@code 1-3}) or {@code MAX} (from 1). */
final class PollersConverter implements CommandLine.ITypeConverter<Pollers> {

    private static final Pattern RANGE = Pattern.compile("(?:(\\d{1,4})-)?(\\d{1,4})");

    @Override
    public Pollers convert(String value) {
        if (value.equalsIgnoreCase("on-demand")) {
            return Pollers.ON_DEMAND;
        }
        Matcher range = RANGE.matcher(value.trim());
        if (!range.matches()) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is neither on-demand nor MIN-MAX pollers (e.g. 1-3)");
        }
        try {
            return new Pollers(
                    range.group(1) == null ? 1 : Integer.parseInt(range.group(1)), Integer.parseInt(range.group(2)));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
