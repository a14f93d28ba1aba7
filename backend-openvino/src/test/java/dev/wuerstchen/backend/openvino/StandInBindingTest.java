package dev.wuerstchen.backend.openvino;

import static dev.wuerstchen.backend.openvino.capi.OvLayouts.AVAILABLE_DEVICES_SIZE;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_BOOL;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_INT;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_SIZE_T;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.DIMENSION_MAX;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.OV_AVAILABLE_DEVICES;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.OV_DIMENSION;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.OV_PARTIAL_SHAPE;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.OV_SHAPE;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.OV_VERSION;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.PARTIAL_SHAPE_DIMS;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.SHAPE_DIMS;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.VERSION_DESCRIPTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.error.BackendUnavailableException;
import dev.wuerstchen.api.error.NativeCallException;
import dev.wuerstchen.backend.openvino.capi.MissingSymbolException;
import dev.wuerstchen.backend.openvino.capi.NativeFunction;
import dev.wuerstchen.backend.openvino.capi.OpenVinoC;
import dev.wuerstchen.backend.openvino.capi.OvStatus;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Loading, version, numbering detection, errors and layouts, checked against the C stand-in. */
class StandInBindingTest extends StandInTest {

    @Test
    void javaLayoutsMatchTheCCompilerAndTheSpec() {
        assertEquals(StandIn.layout("sizeof ov_dimension_t"), OV_DIMENSION.byteSize());
        assertEquals(StandIn.layout("offsetof ov_dimension_t.max"), DIMENSION_MAX);
        assertEquals(StandIn.layout("sizeof ov_shape_t"), OV_SHAPE.byteSize());
        assertEquals(StandIn.layout("offsetof ov_shape_t.dims"), SHAPE_DIMS);
        assertEquals(StandIn.layout("sizeof ov_partial_shape_t"), OV_PARTIAL_SHAPE.byteSize());
        assertEquals(StandIn.layout("offsetof ov_partial_shape_t.dims"), PARTIAL_SHAPE_DIMS);
        assertEquals(StandIn.layout("sizeof ov_version_t"), OV_VERSION.byteSize());
        assertEquals(StandIn.layout("offsetof ov_version_t.description"), VERSION_DESCRIPTION);
        assertEquals(StandIn.layout("sizeof ov_available_devices_t"), OV_AVAILABLE_DEVICES.byteSize());
        assertEquals(StandIn.layout("offsetof ov_available_devices_t.size"), AVAILABLE_DEVICES_SIZE);
        assertEquals(StandIn.layout("sizeof size_t"), C_SIZE_T.byteSize());
        assertEquals(StandIn.layout("sizeof bool"), C_BOOL.byteSize());
        assertEquals(StandIn.layout("sizeof ov_status_e"), C_INT.byteSize());
        // spec §A.2.2 sizes
        assertEquals(List.of(16L, 16L, 24L, 16L, 16L), List.of(OV_DIMENSION.byteSize(), OV_SHAPE.byteSize(),
                OV_PARTIAL_SHAPE.byteSize(), OV_VERSION.byteSize(), OV_AVAILABLE_DEVICES.byteSize()));
    }

    @Test
    void dependenciesArePreloadedInOrderSoTheLinkerChainResolves() {
        Path dir = StandIn.directory();
        RuntimeLocation.Found f = (RuntimeLocation.Found) new OpenVinoRuntimeLocator(
                OpenVinoRuntimeLocator.Environment.current()).locate(dir);
        assertEquals(List.of(dir.resolve("libtbb.so.12"), dir.resolve("libopenvino.so.9990")), f.preload());
        assertEquals(dir.resolve("libopenvino_c.so.9990"), f.cLibrary());
        assertEquals(42, StandIn.dependencyChain()); // libopenvino_c → libopenvino (+1) → TBB (41)
    }

    @Test
    void versionIsParsedFromTheBuildNumber() {
        assertEquals("2025.3.0", rt.version().release());
        assertTrue(rt.version().buildNumber().startsWith("2025.3.0-19807"));
        assertTrue(rt.version().description().contains("stand-in"));
    }

    @Test
    void newNumberingIsDetectedByTheProbe() {
        assertEquals(ElementTypeNumbering.SINCE_2024_2, rt.tensorTypes());
        assertEquals(ElementTypeNumbering.SINCE_2024_2, rt.portTypes());
        assertTrue(rt.numberingEvidence().contains("1 byte (u8)"), rt.numberingEvidence());
        assertEquals("element types numbered as since 2024.2", rt.numberingLabel());
        try (OvTensor u8 = OvTensor.allocate(rt, ElementType.U8, new long[] {3});
                OvTensor u64 = OvTensor.allocate(rt, ElementType.U64, new long[] {2})) {
            assertEquals(3, u8.byteSize());
            assertEquals(ElementType.U8, u8.elementType());
            assertEquals(16, u64.byteSize());
            assertEquals(ElementType.U64, u64.elementType());
        }
    }

    @Test
    void a2024_0RuntimeNumbersTensorsAndPortsTheOldWay() {
        StandIn.setVersion("2024.0.0-14509-34caeefd078-releases/2024/0", -1);
        OpenVinoRuntime old = StandIn.runtime();
        assertEquals(ElementTypeNumbering.BEFORE_2024_2, old.tensorTypes());
        assertEquals(ElementTypeNumbering.BEFORE_2024_2, old.portTypes());
        assertTrue(old.numberingEvidence().contains("8 bytes (u64)"), old.numberingEvidence());
        assertEquals("element types numbered as before 2024.2", old.numberingLabel());
        try (OvTensor u8 = OvTensor.allocate(old, ElementType.U8, new long[] {3});
                OvTensor u64 = OvTensor.allocate(old, ElementType.U64, new long[] {2})) {
            assertEquals(3, u8.byteSize()); // code 14 in the old numbering
            assertEquals(ElementType.U8, u8.elementType());
            assertEquals(16, u64.byteSize());
            assertEquals(ElementType.U64, u64.elementType());
        }
        assertThrows(IllegalArgumentException.class, () -> OvTensor.allocate(old, ElementType.U2, new long[] {1}));
    }

    @Test
    void a2024_1RuntimeNumbersPortsTheNewWayAndTensorsTheOldWay() {
        StandIn.setVersion("2024.1.0-15008-f4afc983258-releases/2024/1", -1);
        OpenVinoRuntime mixed = StandIn.runtime();
        assertEquals(ElementTypeNumbering.BEFORE_2024_2, mixed.tensorTypes()); // the probe's answer
        assertEquals(ElementTypeNumbering.SINCE_2024_2, mixed.portTypes());
        assertTrue(mixed.numberingEvidence().contains("8 bytes (u64)")
                && mixed.numberingEvidence().contains("ports of OpenVINO 2024.1"), mixed.numberingEvidence());
        assertEquals("tensor element types numbered as before 2024.2, port element types as since 2024.2",
                mixed.numberingLabel());
        try (OvTensor u8 = OvTensor.allocate(mixed, ElementType.U8, new long[] {3})) {
            assertEquals(3, u8.byteSize()); // made with old code 14; the new code 17 would make 3 u64 (24 bytes)
            assertEquals(ElementType.U8, u8.elementType());
        }
    }

    @Test
    void theProbeWinsWhenTheVersionDisagrees() {
        StandIn.setVersion("2024.6.0-17404", 0);
        OpenVinoRuntime odd = StandIn.runtime();
        assertEquals(ElementTypeNumbering.BEFORE_2024_2, odd.tensorTypes());
        assertEquals(ElementTypeNumbering.BEFORE_2024_2, odd.portTypes());
        assertTrue(odd.numberingEvidence().contains("the probe wins"), odd.numberingEvidence());
    }

    @Test
    void anUnreadableBuildNumberFallsBackToTheSoVersion() {
        StandIn.setVersion("custom_build-abc", 1);
        OpenVinoRuntime custom = StandIn.runtime(); // located: libopenvino_c.so.9990 stands for 2099.9.0
        assertEquals("2099.9.0", custom.version().release());
        assertTrue(custom.versionExact());
        assertEquals("custom_build-abc", custom.version().buildNumber());
        assertTrue(custom.versionEvidence().contains("'custom_build-abc' does not start with YYYY.M")
                && custom.versionEvidence().contains("SOVERSION of libopenvino_c.so.9990"), custom.versionEvidence());
        assertEquals(ElementTypeNumbering.SINCE_2024_2, custom.tensorTypes());
    }

    @Test
    void withoutASoVersionTheProbeBoundsTheRelease() {
        SymbolLookup lookup = SymbolLookup.libraryLookup(StandIn.cLibrary(), Arena.global());
        StandIn.setVersion("custom_build-abc", 1);
        OpenVinoRuntime newer = OpenVinoRuntime.bind(new OpenVinoC(lookup, "x"), Path.of("libopenvino_c.so"));
        assertEquals("2024.2 or later", newer.versionLabel());
        assertFalse(newer.versionExact());
        assertEquals(ElementTypeNumbering.SINCE_2024_2, newer.tensorTypes());
        assertEquals(ElementTypeNumbering.SINCE_2024_2, newer.portTypes());
        assertTrue(newer.versionEvidence().contains("probe says 2024.2 or later"), newer.versionEvidence());
        StandIn.setVersion("custom_build-abc", 0);
        OpenVinoRuntime older = OpenVinoRuntime.bind(new OpenVinoC(lookup, "x"), Path.of("libopenvino_c.so"));
        assertEquals("2024.0 or later", older.versionLabel());
        assertTrue(older.numberingEvidence().contains("misreads port types after u1 if this release of unknown number is "
                + "2024.1"), older.numberingEvidence());
        assertEquals(ElementTypeNumbering.BEFORE_2024_2, older.tensorTypes());
        assertEquals(ElementTypeNumbering.BEFORE_2024_2, older.portTypes());
    }

    @Test
    void withNeitherTheRuntimeIsUnavailableSayingWhatItRead() {
        SymbolLookup lookup = SymbolLookup.libraryLookup(StandIn.cLibrary(), Arena.global());
        StandIn.setVersion("custom_build-abc", 1);
        StandIn.failNext("ov_tensor_create", OvStatus.GENERAL_ERROR, "no tensors today");
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> OpenVinoRuntime.bind(new OpenVinoC(lookup, "x"), Path.of("libopenvino_c.so")));
        assertTrue(e.getMessage().contains("the build number 'custom_build-abc' does not start with YYYY.M"),
                e.getMessage());
        assertTrue(e.getMessage().contains("ov_tensor_create failed") && e.getMessage().contains("stand-in"),
                e.getMessage());
    }

    @Test
    void runtimesOlderThan2024AreRefused() {
        StandIn.setVersion("2023.3.0-13775", -1);
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, StandIn::runtime);
        assertTrue(e.getMessage().contains("2024.0 or newer"), e.getMessage());
    }

    @Test
    void devicesAndFullDeviceNames() {
        try (OvCore core = rt.createCore()) {
            assertEquals(List.of("CPU", "GPU"), core.availableDevices());
            assertEquals("Stand-in CPU device (not OpenVINO)", core.fullDeviceName("CPU"));
            assertEquals("Stand-in GPU device (not OpenVINO)", core.fullDeviceName("GPU"));
        }
    }

    @Test
    void aFailureNamesFunctionStatusAndOpenVinosMessage() {
        try (OvCore core = rt.createCore()) {
            StandIn.failNext("ov_core_get_property", OvStatus.GENERAL_ERROR, "plugin exploded");
            NativeCallException e = assertThrows(NativeCallException.class, () -> core.fullDeviceName("CPU"));
            assertEquals("ov_core_get_property", e.function());
            assertEquals("GENERAL_ERROR", e.statusName());
            assertEquals("plugin exploded", e.nativeMessage());
            assertEquals("ov_core_get_property failed with GENERAL_ERROR: plugin exploded", e.getMessage());
            NativeCallException real = assertThrows(NativeCallException.class, () -> core.fullDeviceName("NPU"));
            assertEquals("Device with \"NPU\" name is not registered in the OpenVINO Runtime", real.nativeMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, -13, -15, -16, -17})
    void everyStatusIsReportedByItsHeaderName(int status) {
        String[] names = {"OK", "GENERAL_ERROR", "NOT_IMPLEMENTED", "NETWORK_NOT_LOADED", "PARAMETER_MISMATCH",
            "NOT_FOUND", "OUT_OF_BOUNDS", "UNEXPECTED", "REQUEST_BUSY", "RESULT_NOT_READY", "NOT_ALLOCATED",
            "INFER_NOT_STARTED", "NETWORK_NOT_READ", "INFER_CANCELLED", "INVALID_C_PARAM", "UNKNOWN_C_ERROR",
            "NOT_IMPLEMENT_C_METHOD", "UNKNOW_EXCEPTION"};
        try (OvCore core = rt.createCore()) {
            StandIn.failNext("ov_core_get_available_devices", status, "status " + status);
            NativeCallException e = assertThrows(NativeCallException.class, core::availableDevices);
            assertEquals(names[-status], e.statusName());
            assertEquals("status " + status, e.nativeMessage());
        }
    }

    @Test
    void invalidParametersCarryNoStaleMessage() {
        try (OvCore core = rt.createCore()) {
            StandIn.failNext("ov_core_get_property", OvStatus.GENERAL_ERROR, "an older failure");
            assertThrows(NativeCallException.class, () -> core.fullDeviceName("CPU"));
            StandIn.failNext("ov_core_get_available_devices", OvStatus.INVALID_C_PARAM, "");
            NativeCallException e = assertThrows(NativeCallException.class, core::availableDevices);
            assertEquals("INVALID_C_PARAM", e.statusName());
            assertFalse(e.getMessage().contains("an older failure"), e.getMessage());
        }
    }

    @Test
    void aFailureRecordingNoMessageDoesNotPresentAnEarlierOneAsItsCause() {
        try (OvCore core = rt.createCore()) {
            StandIn.failNext("ov_core_get_property", OvStatus.GENERAL_ERROR, "plugin exploded");
            assertEquals("plugin exploded",
                    assertThrows(NativeCallException.class, () -> core.fullDeviceName("CPU")).nativeMessage());
            StandIn.failNext("ov_core_get_available_devices", OvStatus.GENERAL_ERROR, null);
            NativeCallException silent = assertThrows(NativeCallException.class, core::availableDevices);
            assertEquals("ov_core_get_available_devices failed with GENERAL_ERROR: OpenVINO recorded no new message for "
                    + "this call; the message it still holds, possibly from an earlier call, is: plugin exploded",
                    silent.getMessage());
            // a new message is this call's own again
            NativeCallException fresh = assertThrows(NativeCallException.class, () -> core.fullDeviceName("NPU"));
            assertEquals("Device with \"NPU\" name is not registered in the OpenVINO Runtime", fresh.nativeMessage());
        }
    }

    @Test
    void freeingACoreClearsTheMessageSoTheSameTextLaterIsNew() {
        try (OvCore core = rt.createCore()) {
            StandIn.failNext("ov_core_get_property", OvStatus.GENERAL_ERROR, "plugin exploded");
            assertThrows(NativeCallException.class, () -> core.fullDeviceName("CPU"));
        }
        try (OvCore core = rt.createCore()) {
            StandIn.failNext("ov_core_get_property", OvStatus.GENERAL_ERROR, "plugin exploded");
            assertEquals("plugin exploded",
                    assertThrows(NativeCallException.class, () -> core.fullDeviceName("CPU")).nativeMessage());
        }
    }

    @Test
    void aMissingSymbolIsNamed() {
        SymbolLookup lookup = SymbolLookup.libraryLookup(StandIn.cLibrary(), Arena.global());
        NativeFunction f = new NativeFunction(lookup, "libopenvino_c.so.9990", "ov_no_such_function",
                FunctionDescriptor.of(C_INT));
        assertFalse(f.isPresent());
        MissingSymbolException e = assertThrows(MissingSymbolException.class, f::handle);
        assertEquals("ov_no_such_function", e.symbol());
        assertTrue(e.getMessage().startsWith("libopenvino_c.so.9990: the function ov_no_such_function is not exported"));
    }

    @Test
    void aRuntimeLackingARequiredFunctionIsUnavailable() {
        SymbolLookup real = SymbolLookup.libraryLookup(StandIn.cLibrary(), Arena.global());
        SymbolLookup hiding = name -> name.equals("ov_tensor_data") ? Optional.empty() : real.find(name);
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> OpenVinoRuntime.bind(new OpenVinoC(hiding, "old.so"), Path.of("old.so")));
        assertTrue(e.getMessage().contains("does not export ov_tensor_data"), e.getMessage());
    }

    @Test
    void withoutTheLastErrorFunctionErrorsHaveNoMessage() {
        SymbolLookup real = SymbolLookup.libraryLookup(StandIn.cLibrary(), Arena.global());
        SymbolLookup hiding = name -> name.equals("ov_get_last_err_msg") ? Optional.empty() : real.find(name);
        OpenVinoRuntime noMessages = OpenVinoRuntime.bind(new OpenVinoC(hiding, "x"), StandIn.cLibrary());
        try (OvCore core = noMessages.createCore()) {
            NativeCallException e = assertThrows(NativeCallException.class, () -> core.fullDeviceName("NPU"));
            assertNull(e.nativeMessage());
            assertEquals("ov_core_get_property failed with GENERAL_ERROR", e.getMessage());
        }
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseNamesTheObject() {
        OvCore core = rt.createCore();
        core.close();
        core.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, core::availableDevices);
        assertTrue(e.getMessage().startsWith("OpenVINO core is closed"), e.getMessage());
        assertEquals(1, StandIn.created("core"));
    }

    @Test
    void setPropertyPassesExactlyOnePairPerCall() {
        try (OvCore core = rt.createCore()) {
            core.setProperty(null, "CACHE_DIR", "/tmp/ov-cache");
            core.setProperty("CPU", "PERFORMANCE_HINT", "THROUGHPUT");
            assertEquals("(null)|CACHE_DIR=/tmp/ov-cache\nCPU|PERFORMANCE_HINT=THROUGHPUT\n", StandIn.propertyLog());
            assertEquals("/tmp/ov-cache", core.property("CPU", "CACHE_DIR"));
            NativeCallException e = assertThrows(NativeCallException.class,
                    () -> core.setProperty("CPU", "PERFORMANCE_HINT", "FASTEST"));
            assertEquals("Wrong value FASTEST for property key PERFORMANCE_HINT", e.nativeMessage());
        }
    }
}
