package dev.upbook.steps.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteSizesTests {

    @Test
    void decimalAndBinaryUnits() {
        assertEquals(Optional.of(2L << 30), ByteSizes.parse("2GiB"));
        assertEquals(Optional.of(500_000_000L), ByteSizes.parse("500MB"));
        assertEquals(Optional.of(1_500L), ByteSizes.parse("1.5 kb"));
        assertEquals(Optional.of(3L << 40), ByteSizes.parse("3TiB"));
        assertEquals(Optional.of(4096L), ByteSizes.parse("4096"));
        assertEquals(Optional.of(100L), ByteSizes.parse("100 bytes"));
    }

    @Test
    void notASize() {
        assertEquals(Optional.empty(), ByteSizes.parse("lots"));
        assertEquals(Optional.empty(), ByteSizes.parse("2 GiBs"));
        assertEquals(Optional.empty(), ByteSizes.parse("0.5 bytes"));
        assertEquals(Optional.empty(), ByteSizes.parse("99999999999TiB"));
    }

    @Test
    void formatsForPeople() {
        assertEquals("512 bytes", ByteSizes.format(512));
        assertEquals("1.5 KiB", ByteSizes.format(1536));
        assertEquals("2.0 GiB", ByteSizes.format(2L << 30));
        assertEquals("120 GiB", ByteSizes.format(120L << 30));
    }
}
