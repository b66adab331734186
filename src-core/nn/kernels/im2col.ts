import type { FloatArray } from '../float-array';

/**
 * im2col / col2im for one sample: unrolls every K×K window of a padded (C, H, W) image into a column
 * so a convolution becomes one matrix multiply. col is (C·K·K, OH·OW): row (c, ki, kj), column (oy, ox), its rows
 * rowStride apart (OH·OW for one sample alone; a multiple of it when several samples' columns sit side by side).
 * Out-of-image (padding) taps read as 0 and receive no gradient. For each tap (ki, kj) the output columns whose x
 * falls inside the image are one range [lo, hi), found once, so the inner loops carry no bounds test.
 */

/** The first output column ox whose input column ox·stride − pad + kj is ≥ 0. */
const firstInside = (kj: number, stride: number, pad: number): number => Math.max(0, Math.ceil((pad - kj) / stride));
/** One past the last output column whose input column is < W (at least lo). */
const endInside = (W: number, kj: number, stride: number, pad: number, OW: number, lo: number): number =>
  Math.max(lo, Math.min(OW, Math.floor((W - 1 + pad - kj) / stride) + 1));
export function im2col(
  col: FloatArray, colOff: number,
  img: FloatArray, imgOff: number,
  C: number, H: number, W: number, K: number, stride: number, pad: number, OH: number, OW: number,
  rowStride = OH * OW,
): void {
  for (let c = 0; c < C; c++) {
    const plane = imgOff + c * H * W;
    for (let ki = 0; ki < K; ki++) {
      for (let kj = 0; kj < K; kj++) {
        const rowOff = colOff + ((c * K + ki) * K + kj) * rowStride;
        const lo = firstInside(kj, stride, pad);
        const hi = endInside(W, kj, stride, pad, OW, lo);
        for (let oy = 0; oy < OH; oy++) {
          const y = oy * stride - pad + ki;
          const dst = rowOff + oy * OW;
          if (y < 0 || y >= H) {
            for (let ox = 0; ox < OW; ox++) col[dst + ox] = 0;
            continue;
          }
          for (let ox = 0; ox < lo; ox++) col[dst + ox] = 0;
          let x = plane + y * W + lo * stride - pad + kj;
          for (let ox = lo; ox < hi; ox++, x += stride) col[dst + ox] = img[x]!;
          for (let ox = hi; ox < OW; ox++) col[dst + ox] = 0;
        }
      }
    }
  }
}

/** The adjoint of im2col: ACCUMULATES each column entry back into the image position it was read from. */
export function col2im(
  img: FloatArray, imgOff: number,
  col: FloatArray, colOff: number,
  C: number, H: number, W: number, K: number, stride: number, pad: number, OH: number, OW: number,
  rowStride = OH * OW,
): void {
  for (let c = 0; c < C; c++) {
    const plane = imgOff + c * H * W;
    for (let ki = 0; ki < K; ki++) {
      for (let kj = 0; kj < K; kj++) {
        const rowOff = colOff + ((c * K + ki) * K + kj) * rowStride;
        const lo = firstInside(kj, stride, pad);
        const hi = endInside(W, kj, stride, pad, OW, lo);
        for (let oy = 0; oy < OH; oy++) {
          const y = oy * stride - pad + ki;
          if (y < 0 || y >= H) continue;
          const src = rowOff + oy * OW;
          let x = plane + y * W + lo * stride - pad + kj;
          for (let ox = lo; ox < hi; ox++, x += stride) img[x] = img[x]! + col[src + ox]!;
        }
      }
    }
  }
}
