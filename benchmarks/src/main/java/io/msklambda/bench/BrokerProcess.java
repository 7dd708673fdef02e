package io.msklambda.bench;

import io.msklambda.local.kafka.EmbeddedKafka;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * An embedded broker in a JVM of its own, for benchmarks that pin it apart from its clients ({@link ProducerBench}).
 * It prints {@code bootstrap <host:port>} once it takes connections, then reads commands from standard input, one per
 * line: {@code topic <name> <partitions>} creates a topic and answers {@code created <name>} once it takes writes.
 * The end of standard input (the parent closed it, or died) stops the broker.
 */
public final class BrokerProcess {

    private BrokerProcess() {}

    public static void main(String[] args) throws IOException {
        // not a LocalStack: the point is a bare broker in a JVM of its own, its topics made on command, and its
        // standard output the protocol above, with no line of anyone else's
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                BufferedReader commands =
                        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            System.out.println("bootstrap " + kafka.bootstrapServers());
            System.out.flush();
            for (String line = commands.readLine(); line != null; line = commands.readLine()) {
                String[] words = line.trim().split(" ");
                if (words.length != 3 || !words[0].equals("topic")) {
                    throw new IllegalArgumentException("not a command: " + line + " (topic <name> <partitions>)");
                }
                kafka.createTopic(words[1], Integer.parseInt(words[2]));
                System.out.println("created " + words[1]);
                System.out.flush();
            }
        }
    }
}
