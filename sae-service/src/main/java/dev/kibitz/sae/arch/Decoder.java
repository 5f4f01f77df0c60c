package dev.kibitz.sae.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Decoder math every architecture shares: x-hat = f W_dec + b_dec and its squared-error gradient. */
final class Decoder {
  private Decoder() {}

  static NDArray decode(NDArray f, NDArray wDec, NDArray bDec) {
    return f.matMul(wDec).add(bDec);
  }

  /** Row norms of W_dec, [d_sae]. */
  static NDArray rowNorms(NDArray wDec) {
    return wDec.norm(new int[] {1});
  }

  /** Mean over rows of ||a - b||^2. */
  static double meanSquaredNorm(NDArray diff) {
    return scalar(diff.square().sum()) / diff.getShape().get(0);
  }

  /** d/d(x-hat) of mean_b ||x-hat - x||^2, times {@code coeff}. */
  static NDArray errorGradient(NDArray diff, double coeff) {
    return diff.mul(2.0 * coeff / diff.getShape().get(0));
  }

  static double scalar(NDArray a) {
    return a.toType(DataType.FLOAT64, false).getDouble();
  }

  static NDArray mask(NDArray condition, NDArray like) {
    return condition.toType(like.getDataType(), false);
  }

  /** d loss / d b_dec through the encoder input x - b_dec, given d loss / d (x - b_dec) W. */
  static NDArray inputCentringGradient(NDArray dPre, NDArray wEnc) {
    return dPre.sum(new int[] {0}, true).matMul(wEnc.transpose()).squeeze(0).neg();
  }

  /** d/dW_dec of lambda/B * sum_b sum_i f_bi ||W_dec,i||: the decoder-norm-weighted penalty. */
  static NDArray normPenaltyGradient(NDArray f, NDArray wDec, NDArray norms, double lambdaOverB) {
    return wDec.div(norms.expandDims(1)).mul(f.sum(new int[] {0}).expandDims(1)).mul(lambdaOverB);
  }
}
