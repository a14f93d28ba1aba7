package dev.wuerstchen.engine;

import dev.wuerstchen.api.backend.Backend;
import dev.wuerstchen.api.backend.BackendOptions;
import dev.wuerstchen.api.backend.Precision;
import dev.wuerstchen.api.config.DecoderModelFolder;
import dev.wuerstchen.api.config.PriorModelFolder;
import dev.wuerstchen.api.config.SchedulerConfig;
import dev.wuerstchen.api.noise.NoiseSource;
import dev.wuerstchen.api.noise.TorchCpuNoise;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.engine.ModelPair.Role;
import dev.wuerstchen.engine.pipeline.CancellationToken;
import dev.wuerstchen.engine.pipeline.DecoderRequest;
import dev.wuerstchen.engine.pipeline.Images;
import dev.wuerstchen.engine.pipeline.PriorRequest;
import dev.wuerstchen.engine.pipeline.ProgressListener;
import dev.wuerstchen.engine.pipeline.RunContext;
import dev.wuerstchen.engine.pipeline.SizeRule;
import dev.wuerstchen.engine.pipeline.TensorTap;
import dev.wuerstchen.scheduler.Scheduler;
import dev.wuerstchen.scheduler.Schedulers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The public Java API: a Würstchen model pair on one backend.
 *
 * <pre>{@code
 * try (Wuerstchen w = Wuerstchen.builder().models(ModelLocation.inFolder(dir)).backend("nd4j").build()) {
 *     GenerationResult r = w.generate(GenerationRequest.builder("a cat").seed(1).build(), ProgressListener.NONE, null);
 * }
 * }</pre>
 *
 * Owns the backend and everything loaded on it. One generation at a time: calls from other threads
 * wait, and {@link #close()} waits for a running generation (cancel it first to stop it early).
 */
public final class Wuerstchen implements AutoCloseable {

    /** The roles each half of a generation runs, released after it when models are not kept loaded. */
    private static final List<Role> PRIOR_ROLES = List.of(Role.PRIOR_TEXT_ENCODER, Role.PRIOR);
    private static final List<Role> DECODER_ROLES = List.of(Role.DECODER_TEXT_ENCODER, Role.DECODER, Role.VQGAN_DECODE);

    private final Backend backend;
    private final LoadedModels models;
    private final SizeRule sizeRule;
    private final boolean keepModelsLoaded;

    private Wuerstchen(Backend backend, LoadedModels models, boolean keepModelsLoaded) {
        this.backend = backend;
        this.models = models;
        this.keepModelsLoaded = keepModelsLoaded;
        this.sizeRule = SizeRule.of(models.priorFolder(), models.decoderFolder());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Which sizes this model pair can make. */
    public SizeRule sizeRule() {
        return sizeRule;
    }

    public LoadedModels models() {
        return models;
    }

    public String backendId() {
        return backend.id();
    }

    /**
     * Runs the prior, the decoder and the VQGAN.
     *
     * @param cancellation may be null
     * @throws dev.wuerstchen.api.error.UnsupportedRequestException for sizes the decoder cannot make
     * @throws IllegalArgumentException for an unknown scheduler id
     */
    public GenerationResult generate(GenerationRequest request, ProgressListener progress, CancellationToken cancellation) {
        return generate(request, progress, cancellation, TensorTap.NONE);
    }

    /**
     * As {@link #generate(GenerationRequest, ProgressListener, CancellationToken)}, showing {@code tap}
     * every intermediate tensor (latents after each step, image embeddings, VQGAN input and output).
     */
    public synchronized GenerationResult generate(GenerationRequest request, ProgressListener progress,
            CancellationToken cancellation, TensorTap tap) {
        sizeRule.check(request.width(), request.height());
        Set<String> warnings = new LinkedHashSet<>(); // both text encoders report the same truncation
        int outW = sizeRule.outputSide(request.width());
        int outH = sizeRule.outputSide(request.height());
        if (outW != request.width() || outH != request.height()) {
            warnings.add(request.width() + "x" + request.height() + " is not a size the model makes exactly; the image is "
                    + outW + "x" + outH + " (the latents are rounded up, as diffusers does)");
        }
        Scheduler priorScheduler = scheduler(request.priorScheduler(), models.priorFolder().scheduler());
        Scheduler decoderScheduler = scheduler(request.decoderScheduler(), models.decoderFolder().scheduler());
        NoiseSource noise = request.noise() != null ? request.noise() : new TorchCpuNoise(request.seed());
        long start = System.nanoTime();
        RunContext ctx = new RunContext(noise, progress, cancellation, tap, start);
        List<String> negatives = request.prompts().stream().map(p -> request.negativePrompt()).toList();

        HostTensor embeddings = models.priorPipeline().run(new PriorRequest(request.prompts(), negatives, request.width(),
                request.height(), request.imagesPerPrompt(), request.priorTimesteps(), request.priorGuidance()),
                priorScheduler, ctx, warnings::add);
        if (!keepModelsLoaded) {
            models.release(PRIOR_ROLES); // the decoder stage must not need room for both halves at once
        }
        HostTensor images = models.decoderPipeline().run(new DecoderRequest(embeddings, request.prompts(), negatives,
                request.decoderTimesteps(), request.decoderGuidance()), decoderScheduler, ctx, warnings::add);
        if (!keepModelsLoaded) {
            models.release(DECODER_ROLES);
        }
        return new GenerationResult(request, Images.toRgb8(images), images, embeddings, new ArrayList<>(warnings),
                Duration.ofNanos(System.nanoTime() - start), priorScheduler.id(), decoderScheduler.id());
    }

    private static Scheduler scheduler(String id, SchedulerConfig folderConfig) {
        return id == null ? Schedulers.forConfig(folderConfig) : Schedulers.create(id, folderConfig);
    }

    /** Closes the models, then the backend; idempotent; waits for a running generation. */
    @Override
    public synchronized void close() {
        try {
            models.close();
        } finally {
            backend.close();
        }
    }

    /** Chooses the model folders and the backend. */
    public static final class Builder {
        private ModelLocation location;
        private String backendId = "nd4j";
        private BackendOptions options = BackendOptions.DEFAULTS;
        private BackendRegistry registry;
        private Precision precision = Precision.F32;
        private Consumer<String> log = s -> { };
        private java.util.function.Function<Backend, LoadedModels.NetworkSource> networks;
        private boolean keepModelsLoaded = true;

        public Builder models(ModelLocation l) {
            location = l;
            return this;
        }

        public Builder backend(String id) {
            backendId = id;
            return this;
        }

        public Builder backendOptions(BackendOptions o) {
            options = o;
            return this;
        }

        public Builder registry(BackendRegistry r) {
            registry = r;
            return this;
        }

        public Builder precision(Precision p) {
            precision = p;
            return this;
        }

        /**
         * Where networks come from once the backend is open (for ready-made models such as OpenVINO's
         * notebook IR files); by default they load from the model folders' checkpoints.
         */
        public Builder networks(java.util.function.Function<Backend, LoadedModels.NetworkSource> factory) {
            networks = factory;
            return this;
        }

        /**
         * Whether networks stay loaded between generations (the default: repeated generations start at
         * once). With {@code false} each generation loads what it runs and frees the prior's networks
         * before the decoder stage and the decoder's at the end, so the peak memory is that of the
         * larger half (about 6 GB less at the published sizes) at the cost of loading again next time.
         */
        public Builder keepModelsLoaded(boolean keep) {
            keepModelsLoaded = keep;
            return this;
        }

        /** Receives one line per loaded network. */
        public Builder log(Consumer<String> l) {
            log = l;
            return this;
        }

        /**
         * Reads the model folders' configs (networks load on first use) and opens the backend.
         *
         * @throws dev.wuerstchen.api.error.CheckpointException for incomplete folders, naming the missing file
         * @throws dev.wuerstchen.api.error.BackendUnavailableException when the backend cannot run here
         */
        public Wuerstchen build() {
            Objects.requireNonNull(location, "models");
            PriorModelFolder prior = location.loadPrior();
            DecoderModelFolder decoder = location.loadDecoder();
            BackendRegistry r = registry != null ? registry : BackendRegistry.discover();
            ModelPair pair = new ModelPair(prior, decoder);
            try {
                if (networks == null) {
                    // every checkpoint's tensor list is checked now (headers only), so a bad download of the
                    // decoder or VQGAN is reported before the prior runs for minutes
                    pair.verify(ModelPair.PIPELINE_ROLES);
                }
            } catch (RuntimeException e) {
                pair.close();
                throw e;
            }
            Backend backend;
            try {
                backend = r.open(backendId, options);
            } catch (RuntimeException e) {
                pair.close();
                throw e;
            }
            try {
                LoadedModels.NetworkSource source = networks == null ? null : networks.apply(backend);
                return new Wuerstchen(backend, new LoadedModels(backend, pair, precision, log, source), keepModelsLoaded);
            } catch (RuntimeException e) {
                try {
                    pair.close();
                } finally {
                    backend.close();
                }
                throw e;
            }
        }
    }
}
