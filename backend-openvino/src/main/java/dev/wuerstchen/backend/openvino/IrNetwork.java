package dev.wuerstchen.backend.openvino;

import dev.wuerstchen.api.backend.GuardedNetwork;
import dev.wuerstchen.api.backend.NetworkOutputs;
import dev.wuerstchen.api.error.UnsupportedRequestException;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One notebook IR as a {@link Network}. The IRs have fixed shapes; requests whose batch differs are
 * run in chunks of the IR's batch (the last chunk padded by repeating its last row, whose outputs are
 * dropped), which is exact because these networks treat batch rows independently. Any other
 * difference is refused with the notebook's shapes explained.
 */
final class IrNetwork extends GuardedNetwork {

    private final OpenVinoIrModels.Role role;
    private final Path file;
    private final BoundModel model;

    IrNetwork(OpenVinoIrModels.Role role, Path file, NetworkDefinition definition, BoundModel model) {
        super(definition, "openvino (" + file.getFileName() + ")");
        this.role = role;
        this.file = file;
        this.model = model;
    }

    /** Inputs were checked by name and type first: the IR's ports would convert float ids silently. */
    @Override
    protected NetworkOutputs execute(Map<String, HostTensor> inputs, Map<String, Shape> shapes) {
        int batch = -1;
        int irBatch = -1;
        boolean chunkable = true;
        for (PortBinding.Slot slot : model.inputs()) {
            HostTensor t = inputs.get(slot.name());
            PartialShape ir = slot.port().shape();
            if (!ir.isStatic()) {
                chunkable = false;
                continue;
            }
            long[] fixed = ir.toStatic();
            int[] got = t.shape().dims();
            boolean rest = fixed.length == got.length && fixed.length > 0;
            for (int i = 1; rest && i < fixed.length; i++) {
                rest = fixed[i] == got[i];
            }
            if (!rest) {
                throw refuse(slot, t);
            }
            if (batch >= 0 && (batch != got[0] || irBatch != fixed[0])) {
                chunkable = false;
            }
            batch = got[0];
            irBatch = (int) fixed[0];
        }
        if (!chunkable || batch < 0 || batch == irBatch) {
            return model.run(inputs);
        }
        return chunked(inputs, batch, irBatch);
    }

    private NetworkOutputs chunked(Map<String, HostTensor> inputs, int batch, int irBatch) {
        List<Map<String, HostTensor>> outputs = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (int from = 0; from < batch; from += irBatch) {
            int count = Math.min(irBatch, batch - from);
            Map<String, HostTensor> part = new LinkedHashMap<>();
            for (PortBinding.Slot slot : model.inputs()) {
                part.put(slot.name(), Batches.rows(inputs.get(slot.name()), from, count, irBatch));
            }
            outputs.add(model.run(part).values());
            kept.add(count);
        }
        int[] keep = kept.stream().mapToInt(Integer::intValue).toArray();
        Map<String, HostTensor> joined = new LinkedHashMap<>();
        for (String name : outputs.getFirst().keySet()) {
            joined.put(name, Batches.concat(outputs.stream().map(o -> o.get(name)).toList(), keep));
        }
        return new NetworkOutputs(joined);
    }

    private UnsupportedRequestException refuse(PortBinding.Slot slot, HostTensor t) {
        return new UnsupportedRequestException(file + ": input '" + slot.name() + "' is " + t.shape()
                + " but the IR was exported with the fixed shape " + slot.port().shape() + ". OpenVINO's Würstchen notebook "
                + "exports " + role.fixedShapes() + "; other batch sizes are run in chunks, other dimensions cannot be",
                "Generate 1024×1024 images with these IR files, or run the networks from the checkpoints (without "
                        + "--ir-dir) for other sizes");
    }

    @Override
    protected void release() {
        model.close();
    }
}
