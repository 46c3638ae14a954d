/**
 * Helpers of the built-in step types (process running, output capping, sizes, permissions).
 * Private API: third-party step types must not depend on it; it changes without notice.
 */
package dev.upbook.steps.internal;
