import type { FloatArray } from '../float-array';

/**
 * im2col / col2im for one sample: unrolls every K×K window of a padded (C, H, W) image into a column
 * so a convolution becomes one matrix multiply. col is (C·K·K, OH·OW): row (c, ki, kj), column (oy, ox).
 * Out-of-image (padding) taps read as 0 and receive no gradient.
 */
export function im2col(
  col: FloatArray, colOff: number,
  img: FloatArray, imgOff: number,
  C: number, H: number, W: number, K: number, stride: number, pad: number, OH: number, OW: number,
): void {
  const P = OH * OW;
  for (let c = 0; c < C; c++) {
    const plane = imgOff + c * H * W;
    for (let ki = 0; ki < K; ki++) {
      for (let kj = 0; kj < K; kj++) {
        const rowOff = colOff + ((c * K + ki) * K + kj) * P;
        for (let oy = 0; oy < OH; oy++) {
          const y = oy * stride - pad + ki;
          const dst = rowOff + oy * OW;
          if (y < 0 || y >= H) {
            for (let ox = 0; ox < OW; ox++) col[dst + ox] = 0;
            continue;
          }
          const src = plane + y * W;
          for (let ox = 0; ox < OW; ox++) {
            const x = ox * stride - pad + kj;
            col[dst + ox] = x >= 0 && x < W ? img[src + x]! : 0;
          }
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
): void {
  const P = OH * OW;
  for (let c = 0; c < C; c++) {
    const plane = imgOff + c * H * W;
    for (let ki = 0; ki < K; ki++) {
      for (let kj = 0; kj < K; kj++) {
        const rowOff = colOff + ((c * K + ki) * K + kj) * P;
        for (let oy = 0; oy < OH; oy++) {
          const y = oy * stride - pad + ki;
          if (y < 0 || y >= H) continue;
          const src = rowOff + oy * OW;
          const dst = plane + y * W;
          for (let ox = 0; ox < OW; ox++) {
            const x = ox * stride - pad + kj;
            if (x >= 0 && x < W) img[dst + x] = img[dst + x]! + col[src + ox]!;
          }
        }
      }
    }
  }
}
