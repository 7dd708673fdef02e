package io.msklambda.tests.kafka.authz;

import io.msklambda.local.kafka.authz.ClusterArn;
import io.msklambda.local.kafka.authz.IamPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The policy fixtures under {@code src/test/resources/policies}, and the cluster they name. */
final class Policies {

    /** The cluster every fixture's ARNs point at. */
    static final ClusterArn CLUSTER =
            new ClusterArn("us-east-1", "000000000000", "local-msk", "5a2f9c1e-7d4b-4e0a-9b3c-1f2e3d4c5b6a-1");

    private Policies() {}

    /** {@code policies/<name>.json}, as a policy called {@code name}. */
    static IamPolicy load(String name) {
        return IamPolicy.parse(name, text(name));
    }

    static String text(String name) {
        try (InputStream in = Policies.class.getResourceAsStream("/policies/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture policies/" + name + ".json");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
