package dev.upbook.report.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything a report says about one run, read once from the journal by {@link RunReports#from}
 * and rendered by a {@link RunReportWriter} per format. All texts are as the journal holds them:
 * already masked.
 *
 * @param hops the path taken, from the run's plan
 * @param review the review items, in plan order
 * @param steps every step instance, in plan order
 */
public record RunReport(Run run, List<Hop> hops, List<ReviewItem> review, List<Step> steps, List<Capture> captures,
        List<Decision> decisions) {

    public RunReport {
        hops = List.copyOf(hops);
        review = List.copyOf(review);
        steps = List.copyOf(steps);
        captures = List.copyOf(captures);
        decisions = List.copyOf(decisions);
    }

    /** The run itself; {@code status} is the status label ({@code needs-review}). */
    public record Run(long id, String installation, String product, String productTitle, String playbook, String from,
            String to, String planHash, String owner, Instant started, Optional<Instant> ended, String status,
            String message) {

        /** The product as people read it: {@code Hello site (hello)}, or just the name. */
        public String productName() {
            return productTitle.isBlank() || productTitle.equals(product) ? product : productTitle + " (" + product + ")";
        }

        public Optional<Duration> duration() {
            return ended.map(e -> Duration.between(started, e));
        }
    }

    /** One hop of the path taken. */
    public record Hop(String id, String from, String to, String title, boolean irreversible) {}

    /**
     * A review item; {@code evidenceJson} holds the values compared as JSON, {@code evidence} the
     * same in words; {@code decidedBy} is the signer's name.
     */
    public record ReviewItem(String id, String title, Optional<String> hop, String severity, String kind, String state,
            String detail, String evidenceJson, String evidence, Optional<Instant> evaluated, Optional<String> decidedBy,
            Optional<Instant> decided, String note) {

        public boolean blocking() {
            return severity.equals("blocking");
        }

        /** Failed or rejected: the review did not accept it. */
        public boolean failed() {
            return state.equals("failed") || state.equals("rejected");
        }
    }

    /** A step instance: state label ({@code succeeded}), timings, the last message and masked output excerpt. */
    public record Step(int seq, String id, String title, String phase, String type, String state, int attempts,
            int passes, Optional<Instant> started, Optional<Instant> ended, String message, String output) {

        public Optional<Duration> duration() {
            return started.isPresent() && ended.isPresent() && !ended.get().isBefore(started.get())
                    ? Optional.of(Duration.between(started.get(), ended.get())) : Optional.empty();
        }
    }

    /** A value captured before the first step, as JSON, with its detail. */
    public record Capture(String id, String title, String valueJson, String detail, Instant at) {}

    /** An operator decision; {@code kind} is its label ({@code sign-off}), {@code step} the step or item it is about. */
    public record Decision(String kind, Optional<String> step, String reason, String by, Instant at) {}
}
