package dev.wuerstchen.bench;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * FLOPs of one forward call by {@link OpKind}, and how many ops of each kind ran.
 *
 * @param flops FLOPs per kind (every kind present, possibly 0)
 * @param calls op calls per kind
 */
public record FlopCount(Map<OpKind, Long> flops, Map<OpKind, Long> calls) {

    public FlopCount {
        flops = Collections.unmodifiableMap(complete(flops));
        calls = Collections.unmodifiableMap(complete(calls));
    }

    private static EnumMap<OpKind, Long> complete(Map<OpKind, Long> m) {
        EnumMap<OpKind, Long> c = new EnumMap<>(OpKind.class);
        for (OpKind k : OpKind.values()) {
            c.put(k, m.getOrDefault(k, 0L));
        }
        return c;
    }

    /** FLOPs of the multiply-add kinds (2 per MAC): the figure GFLOP/s is computed from. */
    public long multiplyAddFlops() {
        return flops.entrySet().stream().filter(e -> e.getKey().multiplyAdd()).mapToLong(Map.Entry::getValue).sum();
    }

    /** FLOPs of element-wise work, 1 per output element. */
    public long elementwiseFlops() {
        return flops.get(OpKind.ELEMENTWISE);
    }

    public long of(OpKind kind) {
        return flops.get(kind);
    }
}
