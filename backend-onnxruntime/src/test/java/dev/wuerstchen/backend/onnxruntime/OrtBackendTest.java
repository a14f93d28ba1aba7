package dev.wuerstchen.backend.onnxruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.backend.Availability;
import dev.wuerstchen.api.backend.Backend;
import dev.wuerstchen.api.backend.BackendOptions;
import dev.wuerstchen.api.backend.BackendProvider;
import dev.wuerstchen.api.backend.Network;
import dev.wuerstchen.api.backend.Precision;
import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.checkpoint.Checkpoints;
import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.error.UnsupportedRequestException;
import dev.wuerstchen.api.error.WeightsMismatchException;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery, availability, ownership and the errors of the ONNX Runtime backend. */
class OrtBackendTest {

    @TempDir
    Path cache;

    private Backend open() {
        return new OrtBackendProvider().open(BackendOptions.DEFAULTS.withCacheDir(cache));
    }

    @Test
    void isDiscoveredAndReportsTheRuntimeVersion() {
        BackendProvider found = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals("onnxruntime")).findFirst().orElseThrow();
        Availability a = found.probe();
        Availability.Available ok = assertInstanceOf(Availability.Available.class, a);
        assertTrue(ok.version().startsWith("1.23"), ok.version());
        assertEquals(java.util.List.of("CPU"), ok.devices());
    }

    @Test
    void refusesOtherDevicesAndPrecisions() {
        // a user's choice, not a programming error: a typed exception with the fix (was IllegalArgumentException)
        UnsupportedRequestException device = assertThrows(UnsupportedRequestException.class,
                () -> new OrtBackendProvider().open(BackendOptions.DEFAULTS.withDevice("GPU")));
        assertTrue(device.getMessage().contains("device 'GPU'") && device.getMessage().contains("Pass device CPU"),
                device.getMessage());
        try (Backend b = open(); Checkpoint ckpt = TinyVqgan.weights()) {
            UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class,
                    () -> b.load(TinyVqgan.decode(), ckpt, Precision.F16));
            assertTrue(e.getMessage().contains("F16") && e.getMessage().contains("Use F32"), e.getMessage());
        }
    }

    @Test
    void checksTheCheckpointBeforeLoading() {
        try (Backend b = open(); Checkpoint wrong = Checkpoints.open(TinyVqgan.FOLDER.decoderWeights())) {
            WeightsMismatchException e = assertThrows(WeightsMismatchException.class,
                    () -> b.load(TinyVqgan.decode(), wrong, Precision.F32));
            assertTrue(e.getMessage().startsWith("vqgan-decode"), e.getMessage());
        }
    }

    @Test
    void rejectsMissingMistypedAndMisshapedInputsNamingThem() {
        HostTensor latents = TinyVqgan.golden("vqgan.decode.in");
        try (Backend b = open(); Checkpoint ckpt = TinyVqgan.weights()) {
            Network n = b.load(TinyVqgan.decode(), ckpt, Precision.F32);
            // names and element types are checked by NetworkInputs (IllegalArgumentException, as on every
            // backend; these were ShapeMismatchExceptions here), shapes by the definition
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> n.run(Map.of()));
            assertTrue(missing.getMessage().contains("vqgan-decode input 'latents'"), missing.getMessage());
            HostTensor ints = HostTensor.of(latents.shape(), new long[latents.shape().size()]);
            IllegalArgumentException typed = assertThrows(IllegalArgumentException.class,
                    () -> n.run(Map.of("latents", ints)));
            assertTrue(typed.getMessage().contains("F32") && typed.getMessage().contains("I64"), typed.getMessage());
            HostTensor threeChannels = HostTensor.zeros(Shape.of(1, 3, 8, 8));
            ShapeMismatchException shaped = assertThrows(ShapeMismatchException.class,
                    () -> n.run(Map.of("latents", threeChannels)));
            assertTrue(shaped.getMessage().contains("(1,3,8,8)"), shaped.getMessage());
            assertThrows(IllegalArgumentException.class, () -> n.run(Map.of("latents", latents, "extra", latents)));
        }
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseNamesTheNetwork() {
        HostTensor latents = TinyVqgan.golden("vqgan.decode.in");
        try (Checkpoint ckpt = TinyVqgan.weights()) {
            Backend b = open();
            Network n = b.load(TinyVqgan.decode(), ckpt, Precision.F32);
            n.run(Map.of("latents", latents));
            n.close();
            n.close();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> n.run(Map.of("latents", latents)));
            assertTrue(e.getMessage().contains("vqgan-decode"), e.getMessage());

            Network other = b.load(TinyVqgan.decode(), ckpt, Precision.F32);
            b.close();
            b.close();
            assertTrue(assertThrows(IllegalStateException.class, () -> other.run(Map.of("latents", latents)))
                    .getMessage().contains("vqgan-decode"), "closing the backend closes its networks");
            assertThrows(IllegalStateException.class, () -> b.load(TinyVqgan.decode(), ckpt, Precision.F32));
        }
    }

    @Test
    void exportsGoUnderTheCacheRoot(@org.junit.jupiter.api.io.TempDir Path root) {
        try (OrtBackend b = (OrtBackend) new OrtBackendProvider().open(BackendOptions.DEFAULTS.withCacheDir(root))) {
            assertEquals(root.resolve("onnx"), b.cacheDir());
        }
    }
}
