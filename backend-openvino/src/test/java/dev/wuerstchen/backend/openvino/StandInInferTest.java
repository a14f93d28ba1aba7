package dev.wuerstchen.backend.openvino;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.error.NativeCallException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tensors, infer requests and their memory, against the C stand-in whose "inference" is
 * out_j[k] = j + 1 + Σ_i (i + 2)·in_i[k mod n_i] (src/test/c/README.md). Expected values are computed
 * here from that rule.
 */
class StandInInferTest extends StandInTest {

    @TempDir
    Path tmp;

    private OvCompiledModel compile(OvCore core) {
        Path file = StandIn.model(tmp, "m.xml", "input x f32 -1,4", "input r f32 2", "output y f32 -1,4",
                "output n i64 -1,4");
        return core.compile(file, "CPU", CompileProperties.none());
    }

    private static SharedMemory floats(float... v) {
        SharedMemory m = SharedMemory.allocate(4L * v.length);
        MemorySegment.copy(v, 0, m.segment(), ValueLayout.JAVA_FLOAT, 0, v.length);
        return m;
    }

    private static float[] expected(int output, float[] x, float[] r) {
        float[] e = new float[x.length];
        for (int k = 0; k < x.length; k++) {
            e[k] = output + 1 + 2 * x[k] + 3 * r[k % r.length];
        }
        return e;
    }

    @Test
    void inferComputesFromTheInputsAndOutputsAreCopiedOut() {
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8};
        float[] r = {10, 20};
        try (OvCore core = rt.createCore(); OvCompiledModel cm = compile(core); OvInferRequest req = cm.createInferRequest();
                SharedMemory xm = floats(x); SharedMemory rm = floats(r);
                OvTensor xt = OvTensor.fromHost(rt, ElementType.F32, new long[] {2, 4}, xm);
                OvTensor rtn = OvTensor.fromHost(rt, ElementType.F32, new long[] {2}, rm)) {
            req.setInput(0, xt);
            req.setTensor("r", rtn);
            req.infer();
            try (OvTensor y = req.output(0); OvTensor n = req.tensor("n")) {
                assertArrayEquals(new long[] {2, 4}, y.shape());
                assertEquals(ElementType.F32, y.elementType());
                assertEquals(8, y.size());
                assertEquals(32, y.byteSize());
                assertArrayEquals(expected(0, x, r), y.data().toArray(ValueLayout.JAVA_FLOAT));
                float[] e1 = expected(1, x, r);
                long[] got = n.data().toArray(ValueLayout.JAVA_LONG);
                for (int k = 0; k < e1.length; k++) {
                    assertEquals((long) e1[k], got[k]);
                }
            }
        }
    }

    @Test
    void dataOfAClosedTensorCannotBeRead() {
        float[] x = {1, 2, 3, 4};
        float[] r = {10, 20};
        try (OvCore core = rt.createCore(); OvCompiledModel cm = compile(core); OvInferRequest req = cm.createInferRequest();
                SharedMemory xm = floats(x); SharedMemory rm = floats(r);
                OvTensor xt = OvTensor.fromHost(rt, ElementType.F32, new long[] {1, 4}, xm);
                OvTensor rtn = OvTensor.fromHost(rt, ElementType.F32, new long[] {2}, rm)) {
            req.setInput(0, xt);
            req.setInput(1, rtn);
            req.infer();
            OvTensor y = req.output(0);
            MemorySegment data = y.data();
            MemorySegment again = y.data(); // one scope for every view of the tensor
            assertEquals(expected(0, x, r)[3], data.getAtIndex(ValueLayout.JAVA_FLOAT, 3));
            y.close();
            // the views die with the tensor: reading them throws instead of reading freed memory
            assertThrows(IllegalStateException.class, () -> data.getAtIndex(ValueLayout.JAVA_FLOAT, 0));
            assertThrows(IllegalStateException.class, () -> again.toArray(ValueLayout.JAVA_FLOAT));
            assertThrows(IllegalStateException.class, y::data);
            // a host tensor's view likewise, while its memory stays with its owner
            OvTensor host = OvTensor.fromHost(rt, ElementType.F32, new long[] {1, 4}, xm);
            MemorySegment xv = host.data();
            assertEquals(2f, xv.getAtIndex(ValueLayout.JAVA_FLOAT, 1));
            host.close();
            assertThrows(IllegalStateException.class, () -> xv.getAtIndex(ValueLayout.JAVA_FLOAT, 1));
            assertEquals(2f, xm.segment().getAtIndex(ValueLayout.JAVA_FLOAT, 1));
        }
    }

    @Test
    void hostTensorsAreReadWithoutCopying() {
        float[] r = {0, 0};
        try (OvCore core = rt.createCore(); OvCompiledModel cm = compile(core); OvInferRequest req = cm.createInferRequest();
                SharedMemory xm = floats(1, 1, 1, 1); SharedMemory rm = floats(r);
                OvTensor xt = OvTensor.fromHost(rt, ElementType.F32, new long[] {1, 4}, xm);
                OvTensor rtn = OvTensor.fromHost(rt, ElementType.F32, new long[] {2}, rm)) {
            req.setInput(0, xt);
            req.setInput(1, rtn);
            // changed after set_tensor: OpenVINO (and the stand-in) read the Java memory at inference time
            MemorySegment.copy(new float[] {5, 6, 7, 8}, 0, xm.segment(), ValueLayout.JAVA_FLOAT, 0, 4);
            req.infer();
            try (OvTensor y = req.output(0)) {
                assertArrayEquals(expected(0, new float[] {5, 6, 7, 8}, r), y.data().toArray(ValueLayout.JAVA_FLOAT));
            }
        }
    }

    @Test
    void hostMemoryLivesAsLongAsARequestMayReadIt() {
        try (OvCore core = rt.createCore(); OvCompiledModel cm = compile(core)) {
            OvInferRequest req = cm.createInferRequest();
            SharedMemory xm = floats(1, 2, 3, 4);
            SharedMemory rm = floats(1, 1);
            try (OvTensor xt = OvTensor.fromHost(rt, ElementType.F32, new long[] {1, 4}, xm);
                    OvTensor rtn = OvTensor.fromHost(rt, ElementType.F32, new long[] {2}, rm)) {
                req.setInput(0, xt);
                req.setInput(1, rtn);
            }
            xm.close(); // the creator lets go; the request still holds the memory
            rm.close();
            assertFalse(xm.isFreed());
            req.infer();
            try (OvTensor y = req.output(0)) {
                assertArrayEquals(expected(0, new float[] {1, 2, 3, 4}, new float[] {1, 1}),
                        y.data().toArray(ValueLayout.JAVA_FLOAT));
            }
            req.close();
            assertTrue(xm.isFreed());
            assertTrue(rm.isFreed());
        }
    }

    @Test
    void asyncInferenceReportsBusyUntilAwaited() {
        StandIn.setAsyncDelayMillis(300);
        float[] x = {1, 2, 3, 4};
        float[] r = {2, 3};
        try (OvCore core = rt.createCore(); OvCompiledModel cm = compile(core); OvInferRequest req = cm.createInferRequest();
                SharedMemory xm = floats(x); SharedMemory rm = floats(r);
                OvTensor xt = OvTensor.fromHost(rt, ElementType.F32, new long[] {1, 4}, xm);
                OvTensor rtn = OvTensor.fromHost(rt, ElementType.F32, new long[] {2}, rm)) {
            req.setInput(0, xt);
            req.setInput(1, rtn);
            req.startAsync();
            NativeCallException busy = assertThrows(NativeCallException.class, () -> req.output(0));
            assertEquals("REQUEST_BUSY", busy.statusName());
            assertEquals("Infer Request is busy", busy.nativeMessage());
            assertFalse(req.await(Duration.ofMillis(1)));
            req.await();
            try (OvTensor y = req.output(0)) {
                assertArrayEquals(expected(0, x, r), y.data().toArray(ValueLayout.JAVA_FLOAT));
            }
            StandIn.setAsyncDelayMillis(0);
            req.startAsync();
            assertTrue(req.await(Duration.ofSeconds(10)));
        }
    }

    @Test
    void aWrongElementTypeIsRefusedByTheRuntime() {
        try (OvCore core = rt.createCore(); OvCompiledModel cm = compile(core); OvInferRequest req = cm.createInferRequest();
                OvTensor wrong = OvTensor.allocate(rt, ElementType.I64, new long[] {1, 4})) {
            NativeCallException e = assertThrows(NativeCallException.class, () -> req.setInput(0, wrong));
            assertEquals("ov_infer_request_set_input_tensor_by_index", e.function());
            assertTrue(e.nativeMessage().contains("i64 != f32"), e.nativeMessage());
        }
    }

    @Test
    void tensorQueriesAndScalars() {
        try (OvTensor t = OvTensor.allocate(rt, ElementType.F32, new long[] {2, 3});
                OvTensor scalar = OvTensor.allocate(rt, ElementType.I64, new long[0])) {
            assertArrayEquals(new long[] {2, 3}, t.shape());
            assertEquals(6, t.size());
            assertEquals(24, t.byteSize());
            t.data().setAtIndex(ValueLayout.JAVA_FLOAT, 5, 7.5f);
            assertEquals(7.5f, t.data().getAtIndex(ValueLayout.JAVA_FLOAT, 5));
            assertArrayEquals(new long[0], scalar.shape()); // OpenVINO leaves the struct untouched for rank 0
            assertEquals(8, scalar.byteSize());
        }
    }

    @Test
    void hostMemoryTooSmallForTheShapeIsRefused() {
        long tensorsBefore = StandIn.created("tensor");
        try (SharedMemory m = SharedMemory.allocate(12)) {
            assertThrows(IllegalArgumentException.class,
                    () -> OvTensor.fromHost(rt, ElementType.F32, new long[] {2, 2}, m));
        }
        assertEquals(tensorsBefore, StandIn.created("tensor")); // refused before any C call
    }

    @Test
    void readingAnOutputBeforeInferenceIsAnError() {
        try (OvCore core = rt.createCore(); OvCompiledModel cm = compile(core); OvInferRequest req = cm.createInferRequest()) {
            NativeCallException e = assertThrows(NativeCallException.class, () -> req.output(1));
            assertEquals("GENERAL_ERROR", e.statusName());
            NativeCallException unset = assertThrows(NativeCallException.class, req::infer);
            assertTrue(unset.nativeMessage().contains("has no tensor set"), unset.nativeMessage());
        }
    }
}
