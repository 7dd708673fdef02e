/**
 * The EventBridge schedule, emulated: each tick fans out to N concurrent producer invocations, with the events
 * EventBridge sends.
 *
 * <p>Must not import: {@code io.msklambda.local.pipeline}, {@code io.msklambda.local.stack},
 * {@code io.msklambda.local.cli}, {@code io.msklambda.local.trigger}, {@code io.msklambda.consumer}.
 */
package io.msklambda.local.schedule;
