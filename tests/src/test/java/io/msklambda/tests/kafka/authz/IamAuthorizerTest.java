package io.msklambda.tests.kafka.authz;

import static io.msklambda.tests.kafka.authz.Policies.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.local.kafka.authz.Authorization;
import io.msklambda.local.kafka.authz.IamAuthorizer;
import io.msklambda.local.kafka.authz.IamPolicy;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The authorizer as Kafka calls it, without a broker: who is checked, Connect first, the table, the policies. */
class IamAuthorizerTest {

    private static final String PRODUCER = "arn:aws:iam::000000000000:role/ProducerRole";
    private static final String DENIED = "arn:aws:iam::000000000000:role/DeniedRole";
    private static final String CONSUMER_ROLE = "arn:aws:iam::000000000000:role/service/ConsumerRole";

    private IamAuthorizer.Registration registration;
    private IamAuthorizer authorizer;

    @BeforeEach
    void configure() {
        Map<String, List<IamPolicy>> policies = Map.of(
                PRODUCER, List.of(Policies.load("producer")),
                DENIED, List.of(Policies.load("producer"), Policies.load("deny-orders-write")),
                CONSUMER_ROLE, List.of(Policies.load("consumer")));
        registration = IamAuthorizer.register(new Authorization(CLUSTER, policies));
        authorizer = new IamAuthorizer();
        authorizer.configure(registration.brokerProperties());
    }

    @AfterEach
    void close() {
        authorizer.close();
        registration.close();
    }

    @Test
    void allowsWhatThePrincipalsPoliciesAllow() {
        assertThat(authorize(PRODUCER, AclOperation.WRITE, ResourceType.TOPIC, "orders"))
                .isEqualTo(AuthorizationResult.ALLOWED);
        assertThat(authorize(PRODUCER, AclOperation.IDEMPOTENT_WRITE, ResourceType.CLUSTER, "kafka-cluster"))
                .isEqualTo(AuthorizationResult.ALLOWED);
    }

    @Test
    void deniesWhatTheyDoNotAllow() {
        assertThat(authorize(PRODUCER, AclOperation.READ, ResourceType.TOPIC, "orders"))
                .isEqualTo(AuthorizationResult.DENIED);
        assertThat(authorize(PRODUCER, AclOperation.WRITE, ResourceType.TOPIC, "payments"))
                .isEqualTo(AuthorizationResult.DENIED);
    }

    @Test
    void anExplicitDenyBeatsTheAllow() {
        assertThat(authorize(DENIED, AclOperation.WRITE, ResourceType.TOPIC, "orders"))
                .isEqualTo(AuthorizationResult.DENIED);
        assertThat(authorize(DENIED, AclOperation.DESCRIBE, ResourceType.TOPIC, "orders"))
                .isEqualTo(AuthorizationResult.ALLOWED);
    }

    @Test
    void aPrincipalWithoutPoliciesCannotEvenConnect() {
        assertThat(authorize(
                        "arn:aws:iam::000000000000:role/Stranger",
                        AclOperation.DESCRIBE,
                        ResourceType.CLUSTER,
                        "kafka-cluster"))
                .isEqualTo(AuthorizationResult.DENIED);
    }

    @Test
    void aRoleSessionGetsItsRolesPolicies() {
        String session = "arn:aws:sts::000000000000:assumed-role/ConsumerRole/local-session";

        assertThat(authorize(session, AclOperation.READ, ResourceType.GROUP, "orders-readers"))
                .isEqualTo(AuthorizationResult.ALLOWED);
        assertThat(authorize(
                        "arn:aws:sts::111111111111:assumed-role/ConsumerRole/local-session",
                        AclOperation.READ,
                        ResourceType.GROUP,
                        "orders-readers"))
                .isEqualTo(AuthorizationResult.DENIED);
    }

    @Test
    void theClusterItselfIsNotSubjectToPolicies() {
        assertThat(authorize(
                        KafkaPrincipal.ANONYMOUS.getName(),
                        AclOperation.CLUSTER_ACTION,
                        ResourceType.CLUSTER,
                        "kafka-cluster"))
                .isEqualTo(AuthorizationResult.ALLOWED);
    }

    @Test
    void writingToSomeTopicDoesNotStandInForWriteDataIdempotently() {
        assertThat(authorizer.authorizeByResourceType(context(PRODUCER), AclOperation.WRITE, ResourceType.TOPIC))
                .isEqualTo(AuthorizationResult.DENIED);
    }

    @Test
    void keepsNoAcls() {
        assertThat(authorizer.acls(org.apache.kafka.common.acl.AclBindingFilter.ANY))
                .isEmpty();
    }

    private AuthorizationResult authorize(String principal, AclOperation operation, ResourceType type, String name) {
        Action action = new Action(operation, new ResourcePattern(type, name, PatternType.LITERAL), 1, true, true);
        return authorizer.authorize(context(principal), List.of(action)).get(0);
    }

    private static AuthorizableRequestContext context(String principal) {
        return new AuthorizableRequestContext() {
            @Override
            public String listenerName() {
                return "IAM";
            }

            @Override
            public SecurityProtocol securityProtocol() {
                return SecurityProtocol.SASL_SSL;
            }

            @Override
            public KafkaPrincipal principal() {
                return new KafkaPrincipal(KafkaPrincipal.USER_TYPE, principal);
            }

            @Override
            public InetAddress clientAddress() {
                return InetAddress.getLoopbackAddress();
            }

            @Override
            public int requestType() {
                return ApiKeys.PRODUCE.id;
            }

            @Override
            public int requestVersion() {
                return 0;
            }

            @Override
            public String clientId() {
                return "test";
            }

            @Override
            public int correlationId() {
                return 1;
            }
        };
    }
}
