package io.msklambda.local.cli;

import io.msklambda.local.kafka.authz.IamPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * {@code --role-policy ROLE_ARN=FILE}, for each command that authorizes: the identity policy of a role the template
 * names but does not create, such as the one {@code MskClientRoleArn} makes the producer assume, so that the local
 * cluster can authorize it too.
 */
final class RolePolicyFiles {

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");

    @Option(
            names = "--role-policy",
            paramLabel = "ROLE_ARN=FILE",
            description = "the identity policy (JSON) of a role the template names but does not create, such as "
                    + "MskClientRoleArn's, for --authorization; repeatable")
    private List<String> specs = new ArrayList<>();

    /**
     * Each role's policies, one per {@code ARN=FILE} (a role given twice has both).
     *
     * @throws IllegalArgumentException naming the option and what is wrong: the form, the ARN, the file, the policy
     */
    Map<String, List<IamPolicy>> read() {
        Map<String, List<IamPolicy>> policies = new LinkedHashMap<>();
        for (String spec : specs) {
            int equals = spec.indexOf('=');
            String arn = equals < 0 ? "" : spec.substring(0, equals);
            if (!ROLE_ARN.matcher(arn).matches()) {
                throw new IllegalArgumentException("--role-policy '" + spec + "': must be ROLE_ARN=FILE, with an IAM "
                        + "role ARN such as arn:aws:iam::111122223333:role/MskClient");
            }
            Path file = Path.of(spec.substring(equals + 1));
            String text;
            try {
                text = Files.readString(file);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("--role-policy " + arn + ": no such file " + file, e);
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "--role-policy " + arn + ": cannot read " + file + " (" + e.getMessage() + ")", e);
            }
            try {
                policies.computeIfAbsent(arn, key -> new ArrayList<>())
                        .add(IamPolicy.parse(file.getFileName().toString(), text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--role-policy " + arn + ": " + e.getMessage(), e);
            }
        }
        return policies;
    }
}
