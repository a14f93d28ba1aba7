package dev.wuerstchen.engine.demo;

import dev.wuerstchen.api.checkpoint.SafetensorsWriter;
import dev.wuerstchen.api.config.ClipTextConfig;
import dev.wuerstchen.api.config.DecoderConfig;
import dev.wuerstchen.api.config.HiddenAct;
import dev.wuerstchen.api.config.PriorConfig;
import dev.wuerstchen.api.config.PriorPipelineConstants;
import dev.wuerstchen.api.config.VqganConfig;
import dev.wuerstchen.api.error.OutputFileException;
import dev.wuerstchen.api.io.FileTrees;
import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.noise.TorchCpuNoise;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.engine.ModelLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The embedded default model: a small Würstchen pair with untrained, deterministic random weights,
 * written once in the diffusers layout and reused afterwards. It runs the real code paths in
 * seconds and draws abstract patterns, not the prompt.
 */
public final class DemoModel {

    /** Bump when the demo's configuration or weights change, so old caches are not reused. */
    public static final String VERSION = "demo-v2";
    /** Fixed seed of the weights. */
    static final long WEIGHT_SEED = 20231005L;

    static final int CLIP_PRIOR = 64;
    static final int CLIP_DECODER = 48;
    static final PriorConfig PRIOR = new PriorConfig(16, 96, CLIP_PRIOR, 64, 2, 2);
    static final DecoderConfig DECODER = new DecoderConfig(4, 4, 64, 2, 32, List.of(16, 32, 64, 64), List.of(-1, 1, 1, 1),
            List.of(1, 1, 1, 1), List.of("CT", "CTA", "CTA", "CTA"), List.of(false, true, true, true), 16, CLIP_DECODER, 3);
    static final VqganConfig VQGAN = new VqganConfig(3, 3, 2, 2, 2, 32, 4, 64, 0.3764);

    private DemoModel() {
    }

    /**
     * The demo model under {@code cacheDir}, written first if it is not there yet (atomically: a
     * half-written model is never reused).
     */
    public static ModelLocation ensure(Path cacheDir, java.util.function.Consumer<String> log) {
        Path dir = cacheDir.resolve(VERSION);
        if (!Files.isRegularFile(dir.resolve("COMPLETE"))) {
            log.accept("writing the demo model to " + dir + " (once)");
            Path tmp = FileTrees.partFolder(dir);
            try {
                FileTrees.deleteAbandonedParts(dir); // interrupted earlier attempts
                FileTrees.delete(tmp);
                write(tmp);
                Files.writeString(tmp.resolve("COMPLETE"), VERSION + "\n");
                // another process may have finished first: a complete model is never replaced while in use
                if (!Files.isRegularFile(dir.resolve("COMPLETE"))) {
                    FileTrees.delete(dir); // an incomplete leftover of an interrupted first run
                    try {
                        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                    } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                        if (!Files.isRegularFile(dir.resolve("COMPLETE"))) {
                            throw e;
                        }
                    }
                }
            } catch (IOException e) {
                throw new OutputFileException(dir, e);
            } finally {
                try {
                    FileTrees.delete(tmp);
                } catch (RuntimeException ignored) {
                    // leftovers of a failed attempt are replaced next time
                }
            }
        }
        return new ModelLocation(dir.resolve("wuerstchen-prior"), dir.resolve("wuerstchen"));
    }

    /** The demo's configurations; its text encoders' vocabulary is the demo tokenizer's. */
    public static final ModelPairConfigs CONFIGS = new ModelPairConfigs(new PriorPipelineConstants(42.0, 1.0, 42.67), PRIOR,
            textEncoder(CLIP_PRIOR), 10.67, DECODER, VQGAN, textEncoder(CLIP_DECODER));

    private static ClipTextConfig textEncoder(int hidden) {
        DemoVocabulary vocab = DemoVocabulary.create();
        return new ClipTextConfig(hidden, 2 * hidden, 2, hidden / 16, 77, vocab.size(), HiddenAct.GELU, 1e-5, vocab.bos(),
                vocab.eos(), vocab.eos());
    }

    /** Writes both folders under {@code root}. */
    static void write(Path root) throws IOException {
        TorchCpuNoise rng = new TorchCpuNoise(WEIGHT_SEED); // one stream, drawn in the writer's fixed order
        ModelFolderWriter.write(root, CONFIGS, (role, manifest, file) -> writeWeights(file, manifest, rng,
                switch (role) {
                    case PRIOR -> "out.1.";
                    case DECODER -> "clf.1.";
                    default -> null;
                }));
    }

    /**
     * Random weights shaped like a trained model's: matrices ~N(0, 1/fan_in), vectors small around 0
     * (norm gains around 1), BatchNorm variances positive; the output head damped so the network
     * predicts noise of unit scale, and the VQGAN's output centred on mid-grey.
     */
    private static void writeWeights(Path file, ParameterManifest manifest, TorchCpuNoise rng, String headPrefix) {
        List<SafetensorsWriter.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Shape> e : manifest.parameters().entrySet()) {
            String name = e.getKey();
            Shape shape = e.getValue();
            float[] v = rng.nextFloats(Math.toIntExact(shape.elementCount()));
            int fanIn = shape.rank() > 1 ? (int) (shape.elementCount() / shape.dim(0)) : 1;
            for (int i = 0; i < v.length; i++) {
                if (shape.rank() > 1) {
                    v[i] = (float) (v[i] / Math.sqrt(fanIn));
                } else if (name.endsWith("running_var")) {
                    v[i] = 1f + 0.1f * Math.abs(v[i]);
                } else {
                    v[i] = 0.1f * v[i] + (name.contains("norm") && name.endsWith("weight") ? 1f : 0f);
                }
                if (headPrefix != null && name.startsWith(headPrefix)) {
                    v[i] *= 0.05f;
                }
                if (name.equals("out_block.0.bias")) {
                    v[i] += 0.5f; // centre the untrained VQGAN's colours in [0, 1] instead of clipping half at black
                }
            }
            entries.add(SafetensorsWriter.Entry.of(name, DType.F32, HostTensor.of(shape, v)));
        }
        SafetensorsWriter.write(file, entries, Map.of("format", "pt", "origin", "wuerstchen-java demo model " + VERSION));
    }
}
