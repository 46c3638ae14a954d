package dev.upbook.steps.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CappedOutputTests {

    @Test
    void outputWithinTheLimitIsKeptWhole() {
        CappedOutput out = new CappedOutput(10);
        out.write("0123456789".getBytes(StandardCharsets.UTF_8), 0, 10);
        assertEquals("0123456789", out.text());
        assertEquals(0, out.dropped());
    }

    @Test
    void beyondTheLimitTheFirstAndLastHalvesAreKeptAndTheRestCounted() {
        CappedOutput out = new CappedOutput(6);
        byte[] bytes = "abcdefghijklmnop".getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        assertEquals("abc\n… 10 bytes dropped …\nnop", out.text());
        assertEquals(16, out.total());
    }

    @Test
    void aZeroLimitKeepsNothingButCounts() {
        CappedOutput out = new CappedOutput(0);
        out.write(new byte[5], 0, 5);
        assertEquals("… 5 bytes dropped …\n", out.text());
    }

    /** Writes in random pieces and compares with the head and tail cut from everything written. */
    @Test
    void anySequenceOfWritesKeepsExactlyTheHeadAndTheTail() {
        Random random = new Random(20240611);
        for (int run = 0; run < 500; run++) {
            int limit = random.nextInt(40);
            CappedOutput out = new CappedOutput(limit);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            int writes = random.nextInt(12);
            for (int w = 0; w < writes; w++) {
                byte[] piece = new byte[random.nextInt(30)];
                for (int i = 0; i < piece.length; i++) piece[i] = (byte) ('a' + random.nextInt(26));
                int offset = piece.length == 0 ? 0 : random.nextInt(piece.length);
                out.write(piece, offset, piece.length - offset);
                all.write(piece, offset, piece.length - offset);
            }
            assertEquals(expected(all.toByteArray(), limit), out.text(), "run " + run + ", limit " + limit);
        }
    }

    private static String expected(byte[] all, int limit) {
        if (all.length <= limit) return new String(all, StandardCharsets.UTF_8);
        int head = limit / 2;
        String first = new String(Arrays.copyOf(all, head), StandardCharsets.UTF_8);
        String last = new String(Arrays.copyOfRange(all, all.length - (limit - head), all.length), StandardCharsets.UTF_8);
        return first + (first.isEmpty() ? "" : "\n") + "… " + (all.length - limit) + " bytes dropped …\n" + last;
    }
}
