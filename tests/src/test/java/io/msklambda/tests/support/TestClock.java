package io.msklambda.tests.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A broker's clock that a test moves: the system's, or one that stands still, moved by an offset the test sets or
 * steps. Time passes for the broker only as the test says, whatever the speed of this machine.
 */
public final class TestClock extends Clock {

    private final Instant stoppedAt;
    private volatile Duration offset = Duration.ZERO;

    private TestClock(Instant stoppedAt) {
        this.stoppedAt = stoppedAt;
    }

    /** The system's clock, moved by the offset. */
    public static TestClock running() {
        return new TestClock(null);
    }

    /** A clock standing at this moment until the test moves it. */
    public static TestClock stopped() {
        return new TestClock(Instant.now());
    }

    public void setOffset(Duration offset) {
        this.offset = offset;
    }

    public void step(Duration duration) {
        offset = offset.plus(duration);
    }

    @Override
    public Instant instant() {
        return (stoppedAt != null ? stoppedAt : Instant.now()).plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
