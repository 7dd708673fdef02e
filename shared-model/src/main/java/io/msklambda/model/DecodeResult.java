package io.msklambda.model;

import java.util.Objects;

/**
 * The outcome of reading one record: the event, or why it was rejected. Decoding never throws for bad
 * input, so one bad record cannot take a batch down with it.
 */
public sealed interface DecodeResult permits DecodeResult.Decoded, DecodeResult.Rejected {

    /** A record that was read. */
    record Decoded(Event event) implements DecodeResult {
        public Decoded {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * A record that was not read; also what a {@link RecordObserver} returns for a record it cannot read.
     *
     * @param reason the kind of problem
     * @param detail a human-readable explanation (which field, what was found); never the whole payload
     */
    record Rejected(RejectReason reason, String detail) implements DecodeResult, Observed {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String toString() {
            return reason + ": " + detail;
        }
    }

    static Rejected rejected(RejectReason reason, String detail) {
        return new Rejected(reason, detail);
    }
}
