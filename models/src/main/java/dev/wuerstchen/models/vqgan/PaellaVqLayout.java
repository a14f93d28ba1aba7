package dev.wuerstchen.models.vqgan;

import dev.wuerstchen.api.config.VqganConfig;
import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.ops.Conv2dParams;
import dev.wuerstchen.models.blocks.Conv2d;
import dev.wuerstchen.models.blocks.ConvTranspose2d;
import dev.wuerstchen.models.blocks.MixingResidualBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * The layers of PaellaVQModel (spec 7) built from its config, shared by the decode, encode and
 * quantize networks so the three agree on names and on the checkpoint they need.
 */
final class PaellaVqLayout {

    /** An element of the {@code up_blocks} or {@code down_blocks} sequences. */
    sealed interface Step {
    }

    record Mix(MixingResidualBlock block) implements Step {
    }

    /** Strided convolution between encoder levels. */
    record Down(Conv2d conv) implements Step {
    }

    /** Transposed convolution between decoder levels. */
    record Up(ConvTranspose2d conv) implements Step {
    }

    private final VqganConfig c;

    PaellaVqLayout(VqganConfig config) {
        this.c = config;
    }

    VqganConfig config() {
        return c;
    }

    private int factor() {
        return c.upDownScaleFactor();
    }

    private int cLast() {
        return c.channels(c.levels() - 1);
    }

    Conv2d inBlock() {
        return Conv2d.pointwise("in_block.1", c.inChannels() * factor() * factor(), c.channels(0));
    }

    /** Encoder: [conv k4 s2 p1 before level i > 0], MixRes per level; then the latent projection. */
    List<Step> downSteps() {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < c.levels(); i++) {
            String p = "down_blocks." + steps.size();
            if (i > 0) {
                steps.add(new Down(new Conv2d(p, c.channels(i - 1), c.channels(i), 4, Conv2dParams.of(2, 1), true)));
                p = "down_blocks." + steps.size();
            }
            steps.add(new Mix(new MixingResidualBlock(p, c.channels(i), 4 * c.channels(i))));
        }
        return steps;
    }

    /** Prefix of the final {@code Sequential(conv 1×1 no bias, BatchNorm2d)}. */
    String latentBlock() {
        return "down_blocks." + downSteps().size();
    }

    Conv2d latentProjection() {
        return new Conv2d(latentBlock() + ".0", cLast(), c.latentChannels(), 1, Conv2dParams.DEFAULT, false);
    }

    String batchNorm() {
        return latentBlock() + ".1";
    }

    Conv2d upIn() {
        return Conv2d.pointwise("up_blocks.0.0", c.latentChannels(), cLast());
    }

    /** Decoder: bottleneck MixRes blocks at the deepest level, one per other level, transposed convs between. */
    List<Step> upSteps() {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < c.levels(); i++) {
            int ch = c.channels(c.levels() - 1 - i);
            int repeats = i == 0 ? c.bottleneckBlocks() : 1;
            for (int j = 0; j < repeats; j++) {
                steps.add(new Mix(new MixingResidualBlock("up_blocks." + (steps.size() + 1), ch, 4 * ch)));
            }
            if (i < c.levels() - 1) {
                steps.add(new Up(new ConvTranspose2d("up_blocks." + (steps.size() + 1), ch,
                        c.channels(c.levels() - 2 - i), 4, 2, 1)));
            }
        }
        return steps;
    }

    Conv2d outBlock() {
        return Conv2d.pointwise("out_block.0", c.channels(0), c.outChannels() * factor() * factor());
    }

    String codebook() {
        return "vquantizer.embedding.weight";
    }

    ParameterManifest manifest(String network) {
        ParameterManifest.Builder m = new ParameterManifest.Builder(network);
        inBlock().declare(m);
        for (Step s : downSteps()) {
            declare(m, s);
        }
        latentProjection().declare(m);
        for (String k : new String[] {"weight", "bias", "running_mean", "running_var"}) {
            m.add(batchNorm() + "." + k, c.latentChannels());
        }
        m.add(codebook(), c.numVqEmbeddings(), c.latentChannels());
        upIn().declare(m);
        for (Step s : upSteps()) {
            declare(m, s);
        }
        outBlock().declare(m);
        String tracked = batchNorm() + ".num_batches_tracked";
        m.ignoring(tracked::equals);
        return m.build();
    }

    private static void declare(ParameterManifest.Builder m, Step s) {
        switch (s) {
            case Mix mix -> mix.block().declare(m);
            case Down d -> d.conv().declare(m);
            case Up u -> u.conv().declare(m);
        }
    }
}
