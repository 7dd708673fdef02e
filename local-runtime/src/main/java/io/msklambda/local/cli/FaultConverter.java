package io.msklambda.local.cli;

import io.msklambda.local.faults.FaultSpec;
import java.time.Duration;
import picocli.CommandLine;

/** {@code KIND@AT[/FOR]}, e.g. {@code broker-kill@10s/10s}, {@code broker-restart@20s}. */
final class FaultConverter implements CommandLine.ITypeConverter<FaultSpec> {

    private final DurationConverter durations = new DurationConverter();

    @Override
    public FaultSpec convert(String value) {
        int at = value.indexOf('@');
        if (at < 0) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a fault: use KIND@AT[/FOR], "
                    + "e.g. broker-kill@10s/10s or broker-restart@20s");
        }
        String when = value.substring(at + 1);
        int slash = when.indexOf('/');
        try {
            FaultSpec.Kind kind = FaultSpec.Kind.of(value.substring(0, at));
            if (slash >= 0 && !kind.lasts()) {
                throw new IllegalArgumentException(FaultSpec.takesNoDuration(kind));
            }
            Duration start = durations.convert(slash < 0 ? when : when.substring(0, slash));
            Duration duration = slash < 0 ? null : durations.convert(when.substring(slash + 1));
            return new FaultSpec(kind, start, duration);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
