package dev.wuerstchen.backend.openvino.capi;

/**
 * {@code ov_element_type_e} values (spec §A.3.2). OpenVINO 2024.2 inserted U2, U3, U6 and STRING
 * after U1, which renumbered every later enumerator ({@code U8} moved from 14 to 17). Values 0–12
 * are the same in every release; for the rest, use the table of the numbering detected at run time.
 */
public final class OvElementTypeCodes {

    private OvElementTypeCodes() {
    }

    public static final int UNDEFINED = 0;
    public static final int DYNAMIC = 1;
    public static final int BOOLEAN = 2;
    public static final int BF16 = 3;
    public static final int F16 = 4;
    public static final int F32 = 5;
    public static final int F64 = 6;
    public static final int I4 = 7;
    public static final int I8 = 8;
    public static final int I16 = 9;
    public static final int I32 = 10;
    public static final int I64 = 11;
    public static final int U1 = 12;

    /** The numbering of OpenVINO 2024.2 and later. */
    public static final class Since2024_2 {
        private Since2024_2() {
        }

        public static final int U2 = 13;
        public static final int U3 = 14;
        public static final int U4 = 15;
        public static final int U6 = 16;
        public static final int U8 = 17;
        public static final int U16 = 18;
        public static final int U32 = 19;
        public static final int U64 = 20;
        public static final int NF4 = 21;
        public static final int F8E4M3 = 22;
        /** Spelled as in the header; means f8e5m2. */
        public static final int F8E5M3 = 23;
        public static final int STRING = 24;
        public static final int F4E2M1 = 25;
        public static final int F8E8M0 = 26;
    }

    /** The numbering of OpenVINO 2023.x to 2024.1. */
    public static final class Before2024_2 {
        private Before2024_2() {
        }

        public static final int U4 = 13;
        public static final int U8 = 14;
        public static final int U16 = 15;
        public static final int U32 = 16;
        public static final int U64 = 17;
        public static final int NF4 = 18;
        public static final int F8E4M3 = 19;
        /** Spelled as in the header; means f8e5m2. */
        public static final int F8E5M3 = 20;
    }

    /** The code whose byte size tells the numberings apart: U8 (1 byte) since 2024.2, U64 (8 bytes) before. */
    public static final int PROBE_CODE = 17;
}
