package dev.wuerstchen.api.noise;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Hands out recorded draws in order (for example {@code noise.0000}, {@code noise.0001}, ... of a
 * golden reference set), so a Java run sees exactly the noise a reference run saw. Every request must
 * ask for the shape that was recorded at that position; a mismatch or a request past the end is an
 * error that names the draw. Not thread-safe.
 */
public final class ReplayNoise implements NoiseSource {

    private final int count;
    private final IntFunction<HostTensor> draws;
    private int consumed;

    /**
     * Replays {@code count} draws; {@code draws.apply(i)} supplies draw {@code i} when it is first
     * requested (so large recordings can be read lazily).
     */
    public ReplayNoise(int count, IntFunction<HostTensor> draws) {
        if (count < 0) {
            throw new IllegalArgumentException("ReplayNoise: the number of recorded draws must be ≥ 0, got " + count + ".");
        }
        this.count = count;
        this.draws = Objects.requireNonNull(draws, "draws");
    }

    /** Replays the given draws in list order. */
    public static ReplayNoise of(List<HostTensor> draws) {
        List<HostTensor> copy = List.copyOf(draws);
        return new ReplayNoise(copy.size(), copy::get);
    }

    /** Replays the given draws in argument order. */
    public static ReplayNoise of(HostTensor... draws) {
        return of(List.of(draws));
    }

    @Override
    public HostTensor next(Shape shape) {
        if (consumed >= count) {
            throw new IllegalStateException("ReplayNoise: draw " + consumed + " of shape " + shape
                    + " was requested but only " + count + " draws were recorded. The run asks for more noise than the"
                    + " reference run drew; check the step counts and that each step draws at most once.");
        }
        int index = consumed;
        HostTensor recorded = draws.apply(index);
        if (recorded == null) {
            throw new IllegalStateException("ReplayNoise: the supplier returned no tensor for draw " + index
                    + ". It must supply every index below " + count + ".");
        }
        if (recorded.dtype() != DType.F32) {
            throw new IllegalStateException("ReplayNoise: recorded draw " + index + " is " + recorded.dtype()
                    + ", not F32. Record noise as float32 tensors.");
        }
        if (!recorded.shape().equals(shape)) {
            throw new ShapeMismatchException("ReplayNoise draw " + index,
                    "the recorded shape " + recorded.shape(), "a request for " + shape);
        }
        consumed++;
        return recorded;
    }

    /** How many draws have been handed out. */
    public int consumed() {
        return consumed;
    }

    /** How many draws were recorded. */
    public int size() {
        return count;
    }

    /** How many recorded draws have not been handed out yet. */
    public int remaining() {
        return count - consumed;
    }
}
