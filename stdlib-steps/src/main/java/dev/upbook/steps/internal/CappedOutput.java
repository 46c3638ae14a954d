package dev.upbook.steps.internal;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An output stream that keeps the first half and the last half of at most {@code limit} bytes and
 * counts what it dropped in between, so a chatty program cannot fill the memory or the journal
 * while its beginning (the command echo) and its end (the error) survive. Memory grows with what
 * is written, not with the limit. Thread-safe: a pump thread writes while the caller may read.
 */
public final class CappedOutput extends OutputStream {
    private static final int FIRST_HEAD_SIZE = 256;

    private final int headCapacity;
    private final int tailCapacity;
    private byte[] head = new byte[0];
    private int headLength;
    private byte[] tail;
    private int tailStart;
    private int tailLength;
    private long total;

    public CappedOutput(int limit) {
        if (limit < 0) throw new IllegalArgumentException("limit must be >= 0, not " + limit);
        this.headCapacity = limit / 2;
        this.tailCapacity = limit - headCapacity;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        total += length;
        int toHead = Math.min(length, headCapacity - headLength);
        if (toHead > 0) {
            growHead(headLength + toHead);
            System.arraycopy(bytes, offset, head, headLength, toHead);
            headLength += toHead;
            offset += toHead;
            length -= toHead;
        }
        if (length > 0 && tailCapacity > 0) appendToTail(bytes, offset, length);
    }

    private void growHead(int needed) {
        if (needed <= head.length) return;
        int size = Math.max(FIRST_HEAD_SIZE, head.length * 2);
        byte[] grown = new byte[Math.min(headCapacity, Math.max(size, needed))];
        System.arraycopy(head, 0, grown, 0, headLength);
        head = grown;
    }

    /** The tail is a ring buffer of the last {@code tailCapacity} bytes after the head. */
    private void appendToTail(byte[] bytes, int offset, int length) {
        if (tail == null) tail = new byte[tailCapacity];
        if (length >= tailCapacity) {
            System.arraycopy(bytes, offset + length - tailCapacity, tail, 0, tailCapacity);
            tailStart = 0;
            tailLength = tailCapacity;
            return;
        }
        int end = (tailStart + tailLength) % tailCapacity;
        int first = Math.min(length, tailCapacity - end);
        System.arraycopy(bytes, offset, tail, end, first);
        System.arraycopy(bytes, offset + first, tail, 0, length - first);
        int overflow = tailLength + length - tailCapacity;
        if (overflow > 0) {
            tailStart = (tailStart + overflow) % tailCapacity;
            tailLength = tailCapacity;
        } else {
            tailLength += length;
        }
    }

    /** Every byte written, kept or not. */
    public synchronized long total() {
        return total;
    }

    /** The bytes written but not kept. */
    public synchronized long dropped() {
        return total - headLength - tailLength;
    }

    /**
     * The kept output as UTF-8 text (malformed bytes replaced); when bytes were dropped, the head
     * and the tail are separated by a line {@code … N bytes dropped …}.
     */
    public synchronized String text() {
        String first = new String(head, 0, headLength, StandardCharsets.UTF_8);
        String last = new String(tailBytes(), StandardCharsets.UTF_8);
        long dropped = dropped();
        if (dropped == 0) return first + last;
        return first + (first.isEmpty() || first.endsWith("\n") ? "" : "\n")
                + "… " + dropped + " bytes dropped …\n" + last;
    }

    private byte[] tailBytes() {
        byte[] out = new byte[tailLength];
        if (tailLength == 0) return out;
        int first = Math.min(tailLength, tailCapacity - tailStart);
        System.arraycopy(tail, tailStart, out, 0, first);
        System.arraycopy(tail, 0, out, first, tailLength - first);
        return out;
    }
}
