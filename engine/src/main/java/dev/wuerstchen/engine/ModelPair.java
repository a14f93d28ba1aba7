package dev.wuerstchen.engine;

import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.checkpoint.Checkpoints;
import dev.wuerstchen.api.config.ClipTextConfig;
import dev.wuerstchen.api.config.DecoderConfig;
import dev.wuerstchen.api.config.DecoderModelFolder;
import dev.wuerstchen.api.config.PriorConfig;
import dev.wuerstchen.api.config.PriorModelFolder;
import dev.wuerstchen.api.config.VqganConfig;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.models.clip.ClipTextEncoder;
import dev.wuerstchen.models.decoder.WuerstchenDiffNeXt;
import dev.wuerstchen.models.prior.WuerstchenPrior;
import dev.wuerstchen.models.vqgan.PaellaVqNetwork;
import java.nio.file.Path;
import dev.wuerstchen.api.io.Closeables;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * A prior folder and a decoder folder: the network definitions their configs describe and their
 * checkpoints, opened (memory-mapped) on first use. No backend is involved; {@link LoadedModels}
 * puts the networks on one. Owns the checkpoints it opened.
 */
public final class ModelPair implements AutoCloseable {

    /** The networks a Würstchen pair provides. */
    public enum Role {
        PRIOR_TEXT_ENCODER, PRIOR, DECODER_TEXT_ENCODER, DECODER, VQGAN_DECODE, VQGAN_ENCODE, VQGAN_QUANTIZE
    }

    /** The networks the text-to-image pipelines run. */
    public static final List<Role> PIPELINE_ROLES = List.of(Role.PRIOR_TEXT_ENCODER, Role.PRIOR, Role.DECODER_TEXT_ENCODER,
            Role.DECODER, Role.VQGAN_DECODE);

    private final PriorModelFolder priorFolder;
    private final DecoderModelFolder decoderFolder;
    private final Map<Path, Checkpoint> checkpoints = new HashMap<>();
    private final Deque<Checkpoint> opened = new ArrayDeque<>();
    private boolean closed;

    public ModelPair(PriorModelFolder priorFolder, DecoderModelFolder decoderFolder) {
        this.priorFolder = priorFolder;
        this.decoderFolder = decoderFolder;
    }

    /** Reads both folders' configs (checkpoints open later). */
    public static ModelPair load(ModelLocation location) {
        return new ModelPair(location.loadPrior(), location.loadDecoder());
    }

    public PriorModelFolder priorFolder() {
        return priorFolder;
    }

    public DecoderModelFolder decoderFolder() {
        return decoderFolder;
    }

    /** The definition behind a role, built from the folder's config. */
    public synchronized NetworkDefinition definition(Role role) {
        return definition(role, role == Role.PRIOR_TEXT_ENCODER || role == Role.DECODER_TEXT_ENCODER ? checkpoint(role) : null);
    }

    /** The text encoders' key layout depends on the checkpoint that holds them. */
    private NetworkDefinition definition(Role role, Checkpoint ckpt) {
        return switch (role) {
            case PRIOR_TEXT_ENCODER -> new ClipTextEncoder("prior-text-encoder", priorFolder.textEncoder(),
                    ClipTextEncoder.keyPrefix(ckpt.names()));
            case PRIOR -> new WuerstchenPrior(priorFolder.prior());
            case DECODER_TEXT_ENCODER -> new ClipTextEncoder("decoder-text-encoder", decoderFolder.textEncoder(),
                    ClipTextEncoder.keyPrefix(ckpt.names()));
            case DECODER -> new WuerstchenDiffNeXt(decoderFolder.decoder());
            case VQGAN_DECODE -> new PaellaVqNetwork(decoderFolder.vqgan(), PaellaVqNetwork.Mode.DECODE);
            case VQGAN_ENCODE -> new PaellaVqNetwork(decoderFolder.vqgan(), PaellaVqNetwork.Mode.ENCODE);
            case VQGAN_QUANTIZE -> new PaellaVqNetwork(decoderFolder.vqgan(), PaellaVqNetwork.Mode.QUANTIZE);
        };
    }

    /**
     * The checkpoint of a role, opened on first use and checked before it is handed out: every
     * tensor the network reads must be there with its shape (all missing, unexpected and mis-shaped
     * names reported together), and when the folder's config is a published one, the parameter
     * total must be the published checkpoint's (spec 2.4). Only headers are read.
     */
    public synchronized Checkpoint checkpoint(Role role) {
        if (closed) {
            throw new IllegalStateException("the models of " + priorFolder.root() + " and " + decoderFolder.root()
                    + " are closed");
        }
        Path file = weightsOf(role);
        Checkpoint c = checkpoints.get(file);
        if (c == null) {
            Checkpoint opening = Checkpoints.open(file);
            try {
                var manifest = definition(role, opening).manifest();
                manifest.check(opening.names(), n -> opening.info(n).shape());
                PublishedCheckpoints published = publishedFor(role);
                if (published != null) {
                    published.check(manifest, opening);
                }
            } catch (RuntimeException e) {
                opening.close();
                throw e;
            }
            c = opening;
            checkpoints.put(file, c);
            opened.push(c);
        }
        return c;
    }

    /**
     * Closes (unmaps) the checkpoint of a role unless a role in {@code inUse} reads the same file (the
     * VQGAN's three networks share one); it is opened and checked again when next needed.
     */
    public synchronized void release(Role role, Collection<Role> inUse) {
        if (closed) {
            return;
        }
        Path file = weightsOf(role);
        for (Role other : inUse) {
            if (weightsOf(other).equals(file)) {
                return;
            }
        }
        Checkpoint c = checkpoints.remove(file);
        if (c != null) {
            opened.remove(c);
            c.close();
        }
    }

    /** Opens and checks the checkpoints of these roles now. */
    public void verify(List<Role> roles) {
        roles.forEach(this::checkpoint);
    }

    private Path weightsOf(Role role) {
        return switch (role) {
            case PRIOR_TEXT_ENCODER -> priorFolder.textEncoderWeights();
            case PRIOR -> priorFolder.priorWeights();
            case DECODER_TEXT_ENCODER -> decoderFolder.textEncoderWeights();
            case DECODER -> decoderFolder.decoderWeights();
            case VQGAN_DECODE, VQGAN_ENCODE, VQGAN_QUANTIZE -> decoderFolder.vqganWeights();
        };
    }

    /** The published checkpoint a role's config matches, or null for other configurations. */
    private PublishedCheckpoints publishedFor(Role role) {
        return switch (role) {
            case PRIOR -> priorFolder.prior().equals(PriorConfig.PUBLISHED) ? PublishedCheckpoints.PRIOR : null;
            case DECODER -> decoderFolder.decoder().equals(DecoderConfig.PUBLISHED) ? PublishedCheckpoints.DECODER : null;
            case VQGAN_DECODE, VQGAN_ENCODE, VQGAN_QUANTIZE ->
                    decoderFolder.vqgan().equals(VqganConfig.PUBLISHED) ? PublishedCheckpoints.VQGAN : null;
            case PRIOR_TEXT_ENCODER -> isPublishedClip(priorFolder.textEncoder(), 1280, 32)
                    ? PublishedCheckpoints.PRIOR_TEXT_ENCODER : null;
            case DECODER_TEXT_ENCODER -> isPublishedClip(decoderFolder.textEncoder(), 1024, 24)
                    ? PublishedCheckpoints.DECODER_TEXT_ENCODER : null;
        };
    }

    private static boolean isPublishedClip(ClipTextConfig c, int hidden, int layers) {
        return c.hiddenSize() == hidden && c.numHiddenLayers() == layers && c.vocabSize() == 49408
                && c.intermediateSize() == 4 * hidden && c.maxPositionEmbeddings() == 77;
    }

    /** Closes the checkpoints in reverse order of opening; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // the deque holds the newest first, so iterating closes in reverse order of opening
        List<AutoCloseable> parts = new ArrayList<>(opened);
        opened.clear();
        Closeables.closeAll(parts);
    }
}
