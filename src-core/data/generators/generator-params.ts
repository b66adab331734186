/** What every generator takes: how many rows, how much Gaussian noise, and the seed. */
export interface GeneratorParams {
  samples: number;
  noise: number;
  seed: number;
}
