package io.msklambda.producer;

/** How the producer authenticates to the cluster ({@code AUTH_MODE}). */
public enum AuthMode {
    /** SASL_SSL with the AWS_MSK_IAM mechanism of aws-msk-iam-auth: MSK's IAM access control (port 9098). */
    IAM,
    /** TLS encryption without client authentication (MSK's TLS listener, port 9094). */
    TLS,
    /** PLAINTEXT: local brokers and clusters without encryption in transit (port 9092). */
    NONE
}
