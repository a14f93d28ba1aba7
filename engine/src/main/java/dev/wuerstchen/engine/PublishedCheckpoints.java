package dev.wuerstchen.engine;

import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.error.CheckpointException;
import dev.wuerstchen.api.nn.ParameterManifest;
import java.util.Locale;

/**
 * The parameter totals of the published warp-ai checkpoints (spec 2.4). When a network is built
 * from a published config, its checkpoint must hold exactly this many parameters; a wrong or
 * truncated download is reported before anything runs.
 */
public enum PublishedCheckpoints {
    PRIOR("warp-ai/wuerstchen-prior", "prior", 993_636_896L),
    DECODER("warp-ai/wuerstchen", "decoder", 1_055_365_280L),
    /** Spec 2.4 counts 18,406,903 with BatchNorm's one-element num_batches_tracked buffer, which is not read. */
    VQGAN("warp-ai/wuerstchen", "vqgan", 18_406_902L),
    PRIOR_TEXT_ENCODER("warp-ai/wuerstchen-prior", "text_encoder", 693_021_440L),
    DECODER_TEXT_ENCODER("warp-ai/wuerstchen", "text_encoder", 352_984_064L);

    private final String repository;
    private final String component;
    private final long parameters;

    PublishedCheckpoints(String repository, String component, long parameters) {
        this.repository = repository;
        this.component = component;
        this.parameters = parameters;
    }

    public long parameters() {
        return parameters;
    }

    /**
     * Counts the checkpoint's parameters under the manifest's names (buffers the networks never read
     * are left out) and compares them with the published total.
     */
    public void check(ParameterManifest manifest, Checkpoint checkpoint) {
        long stored = 0;
        for (String name : manifest.parameters().keySet()) {
            if (checkpoint.names().contains(name)) {
                stored += checkpoint.info(name).shape().elementCount();
            }
        }
        if (stored != parameters) {
            throw new CheckpointException(checkpoint.source(), String.format(Locale.ROOT,
                    "holds %,d parameters but the published %s %s has %,d. The download is incomplete or belongs to "
                            + "another model; download %s/%s again", stored, repository, component, parameters,
                    repository, component));
        }
    }
}
