package io.msklambda.local.kafka.iam;

/**
 * The region aws-msk-iam-auth clients in this JVM sign for. The client takes it from the broker's host name
 * (an MSK broker's name contains it; 127.0.0.1 does not), else from the SDK's region chain: the
 * {@code aws.region} system property, {@code AWS_REGION}, the profile, then the instance metadata service.
 * Where neither of the first two names one, {@link #resolve()} sets {@code aws.region} to {@value #DEFAULT} until
 * {@link #close()}, so that the chain never reaches for instance metadata, and a local broker expects the same.
 */
public final class SigningRegion implements AutoCloseable {

    public static final String DEFAULT = "us-east-1";
    private static final String PROPERTY = "aws.region";

    private final String region;
    private final boolean set;

    private SigningRegion(String region, boolean set) {
        this.region = region;
        this.set = set;
    }

    /** The region this JVM's clients will sign for, setting {@code aws.region} if nothing names one. */
    public static SigningRegion resolve() {
        String region = System.getProperty(PROPERTY, System.getenv("AWS_REGION"));
        if (region != null && !region.isBlank()) {
            return new SigningRegion(region.trim(), false);
        }
        System.setProperty(PROPERTY, DEFAULT);
        return new SigningRegion(DEFAULT, true);
    }

    public String region() {
        return region;
    }

    /** Clears {@code aws.region} if {@link #resolve()} set it. */
    @Override
    public void close() {
        if (set) {
            System.clearProperty(PROPERTY);
        }
    }
}
