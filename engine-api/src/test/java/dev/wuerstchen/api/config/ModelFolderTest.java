package dev.wuerstchen.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.TestData;
import dev.wuerstchen.api.error.CheckpointException;
import dev.wuerstchen.api.error.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFolderTest {

    @TempDir
    Path tmp;

    private Path copyOf(String folder) {
        Path dst = tmp.resolve(folder);
        TestData.copyTree(TestData.tiny().resolve(folder), dst);
        return dst;
    }

    @Test
    void readsTheTinyPriorFolder() {
        PriorModelFolder f = PriorModelFolder.load(TestData.tiny().resolve("wuerstchen-prior"));
        // values from testdata/golden/tiny/wuerstchen-prior/*.json
        assertEquals(new PriorPipelineConstants(42.0, 1.0, 42.67), f.constants());
        assertEquals(new PriorConfig(16, 64, 32, 64, 2, 4), f.prior());
        assertEquals(32, f.textEncoder().hiddenSize());
        assertEquals(HiddenAct.GELU, f.textEncoder().hiddenAct());
        assertEquals(123, f.textEncoder().eosTokenId());
        assertEquals(new SchedulerConfig("DDPMWuerstchenScheduler", 0.008, 1.0), f.scheduler());
        assertTrue(f.priorWeights().endsWith("prior/diffusion_pytorch_model.safetensors"));
        assertTrue(f.textEncoderWeights().endsWith("text_encoder/model.safetensors"));
    }

    @Test
    void readsTheTinyDecoderFolder() {
        DecoderModelFolder f = DecoderModelFolder.load(TestData.tiny().resolve("wuerstchen"));
        assertEquals(10.67, f.latentDimScale());
        DecoderConfig d = f.decoder();
        assertEquals(List.of(16, 32, 32, 32), d.cHidden());
        assertEquals(List.of(-1, 2, 4, 4), d.nhead());
        assertEquals(List.of("CT", "CTA", "CTA", "CTA"), d.levelConfig());
        assertEquals(List.of(false, true, true, true), d.injectEffnet());
        assertEquals(32, d.cCond());
        assertEquals(24, d.clipEmbd());
        assertEquals(new VqganConfig(3, 3, 2, 2, 2, 32, 4, 64, 0.3764), f.vqgan());
        assertEquals(HiddenAct.QUICK_GELU, f.textEncoder().hiddenAct());
        assertEquals(16, f.vqgan().channels(0));
        assertEquals(32, f.vqgan().channels(1));
    }

    @Test
    void missingRequiredKeyNamesFileAndKey() throws IOException {
        Path prior = copyOf("wuerstchen-prior");
        Path cfg = prior.resolve("prior/config.json");
        Files.writeString(cfg, Files.readString(cfg).replace("\"depth\": 2,", ""));
        ConfigException e = assertThrows(ConfigException.class, () -> PriorModelFolder.load(prior));
        assertEquals(cfg, e.file());
        assertEquals("/depth", e.jsonPath());
        assertTrue(e.getMessage().contains("config.json#/depth: required key is missing"), e.getMessage());
    }

    @Test
    void wrongTypeNamesTheKeyAndValue() throws IOException {
        Path dec = copyOf("wuerstchen");
        Path cfg = dec.resolve("decoder/config.json");
        Files.writeString(cfg, Files.readString(cfg).replace("\"clip_embd\": 24", "\"clip_embd\": \"big\""));
        ConfigException e = assertThrows(ConfigException.class, () -> DecoderModelFolder.load(dec));
        assertTrue(e.getMessage().contains("#/clip_embd: must be an integer but is \"big\""), e.getMessage());
    }

    @Test
    void inconsistentListsAreReported() throws IOException {
        Path dec = copyOf("wuerstchen");
        Path cfg = dec.resolve("decoder/config.json");
        String text = Files.readString(cfg).replaceFirst("\"blocks\": \\[\\s*1,", "\"blocks\": [");
        Files.writeString(cfg, text);
        ConfigException e = assertThrows(ConfigException.class, () -> DecoderModelFolder.load(dec));
        assertTrue(e.getMessage().contains("#/blocks: has 3 entries but c_hidden has 4"), e.getMessage());
    }

    @Test
    void malformedJsonGivesLineAndColumn() throws IOException {
        Path prior = copyOf("wuerstchen-prior");
        Path cfg = prior.resolve("scheduler/scheduler_config.json");
        Files.writeString(cfg, "{\n  \"s\": 0.008,\n  oops\n}");
        ConfigException e = assertThrows(ConfigException.class, () -> PriorModelFolder.load(prior));
        assertTrue(e.getMessage().contains("scheduler_config.json#/: is not valid JSON at line 3"), e.getMessage());
    }

    @Test
    void unknownActivationIsRefused() throws IOException {
        Path prior = copyOf("wuerstchen-prior");
        Path cfg = prior.resolve("text_encoder/config.json");
        Files.writeString(cfg, Files.readString(cfg).replace("\"gelu\"", "\"relu\""));
        ConfigException e = assertThrows(ConfigException.class, () -> PriorModelFolder.load(prior));
        assertTrue(e.getMessage().contains("#/hidden_act: activation 'relu' is not supported"), e.getMessage());
    }

    @Test
    void missingComponentIsNamed() throws IOException {
        Path dec = copyOf("wuerstchen");
        deleteTree(dec.resolve("vqgan"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> DecoderModelFolder.load(dec));
        assertEquals(dec.resolve("vqgan"), e.file());
        assertTrue(e.getMessage().contains("component folder 'vqgan' is missing"), e.getMessage());
    }

    @Test
    void missingModelIndexIsNamed() throws IOException {
        Path prior = copyOf("wuerstchen-prior");
        Files.delete(prior.resolve("model_index.json"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> PriorModelFolder.load(prior));
        assertTrue(e.getMessage().contains("model_index.json: file is missing"), e.getMessage());
    }

    @Test
    void decoderFolderPassedAsPriorIsExplained() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> PriorModelFolder.load(TestData.tiny().resolve("wuerstchen")));
        assertTrue(e.getMessage().contains("is 'WuerstchenDecoderPipeline', but a Würstchen prior folder"), e.getMessage());
    }

    @Test
    void binOnlyWeightsAreExplained() throws IOException {
        Path prior = copyOf("wuerstchen-prior");
        Files.delete(prior.resolve("prior/diffusion_pytorch_model.safetensors"));
        Files.writeString(prior.resolve("prior/diffusion_pytorch_model.bin"), "x");
        CheckpointException e = assertThrows(CheckpointException.class, () -> PriorModelFolder.load(prior));
        assertTrue(e.getMessage().contains("holds only PyTorch .bin weights"), e.getMessage());
    }

    @Test
    void missingWeightsAreExplained() throws IOException {
        Path prior = copyOf("wuerstchen-prior");
        Files.delete(prior.resolve("text_encoder/model.safetensors"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> PriorModelFolder.load(prior));
        assertTrue(e.getMessage().contains("text_encoder: holds no .safetensors weights"), e.getMessage());
    }

    @Test
    void precisionVariantIsFoundWhenAlone() throws IOException {
        Path prior = copyOf("wuerstchen-prior");
        Files.move(prior.resolve("prior/diffusion_pytorch_model.safetensors"),
                prior.resolve("prior/diffusion_pytorch_model.fp16.safetensors"));
        assertTrue(PriorModelFolder.load(prior).priorWeights().endsWith("diffusion_pytorch_model.fp16.safetensors"));
    }

    private static void deleteTree(Path p) throws IOException {
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
