package dev.wuerstchen.backend.openvino;

import dev.wuerstchen.api.backend.Network;
import dev.wuerstchen.api.backend.Precision;
import dev.wuerstchen.api.error.CheckpointException;
import dev.wuerstchen.api.nn.NetworkDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The IR files OpenVINO's Würstchen notebook writes (spec wuerstchen §11.1), mapped to this
 * engine's network roles. Each role becomes a {@link Network} that takes the same named inputs as the
 * engine's own definition; IR inputs are matched by name when the IR keeps them, else by position,
 * and their element types are queried, not assumed. Owned by the backend that made it.
 */
public final class OpenVinoIrModels implements AutoCloseable {

    /** The five networks, their IR file stems and the shapes the notebook exported them with. */
    public enum Role {
        PRIOR_TEXT_ENCODER("prior_text_encoder", false,
                "input_ids (1,77) and attention_mask (1,77): prompts of 77 tokens"),
        PRIOR("prior_prior", true, "x (2,16,24,24), r (2), c (2,77,1280): 1024×1024 images (24×24 prior latents) "
                + "with prior guidance > 1 (the guided batch of 2, conditional and unconditional)"),
        DECODER_TEXT_ENCODER("text_encoder", false, "input_ids (1,77) and attention_mask (1,77): prompts of 77 tokens"),
        DECODER("decoder", true, "x (1,4,256,256), r (1), effnet (1,16,24,24), clip (1,77,1024): 1024×1024 images "
                + "with decoder guidance ≤ 1 (batch 1)"),
        VQGAN_DECODE("vqgan", false, "h (1,4,256,256): 1024×1024 images");

        private final String stem;
        private final boolean quantized;
        private final String fixedShapes;

        Role(String stem, boolean quantized, String fixedShapes) {
            this.stem = stem;
            this.quantized = quantized;
            this.fixedShapes = fixedShapes;
        }

        /** The IR file name for a precision ({@code prior_prior_int8.xml} for INT8). */
        public String fileName(Precision precision) {
            return stem + (quantized && precision == Precision.INT8 ? "_int8" : "") + ".xml";
        }

        /** What the notebook exported, for error messages. */
        public String fixedShapes() {
            return fixedShapes;
        }
    }

    /** Our input names that the notebook's IRs call differently. */
    static final Map<String, String> ALIASES = Map.of("latents", "h");

    private final OpenVinoBackend backend;
    private final Path dir;
    private final Precision precision;
    private final Map<Role, IrNetwork> networks = new EnumMap<>(Role.class);
    private boolean closed;

    OpenVinoIrModels(OpenVinoBackend backend, Path dir, Precision precision) {
        this.backend = backend;
        this.dir = dir;
        this.precision = precision == null ? Precision.F32 : precision;
        if (!Files.isDirectory(dir)) {
            throw new CheckpointException(dir, "is not a folder. Point --ir-dir at the notebook's 'models' folder "
                    + "holding " + String.join(", ", fileNames()));
        }
    }

    public Path dir() {
        return dir;
    }

    /** The IR file of a role. */
    public Path file(Role role) {
        return dir.resolve(role.fileName(precision));
    }

    /** The expected files that are not in the folder. */
    public List<String> missing() {
        List<String> out = new ArrayList<>();
        for (Role r : Role.values()) {
            if (!Files.isRegularFile(file(r))) {
                out.add(r.fileName(precision));
            }
        }
        return out;
    }

    private List<String> fileNames() {
        List<String> out = new ArrayList<>();
        for (Role r : Role.values()) {
            out.add(r.fileName(precision));
        }
        return out;
    }

    /**
     * The network for {@code role}, compiled on first use. {@code definition} is the engine's definition
     * of the same network: its input and output names are the ones callers use.
     */
    public synchronized Network network(Role role, NetworkDefinition definition) {
        if (closed) {
            throw new IllegalStateException("the IR models of " + dir + " are closed");
        }
        IrNetwork n = networks.get(role);
        if (n != null) {
            return n;
        }
        Path file = file(role);
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(file, "is missing. The folder needs " + String.join(", ", fileNames())
                    + " as written by OpenVINO's Würstchen notebook (wuerstchen-image-generation.ipynb)");
        }
        OvCompiledModel cm = backend.core().compile(file, backend.device(), backend.compileProperties(Precision.F32));
        n = new IrNetwork(role, file, definition, BoundModel.bind(file.getFileName().toString(), cm,
                definition.inputs(), definition.outputs(), ALIASES, null));
        networks.put(role, n);
        return n;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            OpenVinoBackend.closeAll(networks.values());
        } finally {
            networks.clear();
            backend.forget(this);
        }
    }
}
