package dev.wuerstchen.backend.openvino;

import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_INT64;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_POINTER;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.DIMENSION_MAX;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.DIMENSION_MIN;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.OV_DIMENSION;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.OV_PARTIAL_SHAPE;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.PARTIAL_SHAPE_DIMS;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.PARTIAL_SHAPE_RANK;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * A shape whose rank or dimensions may be dynamic, as {@code ov_partial_shape_t} encodes it
 * (spec §A.5.4): a static dimension d is {d, d}, a fully dynamic one {0, -1}, a bounded one {a, b},
 * {a, -1} has only a lower bound. Staticness is decided here ({@code min == max >= 0}), not by the C
 * helpers, which call size-0 dimensions and scalars dynamic.
 *
 * @param dynamicRank whether even the rank is unknown ({@code dims} is then empty)
 */
public record PartialShape(boolean dynamicRank, List<Dimension> dims) {

    /** One dimension: {@code max == -1} means unbounded. */
    public record Dimension(long min, long max) {
        public static final Dimension DYNAMIC = new Dimension(0, -1);

        public static Dimension of(long d) {
            return new Dimension(d, d);
        }

        public boolean isStatic() {
            return min == max && min >= 0;
        }

        @Override
        public String toString() {
            if (isStatic()) {
                return Long.toString(min);
            }
            if (max < 0) {
                return min <= 0 ? "?" : min + "..";
            }
            return min + ".." + max;
        }
    }

    public PartialShape {
        dims = List.copyOf(dims);
    }

    /** A static shape. */
    public static PartialShape of(long... dims) {
        List<Dimension> d = new ArrayList<>();
        for (long x : dims) {
            d.add(Dimension.of(x));
        }
        return new PartialShape(false, d);
    }

    public int rank() {
        if (dynamicRank) {
            throw new IllegalStateException("the rank of " + this + " is dynamic");
        }
        return dims.size();
    }

    public boolean isStatic() {
        return !dynamicRank && dims.stream().allMatch(Dimension::isStatic);
    }

    /** The dimensions of a static shape; throws for a dynamic one. */
    public long[] toStatic() {
        if (!isStatic()) {
            throw new IllegalStateException("shape " + this + " is not static");
        }
        return dims.stream().mapToLong(Dimension::min).toArray();
    }

    /** Whether a static shape fits this one (same rank, each dimension within bounds). */
    public boolean accepts(long[] shape) {
        if (dynamicRank) {
            return true;
        }
        if (shape.length != dims.size()) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            Dimension d = dims.get(i);
            if (shape[i] < d.min() || d.max() >= 0 && shape[i] > d.max()) {
                return false;
            }
        }
        return true;
    }

    /** Reads a filled {@code ov_partial_shape_t} (not freeing it). */
    static PartialShape read(MemorySegment ps) {
        long rankMin = ps.get(C_INT64, PARTIAL_SHAPE_RANK + DIMENSION_MIN);
        long rankMax = ps.get(C_INT64, PARTIAL_SHAPE_RANK + DIMENSION_MAX);
        if (rankMin != rankMax || rankMax < 0) {
            return new PartialShape(true, List.of());
        }
        MemorySegment dims = ps.get(C_POINTER, PARTIAL_SHAPE_DIMS).reinterpret(rankMax * OV_DIMENSION.byteSize());
        List<Dimension> out = new ArrayList<>();
        for (long i = 0; i < rankMax; i++) {
            long base = i * OV_DIMENSION.byteSize();
            out.add(new Dimension(dims.get(C_INT64, base + DIMENSION_MIN), dims.get(C_INT64, base + DIMENSION_MAX)));
        }
        return new PartialShape(false, out);
    }

    /** Writes this shape into {@code target} (an {@code ov_partial_shape_t}), dims allocated in {@code arena}. */
    void write(Arena arena, MemorySegment target) {
        if (dynamicRank) {
            target.set(C_INT64, PARTIAL_SHAPE_RANK + DIMENSION_MIN, 0);
            target.set(C_INT64, PARTIAL_SHAPE_RANK + DIMENSION_MAX, -1);
            target.set(C_POINTER, PARTIAL_SHAPE_DIMS, MemorySegment.NULL);
            return;
        }
        MemorySegment d = arena.allocate(OV_DIMENSION, Math.max(dims.size(), 1));
        for (int i = 0; i < dims.size(); i++) {
            long base = i * OV_DIMENSION.byteSize();
            d.set(C_INT64, base + DIMENSION_MIN, dims.get(i).min());
            d.set(C_INT64, base + DIMENSION_MAX, dims.get(i).max());
        }
        target.set(C_INT64, PARTIAL_SHAPE_RANK + DIMENSION_MIN, dims.size());
        target.set(C_INT64, PARTIAL_SHAPE_RANK + DIMENSION_MAX, dims.size());
        target.set(C_POINTER, PARTIAL_SHAPE_DIMS, d);
    }

    /** A new {@code ov_partial_shape_t} holding this shape. */
    MemorySegment toNative(Arena arena) {
        MemorySegment ps = arena.allocate(OV_PARTIAL_SHAPE);
        write(arena, ps);
        return ps;
    }

    /** Like OpenVINO prints it: {@code [?,4]}, {@code [...]} for a dynamic rank. */
    @Override
    public String toString() {
        if (dynamicRank) {
            return "[...]";
        }
        StringJoiner j = new StringJoiner(",", "[", "]");
        dims.forEach(d -> j.add(d.toString()));
        return j.toString();
    }
}
