export const kernelSource: string;
export const bytesModule: string;
/** The text of src-core/nn/kernels/wasm-bytes.ts for the current kernel source. */
export function kernelModuleText(): Promise<string>;
