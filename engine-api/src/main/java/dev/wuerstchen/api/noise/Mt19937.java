package dev.wuerstchen.api.noise;

/**
 * The 32-bit Mersenne Twister (Matsumoto and Nishimura, 1998) with the standard {@code init_genrand}
 * seeding: the engine behind PyTorch's CPU generator and C++'s {@code std::mt19937}. Not thread-safe.
 */
final class Mt19937 {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] state = new int[N];
    private int index;

    /** Seeds with the low 32 bits of {@code seed}, as {@code torch.Generator.manual_seed} does. */
    Mt19937(long seed) {
        state[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            int prev = state[i - 1];
            state[i] = 1812433253 * (prev ^ (prev >>> 30)) + i; // int overflow is the mod 2^32 of the definition
        }
        index = N;
    }

    /** The next output as the low 32 bits of an int (read it with {@link Integer#toUnsignedLong}). */
    int nextInt() {
        if (index >= N) {
            twist();
        }
        int y = state[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (state[i] & UPPER_MASK) | (state[(i + 1) % N] & LOWER_MASK);
            int next = state[(i + M) % N] ^ (y >>> 1);
            state[i] = (y & 1) == 0 ? next : next ^ MATRIX_A;
        }
        index = 0;
    }
}
