package io.msklambda.producer.spec;

import java.util.UUID;

/** {@code $uuid {}}: a version-4 UUID from two draws of the environment's stream (orders' ids). */
final class UuidField extends TextValueField {

    static UuidField compile(SpecNode args) {
        args.object();
        return new UuidField();
    }

    @Override
    void draw(Draw draw) {
        long high = (draw.random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (draw.random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        value = new UUID(high, low).toString();
    }
}
