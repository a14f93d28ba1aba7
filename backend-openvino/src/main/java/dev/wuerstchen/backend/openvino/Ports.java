package dev.wuerstchen.backend.openvino;

import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_INT;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_POINTER;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_SIZE_T;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.OV_PARTIAL_SHAPE;

import dev.wuerstchen.backend.openvino.capi.ModelFunctions;
import dev.wuerstchen.backend.openvino.capi.OvStatus;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/** Reads port descriptions from models and compiled models, freeing every port and string it gets. */
final class Ports {

    private Ports() {
    }

    /** Gets the {@code index}-th const port into {@code cell}, returning the status. */
    @FunctionalInterface
    interface PortGetter {
        int get(long index, MemorySegment cell);
    }

    /** Gets a count into a {@code size_t} cell, returning the status. */
    @FunctionalInterface
    interface CountGetter {
        int get(MemorySegment cell);
    }

    static List<OvPort> list(OpenVinoRuntime rt, CountGetter count, String countFn, PortGetter port, String portFn) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment n = arena.allocate(C_SIZE_T);
            rt.check(count.get(n), countFn);
            List<OvPort> ports = new ArrayList<>();
            for (int i = 0; i < n.get(C_SIZE_T, 0); i++) {
                MemorySegment cell = arena.allocate(C_POINTER);
                rt.check(port.get(i, cell), portFn);
                MemorySegment p = cell.get(C_POINTER, 0);
                try {
                    ports.add(describe(rt, i, p));
                } finally {
                    rt.c().model.ov_output_const_port_free(p);
                }
            }
            return List.copyOf(ports);
        }
    }

    private static OvPort describe(OpenVinoRuntime rt, int index, MemorySegment port) {
        ModelFunctions m = rt.c().model;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment nameCell = arena.allocate(C_POINTER);
            int st = m.ov_port_get_any_name(port, nameCell);
            String name;
            if (st == OvStatus.OK) {
                name = rt.takeString(nameCell.get(C_POINTER, 0));
            } else if (st == OvStatus.GENERAL_ERROR) {
                name = null; // a tensor without names fails this way (spec §A.5.4)
                rt.discardLastError();
            } else {
                rt.check(st, "ov_port_get_any_name");
                name = null;
            }
            MemorySegment type = arena.allocate(C_INT);
            rt.check(m.ov_port_get_element_type(port, type), "ov_port_get_element_type");
            MemorySegment ps = arena.allocate(OV_PARTIAL_SHAPE);
            rt.check(m.ov_port_get_partial_shape(port, ps), "ov_port_get_partial_shape");
            PartialShape shape;
            try {
                shape = PartialShape.read(ps);
            } finally {
                rt.c().shape.ov_partial_shape_free(ps);
            }
            return new OvPort(index, name, rt.portTypes().type(type.get(C_INT, 0)), shape);
        }
    }
}
