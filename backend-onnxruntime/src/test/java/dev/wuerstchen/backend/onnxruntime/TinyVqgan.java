package dev.wuerstchen.backend.onnxruntime;

import dev.wuerstchen.api.TestData;
import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.checkpoint.Checkpoints;
import dev.wuerstchen.api.config.DecoderModelFolder;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.models.vqgan.PaellaVqNetwork;

/** The tiny VQGAN of testdata/golden/tiny and its recorded decode call: a small, fast network for backend tests. */
final class TinyVqgan {

    static final DecoderModelFolder FOLDER = DecoderModelFolder.load(TestData.tiny().resolve("wuerstchen"));

    private TinyVqgan() {
    }

    static PaellaVqNetwork decode() {
        return new PaellaVqNetwork(FOLDER.vqgan(), PaellaVqNetwork.Mode.DECODE);
    }

    static Checkpoint weights() {
        return Checkpoints.open(FOLDER.vqganWeights());
    }

    /** A golden tensor by name (vqgan.decode.in, vqgan.decode.out, ...). */
    static HostTensor golden(String name) {
        try (Checkpoint g = Checkpoints.open(TestData.tiny().resolve("golden.safetensors"))) {
            return g.read(name);
        }
    }
}
