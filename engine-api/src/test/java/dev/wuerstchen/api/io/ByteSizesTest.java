package dev.wuerstchen.api.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ByteSizesTest {

    @Test
    void eachRangeHasItsUnit() {
        assertEquals("0 B", ByteSizes.human(0));
        assertEquals("1023 B", ByteSizes.human(1023));
        assertEquals("1.0 KiB", ByteSizes.human(1024));
        assertEquals("1.5 MiB", ByteSizes.human(3L << 19));
        assertEquals("1.0 MiB", ByteSizes.human((1L << 20) - 1), "not 1024.0 KiB");
        assertEquals("1.00 GiB", ByteSizes.human((1L << 30) - 1), "not 1024.0 MiB");
        assertEquals("5.80 GiB", ByteSizes.human(6_227_179_613L));
        assertEquals("2.00 TiB", ByteSizes.human(2L << 40));
        assertEquals("2048.00 TiB", ByteSizes.human(2L << 50));
    }
}
