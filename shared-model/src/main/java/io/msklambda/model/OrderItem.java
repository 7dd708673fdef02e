package io.msklambda.model;

/**
 * One line of an order.
 *
 * @param productId product number, 1..9999 for generated data
 * @param quantity units of that product, 1..10 for generated data
 */
public record OrderItem(int productId, int quantity) {}
