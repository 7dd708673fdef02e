package io.msklambda.local.cli;

import io.msklambda.local.trigger.Pollers;
import io.msklambda.local.trigger.StartingPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code pipeline} flags over the template's MSK event: the consumer's window and the event source mapping's
 * settings, each null (or empty) when not given, for {@link MappingSettings} to fill from the template.
 */
final class MappingOptions {

    @Option(names = "--window-seconds", description = "consumer WINDOW_SECONDS (default: the template's, else 10)")
    Integer windowSeconds;

    @Option(
            names = "--batch-size",
            description = "the mapping's BatchSize, 1-10000 (default: the template's, else 100)")
    Integer batchSize;

    @Option(
            names = "--batching-window",
            description = "the mapping's MaximumBatchingWindowInSeconds (default: the template's, else 500ms, AWS's)")
    Duration batchingWindow;

    @Option(
            names = "--starting-position",
            description = "LATEST, TRIM_HORIZON or AT_TIMESTAMP (default: the template's, else TRIM_HORIZON)")
    StartingPosition startingPosition;

    @Option(
            names = "--starting-timestamp",
            paramLabel = "INSTANT",
            description = "StartingPositionTimestamp for AT_TIMESTAMP, e.g. 2026-12-01T06:00:00Z")
    Instant startingTimestamp;

    @Option(
            names = "--filter",
            paramLabel = "PATTERN",
            description = {
                "the mapping's FilterCriteria: a filter pattern on the record's value (EventBridge's pattern "
                        + "language, as Lambda applies it); repeatable, up to 5, a record matching any is delivered, the others "
                        + "are committed and never delivered (default: the template's), e.g.",
                "  --filter '{\"value\": {\"device_id\": [{\"numeric\": [\">=\", 3, \"<=\", 6]}]}}'"
            })
    List<String> filters = new ArrayList<>();

    @Option(
            names = "--consumer-group",
            description = "the mapping's ConsumerGroupId (default: the template's, else msk-lambda-consumer)")
    String consumerGroup;

    @Option(
            names = "--pollers",
            paramLabel = "on-demand|MIN-MAX",
            converter = PollersConverter.class,
            description = "on-demand, or ProvisionedPollerConfig's MinimumPollers-MaximumPollers, e.g. 1-3; one poller "
                    + "per partition at most (default: the template's, else on-demand)")
    Pollers pollers;

    @Option(
            names = "--max-retries",
            description = "the mapping's MaximumRetryAttempts: 0-10000, or -1 to retry a failed batch until it "
                    + "succeeds; then the batch goes to --on-failure or is discarded; provisioned mode only (default: the "
                    + "template's, else -1)")
    Integer maxRetries;

    @Option(
            names = "--max-record-age",
            description = "the mapping's MaximumRecordAgeInSeconds, 60s-7d; older records are given up without an "
                    + "invocation; provisioned mode only (default: the template's, else no limit)")
    Duration maxRecordAge;

    @Option(
            names = "--bisect",
            negatable = true,
            description =
                    "the mapping's BisectBatchOnFunctionError: split a failed batch in two; provisioned mode only "
                            + "(default: the template's, else no)")
    Boolean bisect;

    @Option(
            names = "--report-batch-item-failures",
            negatable = true,
            description = "FunctionResponseTypes [ReportBatchItemFailures]: read the function's partial batch "
                    + "response; provisioned mode only (default: the template's, else no)")
    Boolean reportBatchItemFailures;

    @Option(
            names = "--on-failure",
            paramLabel = "DESTINATION",
            description = "the mapping's on-failure destination: kafka://TOPIC on the same cluster (provisioned mode), "
                    + "or an SQS queue, SNS topic or S3 bucket ARN, served locally; none for none (default: the "
                    + "template's, else none)")
    String onFailure;
}
