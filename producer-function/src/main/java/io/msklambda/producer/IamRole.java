package io.msklambda.producer;

import io.msklambda.model.ConfigSource;
import io.msklambda.model.InvalidConfigException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A role the producer assumes before it authenticates to MSK ({@code AUTH_MODE=iam} only): aws-msk-iam-auth's
 * {@code awsRoleArn}, {@code awsRoleSessionName} and {@code awsStsRegion} options. The function's own
 * credentials (its execution role) call STS {@code AssumeRole}; the role's credentials sign the connection.
 *
 * <p>In a VPC without a NAT gateway, STS is reachable only through an STS interface endpoint, which serves the
 * regional endpoint: set {@code IAM_STS_REGION} to that endpoint's region, or the call to the global endpoint
 * waits until the function times out.
 *
 * @param roleArn     {@code IAM_ROLE_ARN}: {@code arn:aws:iam::<account>:role/<name>}
 * @param sessionName {@code IAM_ROLE_SESSION_NAME}: the session name CloudTrail shows (default
 *                    {@value #DEFAULT_SESSION_NAME})
 * @param stsRegion   {@code IAM_STS_REGION}: the regional STS endpoint to call; empty = the global endpoint
 */
public record IamRole(String roleArn, String sessionName, Optional<String> stsRegion) {

    public static final String IAM_ROLE_ARN = "IAM_ROLE_ARN";
    public static final String IAM_ROLE_SESSION_NAME = "IAM_ROLE_SESSION_NAME";
    public static final String IAM_STS_REGION = "IAM_STS_REGION";
    static final String DEFAULT_SESSION_NAME = "msk-lambda-producer";

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    public IamRole {
        if (roleArn == null || !ROLE_ARN.matcher(roleArn).matches()) {
            throw new InvalidConfigException(
                    IAM_ROLE_ARN, roleArn, "an IAM role ARN, arn:aws:iam::<12-digit account>:role/<name>");
        }
        if (sessionName == null || !SESSION_NAME.matcher(sessionName).matches()) {
            throw new InvalidConfigException(
                    IAM_ROLE_SESSION_NAME, sessionName, "2 to 64 letters, digits or any of _+=,.@-");
        }
        stsRegion.filter(region -> !REGION.matcher(region).matches()).ifPresent(region -> {
            throw new InvalidConfigException(IAM_STS_REGION, region, "a region code such as us-east-1");
        });
    }

    /** The role settings, if {@code IAM_ROLE_ARN} is set; the other two are refused without it. */
    static Optional<IamRole> from(ConfigSource env, AuthMode authMode) {
        Optional<String> arn = env.optional(IAM_ROLE_ARN);
        if (arn.isEmpty()) {
            for (String dependent : new String[] {IAM_ROLE_SESSION_NAME, IAM_STS_REGION}) {
                env.optional(dependent).ifPresent(value -> {
                    throw new InvalidConfigException(dependent, value, "only with IAM_ROLE_ARN, which is not set");
                });
            }
            return Optional.empty();
        }
        if (authMode != AuthMode.IAM) {
            throw new InvalidConfigException(
                    IAM_ROLE_ARN,
                    arn.get(),
                    "only with AUTH_MODE=iam (AUTH_MODE is " + authMode.name().toLowerCase(java.util.Locale.ROOT)
                            + ")");
        }
        return Optional.of(new IamRole(
                arn.get(), env.string(IAM_ROLE_SESSION_NAME, DEFAULT_SESSION_NAME), env.optional(IAM_STS_REGION)));
    }

    /** The options of aws-msk-iam-auth's login module, for {@code sasl.jaas.config}. */
    String loginModuleOptions() {
        return " awsRoleArn=\"" + roleArn + "\" awsRoleSessionName=\"" + sessionName + "\""
                + stsRegion.map(region -> " awsStsRegion=\"" + region + "\"").orElse("");
    }
}
