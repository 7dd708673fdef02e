package io.msklambda.local.cli;

import io.msklambda.local.pipeline.Mapping;
import io.msklambda.local.sam.MskEventSource;
import io.msklambda.local.stack.OptionCheck;
import io.msklambda.local.trigger.ErrorHandling;
import io.msklambda.local.trigger.Pollers;
import io.msklambda.local.trigger.StartingPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The consumer's trigger as the run takes it: each setting of the event source mapping from its flag, else from the
 * template's MSK event, else AWS's default; the consumer's WINDOW_SECONDS with them.
 */
final class MappingSettings {

    /** AWS's MaximumBatchingWindowInSeconds default for Kafka mappings: 500 ms. */
    private static final Duration AWS_BATCHING_WINDOW = Duration.ofMillis(500);

    private final MappingOptions flags;
    private final TemplateSettings template;
    private final SettingSources sources;
    /** The template's MSK event; null without a template or without the event. */
    private final MskEventSource msk;

    MappingSettings(MappingOptions flags, TemplateSettings template, SettingSources sources) {
        this.flags = flags;
        this.template = template;
        this.sources = sources;
        this.msk = template.mapping();
    }

    /** @throws IllegalArgumentException naming the option or the template value, the value and what is allowed */
    Mapping mapping() {
        if (msk != null && Boolean.FALSE.equals(msk.enabled())) {
            throw new IllegalArgumentException(template.name() + " " + msk.logicalId() + " Enabled: false: the "
                    + "mapping would not read the topic; enable it to run the pipeline");
        }
        int window = sources.pick(
                "WINDOW_SECONDS", flags.windowSeconds, () -> template.consumerInteger("WINDOW_SECONDS"), 10);
        int batchSize = sources.pick("BatchSize", flags.batchSize, fromEvent(MskEventSource::batchSize), 100);
        Duration batchingWindow = sources.pick(
                "MaximumBatchingWindowInSeconds",
                flags.batchingWindow,
                fromEvent(event -> seconds(event.maximumBatchingWindowInSeconds())),
                AWS_BATCHING_WINDOW);
        StartingPosition position = startingPosition();
        Instant timestamp = startingTimestamp(position);
        String group = sources.pick(
                "ConsumerGroupId",
                flags.consumerGroup,
                fromEvent(MskEventSource::consumerGroupId),
                "msk-lambda-consumer");
        List<String> filters = sources.pick(
                "FilterCriteria",
                flags.filters.isEmpty() ? null : flags.filters,
                fromEvent(MskEventSource::filterPatterns),
                List.of());
        Pollers pollers = sources.pick(
                "ProvisionedPollerConfig",
                flags.pollers,
                fromEvent(event -> event.maximumPollers() == null && event.minimumPollers() == null
                        ? null
                        : new Pollers(event.minimumPollers(), event.maximumPollers())),
                Pollers.ON_DEMAND);
        String onFailure = onFailure();
        return new Mapping(
                window, batchSize, batchingWindow, position, timestamp, group, errors(), pollers, filters, onFailure);
    }

    private StartingPosition startingPosition() {
        return sources.pick(
                "StartingPosition",
                flags.startingPosition,
                fromEvent(event ->
                        template.enumValue(StartingPosition.class, event.startingPosition(), "StartingPosition")),
                StartingPosition.TRIM_HORIZON);
    }

    /** The flag's timestamp, checked, else the template's: for {@code AT_TIMESTAMP} only. */
    private Instant startingTimestamp(StartingPosition position) {
        OptionCheck.require(
                flags.startingTimestamp == null || position == StartingPosition.AT_TIMESTAMP,
                "--starting-timestamp",
                flags.startingTimestamp,
                "goes with --starting-position AT_TIMESTAMP only");
        // https://docs.aws.amazon.com/lambda/latest/dg/kafka-starting-positions.html: not in the future
        OptionCheck.require(
                flags.startingTimestamp == null || !flags.startingTimestamp.isAfter(Instant.now()),
                "--starting-timestamp",
                flags.startingTimestamp,
                "cannot be in the future");
        return position != StartingPosition.AT_TIMESTAMP
                ? null
                : sources.pick(
                        "StartingPositionTimestamp",
                        flags.startingTimestamp,
                        fromEvent(MskEventSource::startingPositionTimestamp),
                        null);
    }

    private ErrorHandling errors() {
        requireErrorHandlingFlags();
        int retries = sources.pick(
                "MaximumRetryAttempts",
                flags.maxRetries,
                fromEvent(MskEventSource::maximumRetryAttempts),
                ErrorHandling.INFINITE_RETRIES);
        Duration age = sources.pick(
                "MaximumRecordAgeInSeconds",
                flags.maxRecordAge,
                fromEvent(event -> event.maximumRecordAgeInSeconds() == null || event.maximumRecordAgeInSeconds() == -1
                        ? null
                        : Duration.ofSeconds(event.maximumRecordAgeInSeconds())),
                null);
        boolean bisect = sources.pick(
                "BisectBatchOnFunctionError",
                flags.bisect,
                fromEvent(MskEventSource::bisectBatchOnFunctionError),
                false);
        boolean partial = sources.pick(
                "ReportBatchItemFailures",
                flags.reportBatchItemFailures,
                fromEvent(event -> event.functionResponseTypes() == null
                        ? null
                        : event.functionResponseTypes().contains("ReportBatchItemFailures")),
                false);
        try {
            return new ErrorHandling(retries, age, bisect, partial, ErrorHandling.DEFAULT.backoff());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(template.name() + ": " + e.getMessage(), e);
        }
    }

    /** The flags' ranges, AWS's, checked before the template's values are read. */
    private void requireErrorHandlingFlags() {
        OptionCheck.require(
                flags.maxRetries == null
                        || flags.maxRetries >= ErrorHandling.INFINITE_RETRIES
                                && flags.maxRetries <= ErrorHandling.MAX_RETRIES,
                "--max-retries",
                flags.maxRetries,
                "must be -1 to " + ErrorHandling.MAX_RETRIES);
        OptionCheck.require(
                flags.maxRecordAge == null
                        || flags.maxRecordAge.compareTo(ErrorHandling.MIN_RECORD_AGE) >= 0
                                && flags.maxRecordAge.compareTo(ErrorHandling.MAX_RECORD_AGE) <= 0,
                "--max-record-age",
                flags.maxRecordAge == null ? null : SettingSources.format(flags.maxRecordAge),
                "must be 60s to 604800s");
    }

    /** {@code none} on the command line drops the template's destination. */
    private String onFailure() {
        String destination =
                sources.pick("OnFailure", flags.onFailure, fromEvent(MskEventSource::onFailureDestination), "none");
        return destination.isBlank() || destination.equals("none") ? null : destination;
    }

    /** A value of the template's MSK event, looked up only when the flag is absent; null when there is no event. */
    private <T> Supplier<T> fromEvent(Function<MskEventSource, T> value) {
        return () -> msk == null ? null : value.apply(msk);
    }

    private static Duration seconds(Integer seconds) {
        return seconds == null ? null : Duration.ofSeconds(seconds);
    }
}
