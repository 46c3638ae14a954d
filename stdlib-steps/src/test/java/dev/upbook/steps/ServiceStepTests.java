package dev.upbook.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.spi.CheckResult;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * service with real scripts that keep the service's state in a file: given commands, and a
 * stand-in for systemctl (the real one needs systemd, which the test container does not run).
 */
class ServiceStepTests {
    private final ServiceStep step = new ServiceStep();

    @TempDir
    Path dir;

    /** {@code svc.sh start|stop|restart|status}: state in the file {@code running}, every call logged. */
    @BeforeEach
    void serviceScript() throws IOException {
        Files.writeString(dir.resolve("svc.sh"), "cd \"$(dirname \"$0\")\"\necho \"$1\" >> calls.log\n"
                + "case \"$1\" in\n"
                + " start) touch running; echo 'Starting memcached: ok';;\n"
                + " slow-start) (sleep 0.5; touch running) >/dev/null 2>&1 & echo 'starting in the background';;\n"
                + " stop) rm -f running;;\n"
                + " broken-start) echo 'memcached: port 11211 in use' >&2; exit 1;;\n"
                + " status) if [ -f running ]; then echo 'memcached is running'; else echo 'memcached is stopped'; exit 3; fi;;\n"
                + "esac\n");
    }

    private FakeContext service(String action, String... actions) {
        Map<String, Object> commands = new LinkedHashMap<>();
        for (String a : actions) {
            String[] parts = a.split("=");
            commands.put(parts[0], List.of("sh", "svc.sh", parts.length > 1 ? parts[1] : parts[0]));
        }
        return new FakeContext(dir).with("name", "memcached").with("action", action).with("manager", "commands").with("commands", commands);
    }

    private List<String> calls() throws IOException {
        Path log = dir.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** upstart's {@code status JOB}: exit 0 whether the job runs or not; the state is in the words. */
    @Test
    void aRunningPatternReadsTheStateFromAStatusCommandThatAlwaysExitsZero() throws Exception {
        Files.writeString(dir.resolve("upstart.sh"), "cd \"$(dirname \"$0\")\"\necho \"$1\" >> calls.log\n"
                + "case \"$1\" in\n"
                + " start) touch running; echo 'mattermost start/running, process 42';;\n"
                + " stop) rm -f running; echo 'mattermost stop/waiting';;\n"
                + " status) if [ -f running ]; then echo 'mattermost start/running, process 42'; else echo 'mattermost stop/waiting'; fi;;\n"
                + "esac\n");
        Map<String, Object> commands = new LinkedHashMap<>();
        for (String a : List.of("start", "stop", "status")) commands.put(a, List.of("sh", "upstart.sh", a));
        FakeContext start = new FakeContext(dir).with("name", "mattermost").with("action", "start").with("manager", "commands")
                .with("commands", commands).with("running-pattern", "start/running");

        StepResult started = step.run(start);
        assertEquals("started mattermost; it is running (mattermost start/running, process 42)", started.message());
        assertEquals(List.of("status", "start", "status"), calls(), "stopped although status exited 0: started");
        assertEquals("mattermost is already running (mattermost start/running, process 42)", step.run(start).message());

        FakeContext stop = new FakeContext(dir).with("name", "mattermost").with("action", "stop").with("manager", "commands")
                .with("commands", commands).with("running-pattern", "start/running");
        assertEquals("stopped mattermost; it is stopped (mattermost stop/waiting)", step.run(stop).message());
        assertTrue(step.check(stop).passed(), "the check sees it stopped");
        assertFalse(step.check(start).passed());

        FakeContext withoutPattern = new FakeContext(dir).with("name", "mattermost").with("action", "start").with("manager", "commands")
                .with("commands", commands);
        assertEquals("mattermost is already running (mattermost stop/waiting)", step.run(withoutPattern).message(),
                "without the pattern, exit 0 is taken for running: the reason the parameter exists");

        FakeContext bad = new FakeContext(dir).with("name", "mattermost").with("action", "start").with("manager", "commands")
                .with("commands", commands).with("running-pattern", "start/(running");
        Parameters.ParameterException e = assertThrows(Parameters.ParameterException.class, () -> step.run(bad));
        assertTrue(e.getMessage().contains("running-pattern"), e.getMessage());
    }

    @Test
    void runsAsStepAndCheck() {
        assertTrue(step.canRun(Use.STEP) && step.canRun(Use.CHECK));
    }

    @Test
    void startStartsAStoppedServiceAndVerifiesIt() throws Exception {
        StepResult result = step.run(service("start", "start", "stop", "status"));
        assertEquals(StepResult.succeeded("started memcached; it is running (memcached is running)",
                "memcached is stopped\nStarting memcached: ok\nmemcached is running",
                Map.of("name", "memcached", "running", true, "state", "memcached is running", "changed", true)), result);
        assertEquals(List.of("status", "start", "status"), calls());
    }

    @Test
    void startAndStopLeaveAServiceAlreadyInThatStateAlone() throws Exception {
        Files.createFile(dir.resolve("running"));
        StepResult start = step.run(service("start", "start", "stop", "status"));
        assertEquals("memcached is already running (memcached is running)", start.message());
        assertEquals(false, ((Map<?, ?>) start.value()).get("changed"));
        step.run(service("stop", "start", "stop", "status"));
        StepResult stop = step.run(service("stop", "start", "stop", "status"));
        assertEquals("memcached is already stopped (memcached is stopped)", stop.message());
        assertEquals(List.of("status", "status", "stop", "status", "status"), calls());
    }

    @Test
    void restartWithoutARestartCommandIsStopThenStart() throws Exception {
        Files.createFile(dir.resolve("running"));
        StepResult result = step.run(service("restart", "start", "stop", "status"));
        assertTrue(result.succeeded(), result.message());
        assertEquals(List.of("stop", "start", "status"), calls());
    }

    @Test
    void restartUsesTheRestartCommandWhenGiven() throws Exception {
        assertTrue(step.run(service("restart", "restart=start", "status")).succeeded());
        assertEquals(List.of("start", "status"), calls());
    }

    @Test
    void aServiceThatComesUpLateIsAwaited() throws Exception {
        StepResult result = step.run(service("start", "start=slow-start", "status"));
        assertTrue(result.succeeded(), result.message());
        assertEquals(true, ((Map<?, ?>) result.value()).get("running"));
    }

    @Test
    void aFailingStartShowsTheCommandAndItsLastLine() throws Exception {
        StepResult result = step.run(service("start", "start=broken-start", "status"));
        assertEquals(StepResult.failed("start memcached: sh svc.sh broken-start exited 1: memcached: port 11211 in use",
                "memcached is stopped\nmemcached: port 11211 in use"), result);
    }

    @Test
    void aStartThatDoesNotBringTheServiceUpFails() throws Exception {
        StepResult result = step.run(service("start", "start=stop", "status").timeout(java.time.Duration.ofSeconds(1)));
        assertFalse(result.succeeded());
        assertEquals("started memcached, but after 1s it is stopped (memcached is stopped)", result.message());
    }

    @Test
    void withoutAStatusCommandTheActionAlwaysRuns() throws Exception {
        StepResult result = step.run(service("start", "start"));
        assertEquals("started memcached (no status command to verify it)", result.message());
        assertEquals(Map.of("name", "memcached", "changed", true), result.value());
        step.run(service("start", "start"));
        assertEquals(List.of("start", "start"), calls());
    }

    @Test
    void statusReportsEitherWayAndTheCheckJudgesIt() throws Exception {
        StepResult status = step.run(service("status", "status"));
        assertEquals("memcached is stopped (memcached is stopped)", status.message());
        assertEquals(false, ((Map<?, ?>) status.value()).get("running"));
        CheckResult running = step.check(service("status", "status"));
        assertEquals(CheckResult.fail("memcached is stopped (memcached is stopped), expected running",
                Map.of("name", "memcached", "running", false, "state", "memcached is stopped", "changed", false)), running);
        assertTrue(step.check(service("stop", "status")).passed());
        Files.createFile(dir.resolve("running"));
        assertTrue(step.check(service("start", "status")).passed());
        assertFalse(step.check(service("stop", "status")).passed());
    }

    @Test
    void missingOrUnknownCommandsAreNamed() {
        assertEquals("commands.start", assertThrows(Parameters.ParameterException.class,
                () -> step.run(service("start", "status"))).parameter());
        assertEquals("commands.status", assertThrows(Parameters.ParameterException.class,
                () -> step.run(service("status", "start"))).parameter());
        assertEquals("commands.reload", assertThrows(Parameters.ParameterException.class,
                () -> step.run(service("start", "start", "reload"))).parameter());
        FakeContext emptyArgv = new FakeContext(dir).with("name", "x").with("action", "start").with("manager", "commands")
                .with("commands", Map.of("start", List.of()));
        assertEquals("commands.start", assertThrows(Parameters.ParameterException.class, () -> step.run(emptyArgv)).parameter());
    }

    @Test
    void aProgramThatIsNotInstalledIsNamed() throws Exception {
        FakeContext context = new FakeContext(dir).with("name", "x").with("action", "start").with("manager", "commands")
                .with("commands", Map.of("start", List.of("no-such-service-ctl", "start")));
        assertEquals(StepResult.failed("program 'no-such-service-ctl' not found"), step.run(context));
    }

    /** A stand-in for systemctl: is-active/start/stop/restart on UNIT.active files, every call logged. */
    private ServiceStep withFakeSystemctl() throws IOException {
        Path script = dir.resolve("systemctl");
        Files.writeString(script, "#!/bin/sh\ncd '" + dir + "'\necho \"$*\" >> systemctl.log\n"
                + "case \"$1\" in\n"
                + " is-active) if [ -f \"$2.active\" ]; then echo active; else echo inactive; exit 3; fi;;\n"
                + " start|restart) touch \"$2.active\";;\n"
                + " stop) rm -f \"$2.active\";;\n"
                + "esac\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new ServiceStep(script.toString());
    }

    @Test
    void systemctlIsAskedWithIsActiveAndDrivenWithTheUnitName() throws Exception {
        ServiceStep systemd = withFakeSystemctl();
        FakeContext start = new FakeContext(dir).with("name", "php8.2-fpm.service").with("action", "start");
        assertEquals("started php8.2-fpm.service; it is running (active)", systemd.run(start).message());
        assertEquals("php8.2-fpm.service is already running (active)", systemd.run(start).message());
        FakeContext stop = new FakeContext(dir).with("name", "php8.2-fpm.service").with("action", "stop");
        assertEquals("stopped php8.2-fpm.service; it is stopped (inactive)", systemd.run(stop).message());
        assertTrue(systemd.run(new FakeContext(dir).with("name", "php8.2-fpm.service").with("action", "restart")).succeeded());
        assertEquals(List.of("is-active php8.2-fpm.service", "start php8.2-fpm.service", "is-active php8.2-fpm.service",
                "is-active php8.2-fpm.service", "is-active php8.2-fpm.service", "stop php8.2-fpm.service",
                "is-active php8.2-fpm.service", "restart php8.2-fpm.service", "is-active php8.2-fpm.service"),
                Files.readAllLines(dir.resolve("systemctl.log")));
    }

    @Test
    void aUnitNameThatLooksLikeAnOptionIsRefused() {
        assertEquals("name", assertThrows(Parameters.ParameterException.class,
                () -> step.run(new FakeContext(dir).with("name", "--all").with("action", "stop"))).parameter());
    }

    @Test
    void describeSaysWhatWouldRun() {
        assertEquals("service restart memcached (systemctl)",
                step.describe(new Parameters(Map.of("name", "memcached", "action", "restart"))));
        assertEquals("service stop memcached: run sh svc.sh stop", step.describe(new Parameters(Map.of("name", "memcached",
                "action", "stop", "manager", "commands", "commands", Map.of("stop", List.of("sh", "svc.sh", "stop"))))));
    }
}
