package dev.wuerstchen.backend.openvino.capi;

/**
 * The one {@code ov_element_type_e} value the binding uses before it knows the runtime's numbering
 * (spec §A.3.2; the numberings themselves are {@code ElementTypeNumbering}). OpenVINO 2024.2
 * inserted U2, U3, U6 and STRING after U1, which renumbered every later enumerator.
 */
public final class OvElementTypeCodes {

    private OvElementTypeCodes() {
    }

    /** The code whose byte size tells the numberings apart: U8 (1 byte) since 2024.2, U64 (8 bytes) before. */
    public static final int PROBE_CODE = 17;
}
