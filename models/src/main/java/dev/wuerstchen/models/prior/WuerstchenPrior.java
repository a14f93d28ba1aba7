package dev.wuerstchen.models.prior;

import dev.wuerstchen.api.config.PriorConfig;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.nn.Weights;
import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.models.blocks.AttnBlock;
import dev.wuerstchen.models.blocks.Conv2d;
import dev.wuerstchen.models.blocks.InputChecks;
import dev.wuerstchen.models.blocks.Linear;
import dev.wuerstchen.models.blocks.RatioEmbedding;
import dev.wuerstchen.models.blocks.ResBlock;
import dev.wuerstchen.models.blocks.TimestepBlock;
import java.util.List;
import java.util.Map;

/**
 * Stage C (spec 5): predicts the noise of the 16-channel image embedding from x (B, c_in, h, w),
 * the ratio r (B) and the prior-CLIP hidden states c (B, L, c_cond).
 */
public final class WuerstchenPrior implements NetworkDefinition {

    public static final String X = "x";
    public static final String R = "r";
    public static final String C = "c";
    public static final String EPS = "eps";

    private static final float NORM_EPS = 1e-6f;

    private final PriorConfig config;
    private final ParameterManifest manifest;

    public WuerstchenPrior(PriorConfig config) {
        this.config = config;
        ParameterManifest.Builder m = new ParameterManifest.Builder(name());
        projection().declare(m);
        condIn().declare(m);
        condOut().declare(m);
        for (int d = 0; d < config.depth(); d++) {
            resBlock(d).declare(m);
            timestepBlock(d).declare(m);
            attnBlock(d).declare(m);
        }
        out().declare(m);
        this.manifest = m.build();
    }

    public PriorConfig config() {
        return config;
    }

    @Override
    public String name() {
        return "prior";
    }

    @Override
    public ParameterManifest manifest() {
        return manifest;
    }

    @Override
    public List<TensorSpec> inputs() {
        return List.of(new TensorSpec(X, DType.F32), new TensorSpec(R, DType.F32), new TensorSpec(C, DType.F32));
    }

    @Override
    public List<TensorSpec> outputs() {
        return List.of(new TensorSpec(EPS, DType.F32));
    }

    @Override
    public void checkInputs(Map<String, Shape> shapes) {
        Shape x = InputChecks.require(name(), shapes, X);
        InputChecks.expect(name(), X, x, -1, config.cIn(), -1, -1);
        InputChecks.expect(name(), R, InputChecks.require(name(), shapes, R), x.dim(0));
        InputChecks.expect(name(), C, InputChecks.require(name(), shapes, C), x.dim(0), -1, config.cCond());
    }

    private Conv2d projection() {
        return Conv2d.pointwise("projection", config.cIn(), config.c());
    }

    private Linear condIn() {
        return Linear.of("cond_mapper.0", config.cCond(), config.c());
    }

    private Linear condOut() {
        return Linear.of("cond_mapper.2", config.c(), config.c());
    }

    private ResBlock resBlock(int d) {
        return new ResBlock("blocks." + (3 * d), config.c(), 0, 3);
    }

    private TimestepBlock timestepBlock(int d) {
        return new TimestepBlock("blocks." + (3 * d + 1), config.c(), config.cR());
    }

    private AttnBlock attnBlock(int d) {
        return new AttnBlock("blocks." + (3 * d + 2), config.c(), config.c(), config.nhead());
    }

    private Conv2d out() {
        return Conv2d.pointwise("out.1", config.c(), 2 * config.cIn());
    }

    @Override
    public Map<String, Tensor> forward(Ops ops, Weights w, Map<String, Tensor> inputs) {
        Tensor xIn = inputs.get(X);
        Tensor h = projection().apply(ops, w, xIn); // (B, c, h, w)
        Tensor cond = condOut().apply(ops, w, ops.leakyRelu(condIn().apply(ops, w, inputs.get(C)), 0.2f)); // (B, L, c)
        Tensor rEmbed = RatioEmbedding.embed(ops, inputs.get(R), config.cR()); // (B, c_r)
        for (int d = 0; d < config.depth(); d++) {
            h = resBlock(d).apply(ops, w, h, null);
            h = timestepBlock(d).apply(ops, w, h, rEmbed);
            h = attnBlock(d).apply(ops, w, h, cond);
        }
        Tensor o = out().apply(ops, w, ops.layerNormChannels(h, NORM_EPS)); // (B, 2·c_in, h, w)
        int cIn = config.cIn();
        Tensor a = ops.slice(o, 1, 0, cIn);
        Tensor b = ops.slice(o, 1, cIn, 2 * cIn);
        // eps = (x − a) / (|1 − b| + 1e-5)
        Tensor denom = ops.addScalar(ops.abs(ops.affine(b, -1f, 1f)), 1e-5f);
        return Map.of(EPS, ops.div(ops.sub(xIn, a), denom));
    }
}
