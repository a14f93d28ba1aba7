package dev.wuerstchen.backend.openvino;

import dev.wuerstchen.backend.openvino.capi.OvElementTypeCodes;
import java.util.EnumMap;
import java.util.Map;

/**
 * The two numberings of {@code ov_element_type_e} (spec §A.3.2): OpenVINO 2024.2 inserted U2, U3,
 * U6 and STRING after U1, shifting every later value. Which one a runtime's tensors use is detected
 * when it is loaded ({@link OpenVinoRuntime#tensorTypes()}), never assumed; its ports follow from that
 * and the release ({@link #forPorts}).
 */
public enum ElementTypeNumbering {
    /** OpenVINO 2023.x to 2024.1. */
    BEFORE_2024_2(ElementType.UNDEFINED, ElementType.DYNAMIC, ElementType.BOOLEAN, ElementType.BF16, ElementType.F16,
            ElementType.F32, ElementType.F64, ElementType.I4, ElementType.I8, ElementType.I16, ElementType.I32,
            ElementType.I64, ElementType.U1, ElementType.U4, ElementType.U8, ElementType.U16, ElementType.U32,
            ElementType.U64, ElementType.NF4, ElementType.F8E4M3, ElementType.F8E5M2),
    /** OpenVINO 2024.2 and later. */
    SINCE_2024_2(ElementType.values());

    private final ElementType[] byCode;
    private final Map<ElementType, Integer> codes = new EnumMap<>(ElementType.class);

    ElementTypeNumbering(ElementType... byCode) {
        this.byCode = byCode;
        for (int i = 0; i < byCode.length; i++) {
            codes.put(byCode[i], i);
        }
    }

    /** The C value of {@code type}; throws if this numbering has none. */
    public int code(ElementType type) {
        Integer c = codes.get(type);
        if (c == null) {
            throw new IllegalArgumentException("element type " + type + " does not exist in OpenVINO releases "
                    + (this == BEFORE_2024_2 ? "before 2024.2" : "since 2024.2"));
        }
        return c;
    }

    /** The type of a C value; {@link ElementType#UNDEFINED} for values this numbering does not define. */
    public ElementType type(int code) {
        return code >= 0 && code < byCode.length ? byCode[code] : ElementType.UNDEFINED;
    }

    /** {@code as before 2024.2} or {@code as since 2024.2}, for reports. */
    public String label() {
        return this == BEFORE_2024_2 ? "as before 2024.2" : "as since 2024.2";
    }

    /** The numbering a release's tensors use according to its version (the probe in {@link OpenVinoRuntime} decides). */
    public static ElementTypeNumbering forVersion(OpenVinoVersion v) {
        return v.atLeast(2024, 2) ? SINCE_2024_2 : BEFORE_2024_2;
    }

    /**
     * The numbering of {@code ov_port_get_element_type} on a runtime whose tensors use {@code tensors}.
     * They agree on every release but 2024.1: PR #23279 (in 2024.1) inserted u2, u3 and u6 into the C++
     * element-type enum, and ports returned that enum cast to the C type until PR #24608 (2024.2) made
     * them convert, while tensors kept the old C numbering until 2024.2. So 2024.1 ports report the new
     * codes to a runtime whose tensor probe says old (codes 0 to 12, undefined to u1 with f32, f16, bf16,
     * i64, i32, i8 and boolean among them, mean the same in both).
     */
    public static ElementTypeNumbering forPorts(ElementTypeNumbering tensors, OpenVinoVersion v) {
        return v.year() == 2024 && v.minor() == 1 ? SINCE_2024_2 : tensors;
    }

    /**
     * The numbering in which a 1-element tensor of type code {@link OvElementTypeCodes#PROBE_CODE}
     * takes {@code byteSize} bytes: 1 (u8) since 2024.2, 8 (u64) before; null for anything else.
     */
    public static ElementTypeNumbering fromProbe(long byteSize) {
        if (byteSize == 1) {
            return SINCE_2024_2;
        }
        return byteSize == 8 ? BEFORE_2024_2 : null;
    }
}
