package dev.wuerstchen.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wuerstchen.api.TestData;
import dev.wuerstchen.api.backend.Network;
import dev.wuerstchen.api.backend.ReferenceBackend;
import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.engine.ModelPair.Role;
import dev.wuerstchen.engine.pipeline.ProgressListener;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Networks released after their stage when the caller does not keep them loaded; reloaded on demand. */
class ReleaseModelsTest {

    private static Wuerstchen engine(boolean keep) {
        return Wuerstchen.builder().models(ModelLocation.inFolder(TestData.tiny())).backend("reference")
                .registry(BackendRegistry.of(List.of(ReferenceBackend.PROVIDER))).keepModelsLoaded(keep).build();
    }

    private static GenerationRequest request() {
        return GenerationRequest.builder("a cat").seed(5).size(128, 128)
                .priorTimesteps(dev.wuerstchen.scheduler.TimestepSpec.steps(2))
                .decoderTimesteps(dev.wuerstchen.scheduler.TimestepSpec.steps(2)).build();
    }

    @Test
    void withoutKeepingModelsEachGenerationFreesThemAndRepeatsTheSameImage() {
        float[] kept;
        try (Wuerstchen w = engine(true)) {
            kept = w.generate(request(), ProgressListener.NONE, null).floatImages().toFloatArray();
            assertEquals(Set.copyOf(ModelPair.PIPELINE_ROLES), w.models().loadedRoles());
        }
        try (Wuerstchen w = engine(false)) {
            float[] first = w.generate(request(), ProgressListener.NONE, null).floatImages().toFloatArray();
            assertEquals(Set.of(), w.models().loadedRoles());
            float[] second = w.generate(request(), ProgressListener.NONE, null).floatImages().toFloatArray();
            assertArrayEquals(kept, first, 0f, "releasing the prior changes nothing the decoder computes");
            assertArrayEquals(first, second, 0f, "the second generation reloads what it needs");
        }
    }

    @Test
    void releaseClosesNetworksAndUnmapsCheckpointsNoLoadedNetworkReads() {
        try (Wuerstchen w = engine(true)) {
            LoadedModels m = w.models();
            Network prior = m.network(Role.PRIOR);
            Checkpoint priorWeights = m.pair().checkpoint(Role.PRIOR);
            m.network(Role.VQGAN_DECODE);
            m.network(Role.VQGAN_ENCODE);
            Checkpoint vqgan = m.pair().checkpoint(Role.VQGAN_DECODE);
            String vqName = vqgan.names().iterator().next();

            m.release(List.of(Role.PRIOR, Role.VQGAN_DECODE));
            assertEquals(Set.of(Role.VQGAN_ENCODE), m.loadedRoles());
            assertThrows(IllegalStateException.class, () -> prior.run(Map.of()));
            assertThrows(IllegalStateException.class, () -> priorWeights.read(priorWeights.names().iterator().next()));
            assertSame(vqgan, m.pair().checkpoint(Role.VQGAN_DECODE), "the encoder still reads the VQGAN's file");
            vqgan.read(vqName);

            m.release(List.of(Role.VQGAN_ENCODE));
            assertThrows(IllegalStateException.class, () -> vqgan.read(vqName));
            Network again = m.network(Role.PRIOR);
            assertNotSame(prior, again);
            assertNotSame(priorWeights, m.pair().checkpoint(Role.PRIOR));
        }
    }
}
