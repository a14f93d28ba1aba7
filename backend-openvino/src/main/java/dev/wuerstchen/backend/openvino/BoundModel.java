package dev.wuerstchen.backend.openvino;

import dev.wuerstchen.api.backend.NetworkOutputs;
import dev.wuerstchen.api.error.NativeCallException;
import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled model and its infer request, bound to a network's named inputs and outputs. Inputs are
 * copied (and converted to the port's element type) into native memory this object owns and handed
 * to OpenVINO without a further copy; outputs are copied out into host tensors the caller owns.
 * Owns everything it uses; closes request, tensors, memory and compiled model in that order.
 */
final class BoundModel implements AutoCloseable {

    /** The native input memory of one port, reused while the shape stays the same. */
    private record InputBuffer(long[] shape, SharedMemory memory, OvTensor tensor) {
    }

    private final String name;
    private final OvCompiledModel compiled;
    private final OvInferRequest request;
    private final List<PortBinding.Slot> inputs;
    private final List<PortBinding.Slot> outputs;
    private final InputBuffer[] buffers;
    private boolean closed;

    private BoundModel(String name, OvCompiledModel compiled, List<PortBinding.Slot> inputs,
            List<PortBinding.Slot> outputs) {
        this.name = name;
        this.compiled = compiled;
        this.inputs = inputs;
        this.outputs = outputs;
        this.buffers = new InputBuffer[inputs.stream().mapToInt(s -> s.port().index() + 1).max().orElse(0)];
        this.request = compiled.createInferRequest();
    }

    /**
     * Takes ownership of {@code compiled} (closing it if binding fails).
     *
     * @param inputShapes the input shapes the model was compiled for, or null if not known (IR files)
     */
    static BoundModel bind(String name, OvCompiledModel compiled, List<TensorSpec> ourInputs, List<TensorSpec> ourOutputs,
            Map<String, String> aliases, Map<String, Shape> inputShapes) {
        try {
            List<PortBinding.Slot> in = PortBinding.bind(name, "input", ourInputs, compiled.inputs(), aliases, true,
                    inputShapes);
            List<PortBinding.Slot> out = PortBinding.bind(name, "output", ourOutputs, compiled.outputs(), aliases, false,
                    null);
            for (PortBinding.Slot s : in) {
                TensorSpec spec = ourInputs.stream().filter(t -> t.name().equals(s.name())).findFirst().orElseThrow();
                if (!HostConversion.supported(spec.dtype(), s.port().type())) {
                    throw new ModelMismatchException(name + ": input " + s.port() + " has element type " + s.port().type()
                            + ", which cannot be fed from " + spec.dtype() + ". Use a model with f32/f16/i64/i32 inputs");
                }
            }
            return new BoundModel(name, compiled, in, out);
        } catch (RuntimeException e) {
            compiled.close();
            throw e;
        }
    }

    List<PortBinding.Slot> inputs() {
        return inputs;
    }

    /** Runs one inference; {@code values} must hold every bound input. */
    NetworkOutputs run(Map<String, HostTensor> values) {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        for (PortBinding.Slot slot : inputs) {
            HostTensor h = values.get(slot.name());
            if (h == null) {
                throw new IllegalArgumentException(name + ": input '" + slot.name() + "' is missing; inputs are "
                        + inputs.stream().map(PortBinding.Slot::name).toList());
            }
            long[] shape = Arrays.stream(h.shape().dims()).asLongStream().toArray();
            if (!slot.port().shape().accepts(shape)) {
                throw new ShapeMismatchException(name + " input '" + slot.name() + "' (model input " + slot.port() + ")",
                        slot.port().shape().toString(), h.shape().toString());
            }
            InputBuffer b = buffer(slot, shape);
            HostConversion.write(h, slot.port().type(), b.memory().segment(), name + " input '" + slot.name() + "'");
            request.setInput(slot.port().index(), b.tensor());
        }
        try {
            request.infer();
        } catch (NativeCallException e) {
            throw e.in(name + " on " + compiled.device(), "OpenVINO could not run the compiled model. Check that '"
                    + "wuerstchen info' lists " + compiled.device() + " for openvino and that the device has the memory "
                    + "the network needs; CPU is the device to fall back to");
        }
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (PortBinding.Slot slot : outputs) {
            try (OvTensor t = request.output(slot.port().index())) {
                Shape shape = Shape.ofLongs(t.shape());
                out.put(slot.name(), HostConversion.read(t.data(), t.elementType(), shape, name + " output '"
                        + slot.name() + "'"));
            }
        }
        return new NetworkOutputs(out);
    }

    private InputBuffer buffer(PortBinding.Slot slot, long[] shape) {
        int i = slot.port().index();
        InputBuffer b = buffers[i];
        if (b != null && Arrays.equals(b.shape(), shape)) {
            return b;
        }
        SharedMemory memory = SharedMemory.allocate(slot.port().type().byteSize(OvTensor.elements(shape)));
        OvTensor tensor;
        try {
            tensor = OvTensor.fromHost(compiled.runtime(), slot.port().type(), shape, memory);
        } finally {
            memory.close(); // the tensor (and the request once set) hold their own references
        }
        buffers[i] = new InputBuffer(shape, memory, tensor);
        if (b != null) {
            b.tensor().close();
        }
        return buffers[i];
    }

    /** Closes request, input tensors and compiled model; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            request.close();
        } finally {
            try {
                for (InputBuffer b : buffers) {
                    if (b != null) {
                        b.tensor().close();
                    }
                }
            } finally {
                compiled.close();
            }
        }
    }
}
