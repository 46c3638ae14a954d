package dev.upbook.run;

import dev.upbook.journal.Journal.ReviewRecord;
import dev.upbook.journal.Journal.ReviewState;
import java.util.List;

/** The review table printed after the last step and by {@code upbook review}: one line per item. */
public final class ReviewTable {
    private ReviewTable() {}

    public static String render(List<ReviewRecord> items) {
        StringBuilder sb = new StringBuilder("Review:");
        int idWidth = items.stream().mapToInt(r -> r.itemId().length()).max().orElse(0);
        for (ReviewRecord r : items) {
            sb.append("\n  ").append(mark(r.state())).append(' ')
                    .append(String.format("%-" + idWidth + "s", r.itemId())).append("  ")
                    .append(r.state().label()).append(r.blocking() ? "" : " (advisory)").append("  ").append(r.title());
            if (!r.detail().isEmpty()) sb.append(" — ").append(oneLine(r.detail()));
            r.decidedBy().ifPresent(by -> sb.append(" [").append(r.state() == ReviewState.REJECTED ? "rejected" : "signed off")
                    .append(" by ").append(by).append(r.note().isEmpty() ? "" : ": " + oneLine(r.note())).append(']'));
        }
        return sb.toString();
    }

    static String mark(ReviewState state) {
        switch (state) {
            case PASSED: case SIGNED_OFF: return "✔";
            case FAILED: case REJECTED: return "✘";
            case SKIPPED: return "-";
            default: return "…";
        }
    }

    private static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 160 ? line : line.substring(0, 157) + "...";
    }
}
