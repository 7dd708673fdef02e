package io.msklambda.producer.spec;

/**
 * A Datafaker expression evaluated for every record ({@code "#{Internet.username}"} or {@code $faker} without
 * {@code pool}): any expression Datafaker knows, at Datafaker's speed (microseconds a record, see README.md "Custom
 * payloads"). It draws from the environment's Faker, not from the record stream.
 */
final class FakerField extends TextValueField {

    private final FakerSource faker;
    private final String expression;

    FakerField(FakerSource faker, String expression) {
        this.faker = faker;
        this.expression = expression;
    }

    @Override
    void draw(Draw draw) {
        value = faker.faker().expression(expression);
    }
}
