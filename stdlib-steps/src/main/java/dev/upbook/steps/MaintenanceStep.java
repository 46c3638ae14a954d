package dev.upbook.steps;

/** Step type {@code maintenance}: Takes the site offline or back online: swap a document root for a notice page, or the product's command. */
public final class MaintenanceStep extends DeclaredStepType {
    public MaintenanceStep() {
        super("maintenance", "Takes the site offline or back online: swap a document root for a notice page, or the product's command.", STEP,
                "Done when the site is already in the wanted mode.",
                req("mode", oneOf("on", "off"), "on = offline for users."),
                opt("method", oneOf("docroot", "command"), "command", "How."),
                opt("docroot", TEXT, "none", "With method docroot: the directory that is swapped."),
                opt("page", TEXT, "none", "With method docroot: the notice page content (a template)."),
                opt("command", TEXTS, "none", "With method command: argv, e.g. php artisan down."));
    }
}
