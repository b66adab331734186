import { z } from 'zod';

/**
 * The one tensor type that crosses a process boundary: a typed array with its dtype and shape (row-major).
 * IPC carries it by structured clone; the browser host's WebSocket as binary frames (wire.ts), never as JSON numbers.
 */
export const tensorDtypes = ['float32', 'float64', 'uint8', 'int32'] as const;
export type TensorDtype = (typeof tensorDtypes)[number];

export interface TensorArrays {
  float32: Float32Array;
  float64: Float64Array;
  uint8: Uint8Array;
  int32: Int32Array;
}

export interface Tensor<D extends TensorDtype = TensorDtype> {
  dtype: D;
  shape: number[];
  data: TensorArrays[D];
}

export const tensorArrayTypes = { float32: Float32Array, float64: Float64Array, uint8: Uint8Array, int32: Int32Array } as const;

/** The number of elements of a shape (1 for a scalar's empty shape). */
export function shapeSize(shape: readonly number[]): number {
  return shape.reduce((size, n) => size * n, 1);
}

/** A tensor over `data`, checked: its length must fill the shape. */
export function tensor<D extends TensorDtype>(dtype: D, shape: readonly number[], data: TensorArrays[D]): Tensor<D> {
  const size = shapeSize(shape);
  if (data.length !== size) throw new RangeError(`A ${dtype} tensor of shape [${shape.join(', ')}] needs ${size} values, not ${data.length}`);
  return { dtype, shape: [...shape], data };
}

export function isTensorArray(value: unknown): value is TensorArrays[TensorDtype] {
  return Object.values(tensorArrayTypes).some((Type) => value instanceof Type);
}

/** Validates a tensor at the boundary: a known dtype, a shape of whole sizes, data of that dtype filling it. */
export const tensorSchema = z
  .strictObject({
    dtype: z.enum(tensorDtypes),
    shape: z.array(z.number().int().nonnegative()).max(8),
    data: z.custom<TensorArrays[TensorDtype]>(isTensorArray, 'must be a typed array'),
  })
  .superRefine((value, context) => {
    if (!(value.data instanceof tensorArrayTypes[value.dtype])) {
      context.addIssue({ code: 'custom', path: ['data'], message: `must be a ${tensorArrayTypes[value.dtype].name} for dtype ${value.dtype}` });
    } else if (value.data.length !== shapeSize(value.shape)) {
      context.addIssue({ code: 'custom', path: ['data'], message: `has ${value.data.length} values; shape [${value.shape.join(', ')}] needs ${shapeSize(value.shape)}` });
    }
  }) as unknown as z.ZodType<Tensor>;
