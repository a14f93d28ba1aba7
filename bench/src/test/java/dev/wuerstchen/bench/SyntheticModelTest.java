package dev.wuerstchen.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.checkpoint.Checkpoints;
import dev.wuerstchen.api.config.ClipTextConfig;
import dev.wuerstchen.api.config.HiddenAct;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.engine.ModelLocation;
import dev.wuerstchen.engine.ModelPair;
import dev.wuerstchen.engine.ModelPair.Role;
import dev.wuerstchen.engine.demo.DemoModel;
import dev.wuerstchen.engine.demo.ModelPairConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synthetic model folders: the synthetic checkpoint's values, stored as asked, appearing whole or not at all. */
class SyntheticModelTest {

    @TempDir
    Path tmp;

    private static final List<String> SAMPLED = List.of("text_model.embeddings.token_embedding.weight",
            "text_model.encoder.layers.1.mlp.fc1.weight", "text_model.final_layer_norm.weight");

    @Test
    void float16WeightsAreTheSyntheticValuesRoundedToHalfAndTheFolderLoads() throws IOException {
        Path dir = tmp.resolve("model");
        List<String> lines = new ArrayList<>();
        long bytes = SyntheticModel.write(dir, DemoModel.CONFIGS, DType.F16, lines::add);
        assertEquals(DemoModel.CONFIGS.parameterCount() * 2, bytes);
        assertTrue(lines.getLast().startsWith("wrote "), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("wuerstchen/decoder/diffusion_pytorch_model.safetensors")),
                lines.toString());

        try (ModelPair pair = ModelPair.load(ModelLocation.inFolder(dir))) {
            pair.verify(ModelPair.PIPELINE_ROLES);
            // the two text encoders have the same tensor names; their values differ by the role's seed
            for (Role role : List.of(Role.PRIOR_TEXT_ENCODER, Role.DECODER_TEXT_ENCODER)) {
                Checkpoint stored = pair.checkpoint(role);
                try (SyntheticCheckpoint expected = new SyntheticCheckpoint(DemoModel.CONFIGS.definition(role).manifest(),
                        SyntheticModel.SEED + role.ordinal())) {
                    for (String name : SAMPLED) {
                        assertEquals(DType.F16, stored.info(name).dtype());
                        float[] want = expected.read(name).toFloatArray();
                        for (int i = 0; i < want.length; i++) {
                            want[i] = Float.float16ToFloat(Float.floatToFloat16(want[i])); // the JDK's rounding as oracle
                        }
                        assertArrayEquals(want, stored.read(name).toFloatArray(), 0f, role + " " + name);
                    }
                }
            }
            float[] prior = pair.checkpoint(Role.PRIOR_TEXT_ENCODER).read(SAMPLED.get(1)).toFloatArray();
            float[] decoder = pair.checkpoint(Role.DECODER_TEXT_ENCODER).read(SAMPLED.get(1)).toFloatArray();
            assertFalse(prior[0] == decoder[0] && prior[1] == decoder[1], "the text encoders got the same weights");
        }
        assertEquals(List.of(dir), siblings(), "no temporary folder is left");
    }

    @Test
    void float32KeepsTheValuesExactly() throws IOException {
        Path dir = tmp.resolve("model");
        SyntheticModel.write(dir, DemoModel.CONFIGS, DType.F32, s -> { });
        Path file = dir.resolve("wuerstchen/vqgan/diffusion_pytorch_model.safetensors");
        try (Checkpoint stored = Checkpoints.open(file);
                SyntheticCheckpoint expected = new SyntheticCheckpoint(
                        DemoModel.CONFIGS.definition(Role.VQGAN_DECODE).manifest(), SyntheticModel.SEED
                                + Role.VQGAN_DECODE.ordinal())) {
            assertEquals(expected.names(), stored.names());
            for (String name : expected.names()) {
                assertArrayEquals(expected.read(name).toFloatArray(), stored.read(name).toFloatArray(), 0f, name);
            }
        }
    }

    @Test
    void anEmptyFolderIsFilledAndANonEmptyOneRefusedUntouched() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        SyntheticModel.write(empty, DemoModel.CONFIGS, DType.F16, s -> { });
        assertTrue(Files.isDirectory(empty.resolve("wuerstchen-prior/prior")));

        Path used = Files.createDirectories(tmp.resolve("used"));
        Files.writeString(used.resolve("notes.txt"), "mine");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticModel.write(used, DemoModel.CONFIGS, DType.F16, s -> { }));
        assertTrue(e.getMessage().contains("exists and is not an empty folder"), e.getMessage());
        try (Stream<Path> s = Files.list(used)) {
            assertEquals(List.of(used.resolve("notes.txt")), s.toList());
        }
        assertEquals("mine", Files.readString(used.resolve("notes.txt")));
    }

    /** A write interrupted half-way (here: as the decoder's weights begin) leaves neither the folder nor its temporary twin. */
    @Test
    void anInterruptedWriteLeavesNothing() throws IOException {
        Path dir = tmp.resolve("model");
        List<String> lines = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SyntheticModel.write(dir, DemoModel.CONFIGS, DType.F16, line -> {
                    lines.add(line);
                    if (line.contains("wuerstchen/decoder/")) {
                        throw new IllegalStateException("interrupted");
                    }
                }));
        assertEquals("interrupted", e.getMessage());
        assertTrue(lines.stream().anyMatch(l -> l.contains("wuerstchen-prior/prior/")), "the prior was written first");
        assertEquals(List.of(), siblings());
    }

    @Test
    void configsWhoseEncodersCannotHoldTheTokenizerAreRefusedBeforeWriting() {
        ClipTextConfig tooSmall = new ClipTextConfig(32, 64, 1, 2, 77, 10, HiddenAct.GELU, 1e-5, 8, 9, 9);
        ModelPairConfigs c = DemoModel.CONFIGS;
        ModelPairConfigs broken = new ModelPairConfigs(c.priorConstants(), c.prior(), c.priorTextEncoder(),
                c.latentDimScale(), c.decoder(), c.vqgan(), tooSmall);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticModel.write(tmp.resolve("model"), broken, DType.F16, s -> { }));
        assertTrue(e.getMessage().contains("vocab_size 10"), e.getMessage());
        assertEquals(List.of(), siblings());
    }

    @Test
    void weightTypesByName() {
        assertEquals(DType.F16, SyntheticModel.parseDtype("float16"));
        assertEquals(DType.BF16, SyntheticModel.parseDtype("BF16"));
        assertEquals(DType.F32, SyntheticModel.parseDtype("fp32"));
        assertThrows(IllegalArgumentException.class, () -> SyntheticModel.parseDtype("int8"));
    }

    private List<Path> siblings() {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
