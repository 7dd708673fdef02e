package io.msklambda.producer;

/** What the producer generates ({@code PAYLOAD}). */
public enum PayloadKind {
    /** E-commerce orders; the Redshift and Athena ingestion in README.md ("Analytics") read these. */
    ORDERS,
    /** IoT temperature readings, one random walk per device. */
    TELEMETRY,
    /** Records described by a spec, {@code PAYLOAD_SPEC}: see {@link io.msklambda.producer.spec.PayloadSpec}. */
    CUSTOM
}
