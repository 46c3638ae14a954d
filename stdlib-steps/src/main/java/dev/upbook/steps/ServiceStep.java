package dev.upbook.steps;

/** Step type {@code service}: Starts, stops, restarts or queries a service through systemctl or given commands. */
public final class ServiceStep extends DeclaredStepType {
    public ServiceStep() {
        super("service", "Starts, stops, restarts or queries a service through systemctl or given commands.", STEP_AND_CHECK,
                "start/stop are done when the service is already in that state.",
                req("name", TEXT, "The service, e.g. memcached.service."),
                req("action", oneOf("start", "stop", "restart", "status"), "What to do."),
                opt("manager", oneOf("systemctl", "commands"), "systemctl", "How to control it."),
                opt("commands", ANY_MAP, "{}", "With manager: commands, argv lists per action (start, stop, status)."));
    }
}
