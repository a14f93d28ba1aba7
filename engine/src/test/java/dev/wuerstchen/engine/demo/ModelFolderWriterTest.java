package dev.wuerstchen.engine.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wuerstchen.api.config.ClipTextConfig;
import dev.wuerstchen.api.config.DecoderConfig;
import dev.wuerstchen.api.config.DecoderModelFolder;
import dev.wuerstchen.api.config.PriorConfig;
import dev.wuerstchen.api.config.PriorModelFolder;
import dev.wuerstchen.api.config.PriorPipelineConstants;
import dev.wuerstchen.api.config.VqganConfig;
import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.engine.ModelLocation;
import dev.wuerstchen.engine.ModelPair;
import dev.wuerstchen.engine.ModelPair.Role;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folders {@link ModelFolderWriter} writes are what the loaders read, with the configs they were given. */
class ModelFolderWriterTest {

    @TempDir
    Path tmp;

    /**
     * The published configurations, with header-only checkpoints (the data area is a sparse hole, so
     * the 12 GB cost no time or disk): the folders load with exactly the published configs, and the
     * pair's checks before a run (every tensor present, parameter totals of spec 2.4) pass.
     */
    @Test
    void thePublishedPairLoadsWithThePublishedConfigsAndPassesTheParameterTotals() throws IOException {
        List<Role> written = new ArrayList<>();
        ModelFolderWriter.write(tmp, ModelPairConfigs.PUBLISHED, (role, manifest, file) -> {
            written.add(role);
            writeHeaderOnly(file, manifest);
        });
        assertEquals(ModelPairConfigs.WRITTEN_ROLES, written);

        ModelLocation location = ModelLocation.inFolder(tmp);
        assertEquals(tmp.resolve("wuerstchen-prior"), location.priorDir());
        assertEquals(tmp.resolve("wuerstchen"), location.decoderDir());
        PriorModelFolder prior = location.loadPrior();
        DecoderModelFolder decoder = location.loadDecoder();
        assertEquals(PriorConfig.PUBLISHED, prior.prior());
        assertEquals(PriorPipelineConstants.PUBLISHED, prior.constants());
        assertEquals(ClipTextConfig.PUBLISHED_PRIOR, prior.textEncoder());
        assertEquals(DecoderConfig.PUBLISHED, decoder.decoder());
        assertEquals(VqganConfig.PUBLISHED, decoder.vqgan());
        assertEquals(ClipTextConfig.PUBLISHED_DECODER, decoder.textEncoder());
        assertEquals(10.67, decoder.latentDimScale());

        // spec 2.4's totals (the VQGAN's without BatchNorm's counter): 3,113,414,582 parameters in all
        assertEquals(993_636_896L + 1_055_365_280L + 18_406_902L + 693_021_440L + 352_984_064L,
                ModelPairConfigs.PUBLISHED.parameterCount());
        try (ModelPair pair = ModelPair.load(location)) {
            pair.verify(ModelPair.PIPELINE_ROLES); // throws with both totals when one differs
            assertEquals(49408, pair.checkpoint(Role.PRIOR_TEXT_ENCODER).info("text_model.embeddings.token_embedding.weight")
                    .shape().dim(0));
        }
    }

    @Test
    void theDemoConfigsRoundTripAndItsTokenizerFitsItsEncoders() throws IOException {
        DemoModel.write(tmp);
        ModelLocation location = ModelLocation.inFolder(tmp);
        PriorModelFolder prior = location.loadPrior();
        DecoderModelFolder decoder = location.loadDecoder();
        ModelPairConfigs read = new ModelPairConfigs(prior.constants(), prior.prior(), prior.textEncoder(),
                decoder.latentDimScale(), decoder.decoder(), decoder.vqgan(), decoder.textEncoder());
        assertEquals(DemoModel.CONFIGS, read);
        try (ModelPair pair = ModelPair.load(location)) {
            pair.verify(ModelPair.PIPELINE_ROLES);
        }
        String vocab = Files.readString(tmp.resolve("wuerstchen-prior/tokenizer/vocab.json"));
        assertTrue(vocab.contains("\"<|endoftext|>\" : " + DemoModel.CONFIGS.priorTextEncoder().eosTokenId()), vocab);
    }

    /** A safetensors file whose header lists the manifest's tensors as F16 and whose data is a hole. */
    private static void writeHeaderOnly(Path file, ParameterManifest manifest) throws IOException {
        ObjectNode header = new ObjectMapper().createObjectNode();
        long offset = 0;
        for (Map.Entry<String, Shape> e : manifest.parameters().entrySet()) {
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", "F16");
            var shape = t.putArray("shape");
            for (int d : e.getValue().dims()) {
                shape.add(d);
            }
            long bytes = e.getValue().elementCount() * 2;
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        String text = header.toString();
        byte[] json = (text + " ".repeat((8 - text.length() % 8) % 8)).getBytes(StandardCharsets.UTF_8); // ASCII names
        Files.createDirectories(file.getParent());
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, json.length).array());
            f.write(json);
            f.setLength(8 + json.length + offset);
        }
    }
}
