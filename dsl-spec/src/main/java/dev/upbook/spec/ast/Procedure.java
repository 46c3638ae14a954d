package dev.upbook.spec.ast;

import dev.upbook.spec.SourceRef;

/**
 * The {@code procedure} of a playbook that does not upgrade: its {@code pre} and {@code post} steps
 * run once on an installation that keeps its version (moving a server, say), which must lie in
 * {@code at}.
 *
 * @param at where the {@code procedure} key is
 * @param range the {@code at} key: the versions the installation may be at ({@code *} when absent)
 * @param reason why; shown to operators when the installation is at another version
 */
public record Procedure(SourceRef at, String title, String description, Text range, String reason) {}
