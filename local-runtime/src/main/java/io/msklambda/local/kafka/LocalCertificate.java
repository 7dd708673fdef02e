package io.msklambda.local.kafka;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.apache.kafka.common.config.SslConfigs;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/**
 * A self-signed TLS server certificate for the local broker, made in memory when the broker starts and never
 * written to disk: an EC P-256 key, valid for a day, for {@code 127.0.0.1}, {@code localhost} and any other name the
 * brokers are reached by (all as subject alternative names, so clients keep their default hostname verification).
 *
 * <p>Clients trust it through Kafka's PEM support: {@link #trustProperties()} are the client properties,
 * which the functions take as {@code KAFKA_SSL_TRUSTSTORE_TYPE} and {@code KAFKA_SSL_TRUSTSTORE_CERTIFICATES}.
 */
public final class LocalCertificate {

    private static final Duration VALIDITY = Duration.ofDays(1);
    /** Tolerates a client clock somewhat behind this one. */
    private static final Duration BACKDATE = Duration.ofHours(1);

    private final String certificatePem;
    private final String privateKeyPem;

    private LocalCertificate(String certificatePem, String privateKeyPem) {
        this.certificatePem = certificatePem;
        this.privateKeyPem = privateKeyPem;
    }

    /** A new key pair and certificate for {@code host} (an IP address) and {@code names} (addresses or host names). */
    static LocalCertificate issue(String host, Collection<String> names) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Principal subject = new X500Principal("CN=localhost, O=msk-lambda-functions local broker");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    subject,
                    new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(BACKDATE)),
                    Date.from(now.plus(VALIDITY)),
                    subject,
                    keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(host, names));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(
                    Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new LocalCertificate(
                    pem(new JcaMiscPEMGenerator(certificate)), pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot issue the local broker's TLS certificate", e);
        }
    }

    /** Client properties that trust this certificate, and nothing else. */
    public Map<String, String> trustProperties() {
        return Map.of(
                SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG,
                "PEM",
                SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG,
                certificatePem);
    }

    /** Broker properties for a listener serving this certificate: {@code prefix} is the listener's. */
    Map<String, String> keyStoreProperties(String prefix) {
        return Map.of(
                prefix + SslConfigs.SSL_KEYSTORE_TYPE_CONFIG,
                "PEM",
                prefix + SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG,
                certificatePem,
                prefix + SslConfigs.SSL_KEYSTORE_KEY_CONFIG,
                privateKeyPem);
    }

    /** Each name as what it is: an IP address entry or a DNS name entry, which is what hostname verification matches. */
    private static GeneralNames subjectAlternativeNames(String host, Collection<String> names) {
        Set<String> all = new LinkedHashSet<>(List.of(host, "localhost"));
        all.addAll(names);
        return new GeneralNames(all.stream()
                .map(name ->
                        new GeneralName(IPAddress.isValid(name) ? GeneralName.iPAddress : GeneralName.dNSName, name))
                .toArray(GeneralName[]::new));
    }

    private static String pem(PemObjectGenerator object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
