package io.msklambda.model;

/**
 * How an order's {@code items} are written. Athena's MSK connector cannot read arrays, so {@link #STRING}
 * writes the same array as a JSON string; readers accept both.
 */
public enum ItemsFormat {
    ARRAY,
    STRING
}
