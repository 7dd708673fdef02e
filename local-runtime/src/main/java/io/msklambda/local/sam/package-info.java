/**
 * The SAM template read as SAM and CloudFormation read it: functions with Globals, parameters, intrinsic functions
 * and conditions resolved, the MSK event's properties, the functions' code (a module or a built artifact) and their
 * roles' policies. Reads the template only; starts nothing.
 *
 * <p>Must not import: {@code io.msklambda.local.pipeline}, {@code io.msklambda.local.stack},
 * {@code io.msklambda.local.cli}, {@code io.msklambda.local.invoke}, {@code io.msklambda.local.kafka.iam}.
 */
package io.msklambda.local.sam;
